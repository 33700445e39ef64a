// Who may use the map. Two secrets, both random and printed or handed out by the server:
//
// - the access token, required on every request when the server listens on a non-loopback
//   address (a browser presents it once as ?access=... and then carries it as a cookie; scripts
//   send "Authorization: Bearer ..."), so that nobody else on the network can read the emulation;
// - the session token, which the page fetches from /api/session and sends with every control
//   action (X-Asemu-Session header, or ?session=... on a WebSocket). Another web site open in the
//   same browser cannot read that answer, so it cannot switch BGP sessions or open a console.
#pragma once

#include <map>
#include <string>

namespace asemu::map {

// 32 hex digits from the system's random source.
std::string randomToken();

// True for 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(const std::string& host);

struct Access {
  std::string access_token;  // "" when the server listens on loopback only
  std::string session_token;
};

// The value of `name` in a Cookie header, or "".
std::string cookieValue(const std::string& cookieHeader, const std::string& name);
// Constant-time comparison, so a token cannot be guessed byte by byte from response times.
bool sameToken(const std::string& a, const std::string& b);

}  // namespace asemu::map
