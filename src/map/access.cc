#include "asemu/map/access.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <fstream>

#include "asemu/core/error.h"
#include "asemu/map/api.h"

namespace asemu::map {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string header(const Request& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

bool allowedHost(const Gate& gate, const std::string& host) {
  return std::find(gate.hosts.begin(), gate.hosts.end(), lower(host)) != gate.hosts.end();
}

bool changesState(const Request& r) {
  return (r.method != "GET" && r.method != "HEAD") || r.upgrade;
}

// Where a page load with ?access=TOKEN is sent once the cookie is set: its own path, unless
// that could leave the server ("//elsewhere/") or is not a plain path.
std::string cleanLocation(const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  bool plain = path.size() >= 1 && path[0] == '/' && path.rfind("//", 0) != 0 &&
               std::all_of(path.begin(), path.end(), [](char c) { return c > ' ' && c < 127; });
  return plain ? path : "/";
}

}  // namespace

std::string randomToken() {
  std::ifstream in("/dev/urandom", std::ios::binary);
  unsigned char bytes[16];
  if (!in.read(reinterpret_cast<char*>(bytes), sizeof bytes))
    throw Error("/dev/urandom", "cannot read random bytes for the access token");
  std::string out;
  for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

Gate makeGate(const std::string& address, unsigned short port, std::string token) {
  boost::system::error_code ec;
  auto ip = boost::asio::ip::make_address(address, ec);
  if (ec) throw Error(address, "not an IP address to listen on");
  if (ip.is_unspecified())
    throw Error(address,
                "the map listens on one address, which browsers must use in its URL: give "
                "--listen a specific address (127.0.0.1:PORT, or this machine's own address)");
  Gate g;
  g.token = std::move(token);
  std::string p = std::to_string(port);
  std::string text = lower(ip.to_string());
  g.hosts.push_back(ip.is_v6() ? "[" + text + "]:" + p : text + ":" + p);
  g.hosts.push_back("localhost:" + p);
  if (ip.is_loopback())
    for (std::string h : {"127.0.0.1:" + p, "[::1]:" + p})
      if (!allowedHost(g, h)) g.hosts.push_back(h);
  g.cookie = "asemu_access_" + p;
  return g;
}

std::optional<Response> admit(const Gate& gate, const Request& r) {
  std::string host = header(r, "host");
  if (!allowedHost(gate, host))
    return errorResponse(421, "this server answers to " + gate.hosts.front() +
                                  " (or localhost), not to Host '" + printable(host) + "'");
  if (changesState(r) && r.headers.count("origin")) {
    std::string origin = lower(header(r, "origin"));
    if (origin.rfind("http://", 0) != 0 || !allowedHost(gate, origin.substr(7)))
      return errorResponse(403, "requests from another site are refused (Origin '" +
                                    printable(header(r, "origin")) + "')");
  }
  std::string auth = header(r, "authorization");
  if (auth.rfind("Bearer ", 0) == 0 && sameToken(auth.substr(7), gate.token)) return std::nullopt;
  if (sameToken(cookieValue(header(r, "cookie"), gate.cookie), gate.token)) return std::nullopt;
  Target t = parseTarget(r.target);
  if (auto it = t.query.find("access");
      it != t.query.end() && sameToken(it->second, gate.token) && r.method == "GET" && !r.upgrade) {
    Response res;
    res.status = 303;
    res.content_type = "text/plain";
    res.headers["Location"] = cleanLocation(r.target);
    res.headers["Set-Cookie"] =
        gate.cookie + "=" + gate.token + "; Path=/; HttpOnly; SameSite=Strict";
    return res;
  }
  return errorResponse(401,
                       "missing or wrong access token: open the URL 'asemu map' printed "
                       "(it ends in ?access=TOKEN) or send 'Authorization: Bearer TOKEN'");
}

std::string cookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t first = part.find_first_not_of(' ');
    if (first != std::string::npos) part = part.substr(first);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

bool sameToken(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace asemu::map
