// Who may use the map. The server has one random access token, printed in the URL that
// `asemu map` shows (".../?access=TOKEN"), whatever address it listens on. A browser presents it
// once: the server answers that page load with an HttpOnly, SameSite=Strict cookie and a
// redirect to the clean URL, and the page's own requests carry the cookie. Scripts send
// "Authorization: Bearer TOKEN". Every other request, WebSocket upgrades included, needs one of
// the two.
//
// Before the token, every request passes two header checks that keep other web sites open in
// the same browser out (DNS rebinding, cross-site WebSockets and forms):
// - Host must name the server as it listens: its address with the port, or localhost:PORT
//   (and 127.0.0.1:PORT, [::1]:PORT when it listens on loopback);
// - Origin, when a POST or a WebSocket upgrade carries one, must be http:// and such a host.
#pragma once

#include <string>
#include <vector>

namespace asemu::map {

// 32 hex digits from the system's random source.
std::string randomToken();

struct Gate {
  std::string token;
  std::vector<std::string> hosts;  // the Host values accepted, lower-case, with the port
  std::string cookie;              // the cookie's name, one per port (browsers share cookies
                                   // between the ports of a host)
};

// The gate of a server listening on `address` (an IP address, not 0.0.0.0 or ::) and `port`.
// Throws asemu::Error for an unspecified address: the Host check needs the address clients use.
Gate makeGate(const std::string& address, unsigned short port, std::string token);

// The value of `name` in a Cookie header, or "".
std::string cookieValue(const std::string& cookieHeader, const std::string& name);
// Constant-time comparison, so a token cannot be guessed byte by byte from response times.
bool sameToken(const std::string& a, const std::string& b);

}  // namespace asemu::map
