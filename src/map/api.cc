#include "asemu/map/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "asemu/core/error.h"
#include "asemu/map/capture.h"
#include "asemu/map/graph.h"
#include "asemu/runtime/announcements.h"
#include "asemu/runtime/node_lookup.h"

namespace asemu::map {

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string> sessionNames(const plan::Node& node) {
  std::vector<std::string> out;
  for (const auto& s : node.bird->sessions) out.push_back(s.name);
  return out;
}

// The string fields of a JSON object request body; "" for a field that is missing or not a
// string.
class StringFields {
 public:
  explicit StringFields(const std::string& body)
      : body_(nlohmann::json::parse(body, nullptr, false)) {}
  std::string operator()(const char* name) const {
    auto it = body_.find(name);
    return it != body_.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
  // The 400 for a body that is not {"node", OBJECT, "action"} with one of the two actions.
  std::optional<Response> refusal(const std::string& object,
                                  const std::array<const char*, 2>& actions) const {
    if (body_.is_discarded() || !body_.is_object())
      return errorResponse(
          400, "the request body must be a JSON object {\"node\", \"" + object + "\", \"action\"}");
    std::string action = (*this)("action");
    if (action != actions[0] && action != actions[1])
      return errorResponse(400, fmt::format("action must be \"{}\" or \"{}\", not \"{}\"",
                                            actions[0], actions[1], action));
    return std::nullopt;
  }

 private:
  nlohmann::json body_;
};

nlohmann::json sessionJson(const runtime::SessionState& s) {
  return {{"name", s.name},
          {"state", s.state},
          {"info", s.info},
          {"neighbor", s.neighbor},
          {"established", s.established()},
          // BIRD keeps a protocol "down" only while it is disabled; failing sessions cycle
          // through "start".
          {"enabled", s.state != "down"}};
}

}  // namespace

std::string percentDecode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
               hexValue(text[i + 2]) >= 0) {
      out += char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

Target parseTarget(const std::string& target) {
  Target t;
  size_t q = target.find('?');
  t.path = percentDecode(target.substr(0, q));
  if (q == std::string::npos) return t;
  std::string query = target.substr(q + 1);
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t end = query.find('&', pos);
    if (end == std::string::npos) end = query.size();
    std::string part = query.substr(pos, end - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      if (eq == std::string::npos)
        t.query[percentDecode(part)] = "";
      else
        t.query[percentDecode(part.substr(0, eq))] = percentDecode(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return t;
}

Response jsonResponse(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  // Values a client sent (a Host header, a filter) may be any bytes: never fail on them.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response errorResponse(int status, const std::string& message) {
  return jsonResponse(status, {{"error", message}});
}

Api::Api(Emulation& emulation, bool console)
    : emulation_(emulation), console_(console), graph_(graphJson(emulation.plan())) {}

const plan::Node& Api::node(const std::string& query) const {
  return runtime::resolveNode(emulation_.plan(), query);
}

std::optional<Response> Api::checkUpgrade(const Request& r) const {
  Target t = parseTarget(r.target);
  if (t.path == "/api/events") {
    auto it = t.query.find("filter");
    std::string filter = it == t.query.end() ? "" : it->second;
    if (std::string why = filterProblem(filter); !why.empty())
      return errorResponse(400, "invalid filter '" + filter + "': " + why);
    return std::nullopt;
  }
  if (t.path == "/api/console") {
    if (!console_)
      return errorResponse(403, "the console is off (start the map with 'asemu map --console')");
    try {
      node(t.query.count("node") ? t.query.at("node") : "");
    } catch (const Error& e) {
      return errorResponse(404, e.what());
    }
    return std::nullopt;
  }
  return errorResponse(404, "no WebSocket at " + t.path);
}

std::optional<Response> Api::handle(const Request& r) {
  Target t = parseTarget(r.target);
  if (t.path.rfind("/api/", 0) != 0) return std::nullopt;
  try {
    if (r.method == "GET" && t.path == "/api/session")
      return jsonResponse(200, {{"emulation", emulation_.name()}, {"console", console_}});
    if (r.method == "GET" && t.path == "/api/graph") return jsonResponse(200, graph_);
    if (r.method == "GET" && t.path == "/api/nodes") {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& n : emulation_.plan().nodes) out.push_back(nodeJson(n));
      return jsonResponse(200, out);
    }
    if (r.method == "GET" && t.path == "/api/node") {
      const plan::Node* n;
      try {
        n = &node(t.query.count("id") ? t.query.at("id") : "");
      } catch (const Error& e) {
        return errorResponse(404, e.what());
      }
      return jsonResponse(200, nodeJson(*n));
    }
    if (r.method == "GET" && t.path == "/api/bgp") return bgpList(t);
    if (r.method == "POST" && t.path == "/api/bgp") return bgpSet(r);
    if (r.method == "POST" && t.path == "/api/filter") return filterCheck(r);
    if (r.method == "GET" && t.path == "/api/announce") return announcedList(t);
    if (r.method == "POST" && t.path == "/api/announce") return announceSet(r);
    if (r.method == "GET" && t.path == "/api/catchment") return catchment(t);
  } catch (const Error& e) {
    return errorResponse(502, e.what());
  }
  if (t.path == "/api/events" || t.path == "/api/console")
    return errorResponse(400, t.path + " is a WebSocket: connect with an Upgrade request");
  return errorResponse(404, "no such API: " + r.method + " " + t.path);
}

Response Api::bgpList(const Target& t) {
  const plan::Node* n;
  try {
    n = &node(t.query.count("node") ? t.query.at("node") : "");
  } catch (const Error& e) {
    return errorResponse(404, e.what());
  }
  if (!n->bird)
    return errorResponse(400, n->id + ": runs no BGP (it is a " + plan::roleName(n->role) + ")");
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : emulation_.sessions(*n)) sessions.push_back(sessionJson(s));
  return jsonResponse(200, {{"node", n->id}, {"sessions", sessions}});
}

Response Api::bgpSet(const Request& r) {
  StringFields field(r.body);
  if (auto refusal = field.refusal("session", {"enable", "disable"})) return *refusal;
  std::string action = field("action"), session = field("session");
  const plan::Node* n;
  try {
    n = &node(field("node"));
  } catch (const Error& e) {
    return errorResponse(404, e.what());
  }
  if (!n->bird)
    return errorResponse(400, n->id + ": runs no BGP (it is a " + plan::roleName(n->role) + ")");
  if (!n->bird->findSession(session))
    return errorResponse(404,
                         n->id + ": " + unknownNameMessage("session", session, sessionNames(*n)));
  emulation_.setSessionEnabled(*n, session, action == "enable");
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : emulation_.sessions(*n)) sessions.push_back(sessionJson(s));
  return jsonResponse(200, {{"node", n->id}, {"sessions", sessions}});
}

Response Api::filterCheck(const Request& r) {
  nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("filter") ||
      !body["filter"].is_string())
    return errorResponse(400, "the request body must be a JSON object {\"filter\": \"EXPR\"}");
  std::string filter = body["filter"];
  if (std::string why = filterProblem(filter); !why.empty())
    return errorResponse(400, "invalid filter '" + filter + "': " + why);
  return jsonResponse(200, {{"filter", filter}, {"ok", true}});
}

std::variant<const plan::Node*, Response> Api::announcingRouter(const std::string& query) const {
  const plan::Node* n;
  try {
    n = &node(query);
  } catch (const Error& e) {
    return errorResponse(404, e.what());
  }
  if (!runtime::announcesAtRuntime(*n))
    return errorResponse(400, n->id +
                                  ": announces nothing (only a router with BGP sessions can; "
                                  "it is a " +
                                  plan::roleName(n->role) + ")");
  return n;
}

namespace {

nlohmann::json prefixList(const std::vector<Ipv4Prefix>& prefixes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : prefixes) out.push_back(p.str());
  return out;
}

}  // namespace

Response Api::announcedList(const Target& t) {
  auto router = announcingRouter(t.query.count("node") ? t.query.at("node") : "");
  if (auto* refusal = std::get_if<Response>(&router)) return *refusal;
  const plan::Node& n = *std::get<const plan::Node*>(router);
  return jsonResponse(200, {{"node", n.id}, {"announced", prefixList(emulation_.announced(n))}});
}

Response Api::announceSet(const Request& r) {
  StringFields field(r.body);
  if (auto refusal = field.refusal("prefix", {"announce", "withdraw"})) return *refusal;
  std::string action = field("action");
  auto router = announcingRouter(field("node"));
  if (auto* refusal = std::get_if<Response>(&router)) return *refusal;
  const plan::Node& n = *std::get<const plan::Node*>(router);
  // Refusals of the request itself are 400; a failure to carry it out (BIRD) is left to the
  // 502 of handle().
  const std::string prefix = field("prefix");
  if (auto why = announcedPrefixProblem(prefix); !why.empty())
    return errorResponse(400, n.id + ": " + why);
  const Ipv4Prefix p = *Ipv4Prefix::parse(prefix);
  std::vector<Ipv4Prefix> now = emulation_.announced(n);
  bool listed = std::find(now.begin(), now.end(), p) != now.end();
  if (action == "announce" && listed)
    return errorResponse(400, n.id + ": already announces " + p.str());
  if (action == "withdraw" && !listed)
    return errorResponse(400, n.id + ": does not announce " + p.str());
  std::string done = emulation_.setAnnounced(n, prefix, action == "announce");
  return jsonResponse(
      200, {{"node", n.id}, {"done", done}, {"announced", prefixList(emulation_.announced(n))}});
}

Response Api::catchment(const Target& t) {
  Ipv4Address address;
  try {
    address = runtime::parseCatchmentAddress(t.query.count("address") ? t.query.at("address") : "");
  } catch (const Error& e) {
    return errorResponse(400, e.what());
  }
  auto measured = t.query.find("measured");
  bool measure =
      measured != t.query.end() && (measured->second == "1" || measured->second == "true");
  runtime::Catchment c = emulation_.predictCatchment(address);
  try {
    runtime::requireOrigin(emulation_.plan(), c);
  } catch (const Error& e) {
    return errorResponse(404, e.what());
  }
  if (measure) {
    std::unique_lock<std::mutex> one(measuring_, std::try_to_lock);
    if (!one.owns_lock())
      return errorResponse(409, "a catchment is being measured; ask again when it is done");
    emulation_.measureCatchment(address, c);
  }
  return jsonResponse(200, runtime::catchmentJson(c));
}

}  // namespace asemu::map
