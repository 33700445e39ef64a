// The map's HTTP API, as plain request-to-response logic with no sockets, so that every status
// code and error message is unit-tested.
//
//   GET  /api/session                  {"emulation", "console"}
//   GET  /api/graph                    the graph (graph.h)
//   GET  /api/nodes                    every node in detail
//   GET  /api/node?id=NODE             one node (NODE as `asemu exec` takes it)
//   GET  /api/bgp?node=NODE            its BGP sessions with BIRD's state
//   POST /api/bgp  {"node","session","action":"enable"|"disable"}
//   GET  /api/announce?node=NODE       {"node", "announced": [prefixes it originates now]}
//   POST /api/announce {"node","prefix","action":"announce"|"withdraw"}
//   GET  /api/catchment?address=A[&measured=1]
//                                      runtime::catchmentJson: predicted, and measured when asked;
//                                      404 when nothing originates A, 409 while another is
//                                      measured
//   POST /api/filter {"filter"}        checks a BPF expression; 400 with libpcap's message
//   GET  /api/events?filter=EXPR       WebSocket: batches of packet events
//   GET  /api/console?node=NODE        WebSocket: a shell in the node (--console)
//
// Every request passes admit() (access.h) first. Errors are JSON {"error": "..."} with 400 (bad
// input), 401 (access token), 403 (foreign Origin, console off), 404 (unknown node, session or
// path), 409 (a catchment is being measured), 421 (wrong Host), 502 (BIRD unreachable, the
// emulation not running).
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "asemu/map/access.h"
#include "asemu/map/emulation.h"

namespace asemu::map {

struct Request {
  std::string method;                          // "GET", "POST"
  std::string target;                          // path and query: "/api/bgp?node=as180%2Frouter0"
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool upgrade = false;  // a WebSocket upgrade
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
};

// Path and decoded query parameters of a request target.
struct Target {
  std::string path;
  std::map<std::string, std::string> query;
};
Target parseTarget(const std::string& target);
std::string percentDecode(const std::string& text);

Response jsonResponse(int status, const nlohmann::json& body);
Response errorResponse(int status, const std::string& message);

// The gate every request passes before anything else (access.h): nullopt lets it through;
// otherwise the answer to send instead, a refusal (421 wrong Host, 403 foreign Origin, 401 no
// or wrong token) or, for a page load with the right ?access=TOKEN, a redirect that sets the
// cookie.
std::optional<Response> admit(const Gate& gate, const Request& request);

class Api {
 public:
  Api(Emulation& emulation, bool console);

  // Answers API requests; nullopt for paths the API does not own (static files).
  std::optional<Response> handle(const Request& request);
  // The check a WebSocket upgrade passes after admit(); nullopt when allowed.
  std::optional<Response> checkUpgrade(const Request& request) const;

  const plan::Node& node(const std::string& query) const;  // throws asemu::Error
  Emulation& emulation() { return emulation_; }

 private:
  Response bgpList(const Target& t);
  Response bgpSet(const Request& request);
  Response filterCheck(const Request& request);
  Response announcedList(const Target& t);
  Response announceSet(const Request& request);
  Response catchment(const Target& t);
  // The router `query` names, or the 404/400 answer when it is unknown or announces nothing.
  std::variant<const plan::Node*, Response> announcingRouter(const std::string& query) const;

  Emulation& emulation_;
  bool console_;
  // Held while a catchment is measured: one at a time, as each sends a probe from every AS.
  std::mutex measuring_;
  nlohmann::json graph_;
};

}  // namespace asemu::map
