// The Plan's JSON form. Writing is direct; reading checks every field so that a hand-edited or
// stale plan.json fails with the field's path instead of a crash.
#include "asemu/plan/json.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "asemu/core/error.h"
#include "asemu/core/files.h"
#include "asemu/core/names.h"

namespace asemu::plan {

using nlohmann::json;

namespace {

const char* networkKindName(NetworkKind k) {
  switch (k) {
    case NetworkKind::Local:
      return "local";
    case NetworkKind::Exchange:
      return "exchange";
    case NetworkKind::CrossConnect:
      return "xc";
  }
  return "local";
}

const char* roleKey(Role r) {
  switch (r) {
    case Role::Host:
      return "host";
    case Role::Router:
      return "router";
    case Role::BorderRouter:
      return "border_router";
    case Role::RouteServer:
      return "route_server";
  }
  return "";
}

const char* sessionKindName(SessionKind k) {
  switch (k) {
    case SessionKind::Ebgp:
      return "ebgp";
    case SessionKind::Ibgp:
      return "ibgp";
    case SessionKind::RouteServerClient:
      return "rs_client";
  }
  return "";
}

json linkJson(const LinkProperties& l) {
  return {{"latency_ms", l.latency_ms},
          {"bandwidth_bps", l.bandwidth_bps},
          {"loss_percent", l.loss_percent}};
}

json sessionJson(const BgpSession& s) {
  json j = {{"name", s.name},
            {"kind", sessionKindName(s.kind)},
            {"local_address", s.local_address.str()},
            {"local_as", s.local_as},
            {"neighbor_address", s.neighbor_address.str()},
            {"neighbor_as", s.neighbor_as}};
  if (s.kind == SessionKind::Ebgp) {
    j["import_class"] = routeClassName(s.import_class);
    j["local_pref"] = s.local_pref;
    j["export"] = s.export_policy == ExportPolicy::All ? "all" : "own_and_customers";
  }
  if (!s.neighbor_node.empty()) j["neighbor_node"] = s.neighbor_node;
  return j;
}

json nodeJson(const Node& n) {
  json j = {{"id", n.id}, {"name", n.name}, {"asn", n.asn}, {"role", roleKey(n.role)}};
  if (!n.display_name.empty()) j["display_name"] = n.display_name;  // optional: older plans
  if (n.exchange) j["exchange"] = n.exchange;                       // route servers
  json ifs = json::array();
  for (const auto& i : n.interfaces)
    ifs.push_back({{"name", i.name},
                   {"network", i.network},
                   {"address", i.address.str()},
                   {"prefix_length", i.prefix_length}});
  j["interfaces"] = ifs;
  if (n.loopback) j["loopback"] = n.loopback->str();
  json routes = json::array();
  for (const auto& r : n.routes)
    routes.push_back({{"destination", r.destination.str()}, {"via", r.via.str()}});
  j["routes"] = routes;
  json sysctls = json::object();
  for (const auto& s : n.sysctls) sysctls[s.key] = s.value;
  j["sysctls"] = sysctls;
  if (n.bird) {
    const Bird& b = *n.bird;
    json bj = {{"router_id", b.router_id.str()},
               {"asn", b.asn},
               {"route_server", b.route_server},
               {"direct_interfaces", b.direct_interfaces}};
    if (b.ospf)
      bj["ospf"] = {{"active_interfaces", b.ospf->active_interfaces},
                    {"stub_interfaces", b.ospf->stub_interfaces},
                    {"point_to_point_interfaces", b.ospf->point_to_point_interfaces}};
    if (b.ospf && b.ospf->timers == OspfTimers::Standard)  // optional, as "bgp_timers"
      bj["ospf"]["ospf_timers"] = "standard";
    json sessions = json::array();
    for (const auto& s : b.sessions) sessions.push_back(sessionJson(s));
    bj["sessions"] = sessions;
    if (!b.announced.empty()) {  // optional: a plan without announcements reads as before
      json announced = json::array();
      for (const auto& p : b.announced) announced.push_back(p.str());
      bj["announced"] = announced;
    }
    if (b.timers == BgpTimers::Fast) bj["bgp_timers"] = "fast";  // optional, as "announced"
    if (b.bfd) bj["bfd"] = true;
    j["bird"] = bj;
  }
  return j;
}

constexpr long long kMaxInt = std::numeric_limits<int>::max();

// Reading: every accessor names the JSON path it failed on.
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  // The path is the object in error: "plan.nodes[3].bird.sessions[0].kind: unknown value ...".
  [[noreturn]] void fail(const std::string& what) const { throw Error(path_, what); }
  const json& field(const json& j, const char* key) const {
    if (!j.is_object()) fail("expected an object");
    auto it = j.find(key);
    if (it == j.end()) Reader(path_).fail(std::string("missing field '") + key + "'");
    return *it;
  }
  std::string str(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (!v.is_string()) at(key).fail("expected a string");
    return v.get<std::string>();
  }
  // An integer from `lo` to `hi`: numbers reach names, configs and command lines, so none may
  // wrap around or be negative where the kernel or BIRD reads them as unsigned.
  long long integer(const json& j, const char* key, long long lo, long long hi) const {
    const json& v = field(j, key);
    if (!v.is_number_integer()) at(key).fail("expected an integer");
    bool inRange = v.is_number_unsigned() ? v.get<unsigned long long>() <= (unsigned long long)hi
                                          : v.get<long long>() >= lo && v.get<long long>() <= hi;
    if (!inRange) at(key).fail(fmt::format("must be an integer from {} to {}", lo, hi));
    return v.get<long long>();
  }
  double number(const json& j, const char* key, double lo, double hi) const {
    const json& v = field(j, key);
    if (!v.is_number()) at(key).fail("expected a number");
    double d = v.get<double>();
    if (!(d >= lo && d <= hi)) at(key).fail(fmt::format("must be a number from {} to {}", lo, hi));
    return d;
  }
  bool boolean(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (!v.is_boolean()) at(key).fail("expected true or false");
    return v.get<bool>();
  }
  Ipv4Address address(const json& j, const char* key) const {
    auto a = Ipv4Address::parse(str(j, key));
    if (!a) at(key).fail("expected an IPv4 address");
    return *a;
  }
  Ipv4Prefix prefix(const json& j, const char* key) const {
    auto p = Ipv4Prefix::parse(str(j, key));
    if (!p) at(key).fail("expected an IPv4 prefix a.b.c.d/len");
    return *p;
  }
  const json& array(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (!v.is_array()) at(key).fail("expected an array");
    return v;
  }
  std::vector<std::string> strings(const json& j, const char* key) const {
    std::vector<std::string> out;
    const json& a = array(j, key);
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string()) at(key).at(i).fail("expected a string");
      out.push_back(a[i].get<std::string>());
    }
    return out;
  }
  Reader at(const std::string& key) const { return Reader(path_ + "." + key); }
  Reader at(size_t index) const { return Reader(path_ + "[" + std::to_string(index) + "]"); }

 private:
  std::string path_;
};

template <class E>
E enumFrom(const Reader& r, const std::string& text,
           std::initializer_list<std::pair<const char*, E>> options) {
  for (const auto& [name, value] : options)
    if (text == name) return value;
  std::string known;
  for (const auto& o : options) known += (known.empty() ? "" : ", ") + std::string(o.first);
  r.fail("unknown value '" + text + "' (known: " + known + ")");
}

BgpSession readSession(const Reader& r, const json& j) {
  BgpSession s;
  s.name = r.str(j, "name");
  s.kind = enumFrom<SessionKind>(r.at("kind"), r.str(j, "kind"),
                                 {{"ebgp", SessionKind::Ebgp},
                                  {"ibgp", SessionKind::Ibgp},
                                  {"rs_client", SessionKind::RouteServerClient}});
  s.local_address = r.address(j, "local_address");
  s.local_as = int(r.integer(j, "local_as", 0, kMaxInt));
  s.neighbor_address = r.address(j, "neighbor_address");
  s.neighbor_as = int(r.integer(j, "neighbor_as", 0, kMaxInt));
  if (s.kind == SessionKind::Ebgp) {
    s.import_class = enumFrom<RouteClass>(r.at("import_class"), r.str(j, "import_class"),
                                          {{"customer", RouteClass::Customer},
                                           {"peer", RouteClass::Peer},
                                           {"provider", RouteClass::Provider}});
    s.local_pref = int(r.integer(j, "local_pref", 0, kMaxInt));
    s.export_policy = enumFrom<ExportPolicy>(
        r.at("export"), r.str(j, "export"),
        {{"all", ExportPolicy::All}, {"own_and_customers", ExportPolicy::OwnAndCustomers}});
  }
  if (j.contains("neighbor_node")) s.neighbor_node = r.str(j, "neighbor_node");
  return s;
}

Node readNode(const Reader& r, const json& j) {
  Node n;
  n.id = r.str(j, "id");
  n.name = r.str(j, "name");
  if (j.is_object() && j.contains("display_name")) n.display_name = r.str(j, "display_name");
  n.asn = int(r.integer(j, "asn", 0, kMaxInt));
  n.role = enumFrom<Role>(r.at("role"), r.str(j, "role"),
                          {{"host", Role::Host},
                           {"router", Role::Router},
                           {"border_router", Role::BorderRouter},
                           {"route_server", Role::RouteServer}});
  // A route server's exchange; plans written before the field had it only as the ASN.
  if (j.is_object() && j.contains("exchange"))
    n.exchange = int(r.integer(j, "exchange", 1, kMaxInt));
  else if (n.role == Role::RouteServer)
    n.exchange = n.asn;
  const json& ifs = r.array(j, "interfaces");
  for (size_t i = 0; i < ifs.size(); ++i) {
    Reader ri = r.at("interfaces").at(i);
    n.interfaces.push_back({ri.str(ifs[i], "name"), ri.str(ifs[i], "network"),
                            ri.address(ifs[i], "address"),
                            int(ri.integer(ifs[i], "prefix_length", 0, 32))});
  }
  if (j.contains("loopback")) n.loopback = r.address(j, "loopback");
  const json& routes = r.array(j, "routes");
  for (size_t i = 0; i < routes.size(); ++i) {
    Reader rr = r.at("routes").at(i);
    n.routes.push_back({rr.prefix(routes[i], "destination"), rr.address(routes[i], "via")});
  }
  const json& sysctls = r.field(j, "sysctls");
  if (!sysctls.is_object()) r.at("sysctls").fail("expected an object");
  for (auto it = sysctls.begin(); it != sysctls.end(); ++it) {
    if (!it->is_string()) r.at("sysctls").at(it.key()).fail("expected a string");
    n.sysctls.push_back({it.key(), it->get<std::string>()});
  }
  if (j.contains("bird")) {
    Reader rb = r.at("bird");
    const json& bj = j["bird"];
    Bird b;
    b.router_id = rb.address(bj, "router_id");
    b.asn = int(rb.integer(bj, "asn", 0, kMaxInt));
    b.route_server = rb.boolean(bj, "route_server");
    b.direct_interfaces = rb.strings(bj, "direct_interfaces");
    if (bj.contains("ospf")) {
      Reader ro = rb.at("ospf");
      b.ospf = Ospf{ro.strings(bj["ospf"], "active_interfaces"),
                    ro.strings(bj["ospf"], "stub_interfaces"),
                    ro.strings(bj["ospf"], "point_to_point_interfaces")};
      if (bj["ospf"].contains("ospf_timers"))
        b.ospf->timers =
            enumFrom<OspfTimers>(ro.at("ospf_timers"), ro.str(bj["ospf"], "ospf_timers"),
                                 {{"seed", OspfTimers::Seed}, {"standard", OspfTimers::Standard}});
    }
    const json& sessions = rb.array(bj, "sessions");
    for (size_t i = 0; i < sessions.size(); ++i)
      b.sessions.push_back(readSession(rb.at("sessions").at(i), sessions[i]));
    if (bj.contains("announced")) {
      std::vector<std::string> announced = rb.strings(bj, "announced");
      for (size_t i = 0; i < announced.size(); ++i) {
        if (auto why = announcedPrefixProblem(announced[i]); !why.empty())
          rb.at("announced").at(i).fail("router " + n.id + ": " + why);
        b.announced.push_back(*Ipv4Prefix::parse(announced[i]));
      }
    }
    if (bj.contains("bgp_timers"))
      b.timers = enumFrom<BgpTimers>(rb.at("bgp_timers"), rb.str(bj, "bgp_timers"),
                                     {{"seed", BgpTimers::Seed}, {"fast", BgpTimers::Fast}});
    if (bj.contains("bfd")) b.bfd = rb.boolean(bj, "bfd");
    n.bird = std::move(b);
  }
  return n;
}

// A node or network id: a scope and a name, each an object name, joined by '/'.
std::string idProblem(std::string_view id) {
  size_t slash = id.find('/');
  if (slash == std::string_view::npos || id.find('/', slash + 1) != std::string_view::npos)
    return "id '" + std::string(id) + "' is not of the form scope/name (e.g. as150/host_0)";
  if (auto why = objectNameProblem(id.substr(0, slash)); !why.empty()) return why;
  return objectNameProblem(id.substr(slash + 1));
}

// Interface names reach the kernel and BIRD's configuration, so they follow both rules; and
// each is the name of its network, so it is an exchange's (ix<N>), a cross-connect's (xc<N>) or
// one a local network may have (not lo, dummy0, eth<N>, ...).
std::string interfaceProblem(std::string_view name) {
  if (auto why = interfaceNameProblem(name); !why.empty()) return why;
  return isExchangeName(name) || isCrossConnectName(name) ? objectNameProblem(name)
                                                          : networkNameProblem(name);
}

// The checks that need the whole plan: every name follows its rule and every reference
// resolves. `diag` gets one error per problem, named by its JSON path.
class PlanChecker {
 public:
  PlanChecker(const Plan& plan, Diagnostics& diag) : plan_(plan), diag_(diag) {}

  void run() {
    check("plan.name", emulationNameProblem(plan_.name));
    std::set<std::string> networkIds, nodeIds;
    for (size_t i = 0; i < plan_.networks.size(); ++i) {
      const Network& n = plan_.networks[i];
      std::string at = "plan.networks[" + std::to_string(i) + "]";
      check(at + ".id", idProblem(n.id));
      if (!networkIds.insert(n.id).second) check(at + ".id", "another network has this id");
      check(at + ".name", interfaceProblem(n.name));
      if (n.kind == NetworkKind::Exchange && !isExchangeName(n.name))
        check(at + ".name", "an exchange's network is named ix<N>");
      if (n.kind == NetworkKind::CrossConnect && !isCrossConnectName(n.name))
        check(at + ".name", "a cross-connect's network is named xc<N>");
      check(at + ".prefix", networkPrefixProblem(n.prefix));
      check(at + ".display_name", displayNameProblem(n.display_name));
    }
    for (const auto& n : plan_.nodes) nodeIds.insert(n.id);
    std::set<std::string> seen;
    for (size_t i = 0; i < plan_.nodes.size(); ++i) {
      std::string at = "plan.nodes[" + std::to_string(i) + "]";
      if (!seen.insert(plan_.nodes[i].id).second) check(at + ".id", "another node has this id");
      node(at, plan_.nodes[i], networkIds, nodeIds);
    }
  }

 private:
  void check(const std::string& at, const std::string& problem) {
    if (!problem.empty()) diag_.add(at, problem);
  }
  // A name's own problem, or that the node already has a `what` of that name.
  void checkName(const std::string& at, const std::string& name, const std::string& problem,
                 std::set<std::string>& seen, const std::string& what) {
    check(at, problem);
    if (!seen.insert(name).second)
      check(at, "the node has another " + what + " named '" + name + "'");
  }

  void node(const std::string& at, const Node& n, const std::set<std::string>& networkIds,
            const std::set<std::string>& nodeIds) {
    check(at + ".id", idProblem(n.id));
    check(at + ".name", objectNameProblem(n.name));
    check(at + ".display_name", displayNameProblem(n.display_name));
    if ((n.role == Role::RouteServer) != (n.exchange != 0))
      check(at + ".exchange", n.exchange ? "only a route server belongs to an exchange"
                                         : "a route server names its exchange");
    std::set<std::string> interfaces = {"dummy0"};
    for (size_t k = 0; k < n.interfaces.size(); ++k) {
      const Interface& i = n.interfaces[k];
      std::string ia = at + ".interfaces[" + std::to_string(k) + "]";
      checkName(ia + ".name", i.name, interfaceProblem(i.name), interfaces, "interface");
      if (!networkIds.count(i.network))
        check(ia + ".network", "no network has the id '" + i.network + "' (see plan.networks)");
      if (i.prefix_length < 0 || i.prefix_length > 32)
        check(ia + ".prefix_length", "must be between 0 and 32");
    }
    for (const auto& s : n.sysctls) {
      std::string sa = at + ".sysctls." + s.key;
      check(sa, objectNameProblem(s.key));
      if (s.key.rfind("net.", 0) != 0)
        check(sa, "only network sysctls (net.*) belong to a node; a plan sets no others");
      if (s.value.empty() || withNameChars(s.value) != s.value)
        check(sa, "value '" + s.value + "' is not a plain word (letters, digits, '_', '-', '.')");
    }
    if (!n.bird) return;
    const Bird& b = *n.bird;
    auto known = [&](const std::string& list, const std::vector<std::string>& names) {
      for (size_t k = 0; k < names.size(); ++k)
        if (!interfaces.count(names[k]))
          check(at + ".bird." + list + "[" + std::to_string(k) + "]",
                "the node has no interface '" + names[k] + "'");
    };
    known("direct_interfaces", b.direct_interfaces);
    if (b.ospf) {
      known("ospf.active_interfaces", b.ospf->active_interfaces);
      known("ospf.stub_interfaces", b.ospf->stub_interfaces);
      known("ospf.point_to_point_interfaces", b.ospf->point_to_point_interfaces);
    }
    std::set<std::string> sessions;
    for (size_t k = 0; k < b.sessions.size(); ++k) {
      const BgpSession& s = b.sessions[k];
      std::string sa = at + ".bird.sessions[" + std::to_string(k) + "]";
      checkName(sa + ".name", s.name, sessionNameProblem(s.name), sessions, "session");
      if (!s.neighbor_node.empty() && !nodeIds.count(s.neighbor_node))
        check(sa + ".neighbor_node", "no node has the id '" + s.neighbor_node + "'");
    }
  }

  const Plan& plan_;
  Diagnostics& diag_;
};

}  // namespace

json toJson(const Plan& plan) {
  json networks = json::array();
  for (const auto& n : plan.networks) {
    networks.push_back({{"id", n.id},
                        {"name", n.name},
                        {"kind", networkKindName(n.kind)},
                        {"scope", n.scope},
                        {"prefix", n.prefix.str()},
                        {"display_name", n.display_name},
                        {"link", linkJson(n.link)}});
  }
  json nodes = json::array();
  for (const auto& n : plan.nodes) nodes.push_back(nodeJson(n));
  return {{"format", kPlanFormatVersion},
          {"name", plan.name},
          {"networks", networks},
          {"nodes", nodes}};
}

Plan planFromJson(const json& j) {
  Reader r("plan");
  long long format = r.integer(j, "format", 0, kMaxInt);
  if (format != kPlanFormatVersion)
    r.at("format").fail("this asemu reads plan format " + std::to_string(kPlanFormatVersion) +
                        ", not " + std::to_string(format) + " (render the topology again)");
  Plan plan;
  plan.name = r.str(j, "name");
  const json& networks = r.array(j, "networks");
  for (size_t i = 0; i < networks.size(); ++i) {
    Reader rn = r.at("networks").at(i);
    const json& nj = networks[i];
    Network n;
    n.id = rn.str(nj, "id");
    n.name = rn.str(nj, "name");
    n.kind = enumFrom<NetworkKind>(rn.at("kind"), rn.str(nj, "kind"),
                                   {{"local", NetworkKind::Local},
                                    {"exchange", NetworkKind::Exchange},
                                    {"xc", NetworkKind::CrossConnect}});
    n.scope = int(rn.integer(nj, "scope", 0, kMaxInt));
    n.prefix = rn.prefix(nj, "prefix");
    n.display_name = rn.str(nj, "display_name");
    Reader rl = rn.at("link");
    const json& lj = rn.field(nj, "link");
    n.link.latency_ms = uint32_t(rl.integer(lj, "latency_ms", 0, kMaxLatencyMs));
    n.link.bandwidth_bps = uint64_t(rl.integer(lj, "bandwidth_bps", 0, kMaxBandwidthBps));
    if (std::string why = bandwidthProblem(n.link.bandwidth_bps); !why.empty())
      rl.at("bandwidth_bps").fail(why);
    n.link.loss_percent = rl.number(lj, "loss_percent", 0, 100);
    plan.networks.push_back(std::move(n));
  }
  const json& nodes = r.array(j, "nodes");
  for (size_t i = 0; i < nodes.size(); ++i)
    plan.nodes.push_back(readNode(r.at("nodes").at(i), nodes[i]));
  Diagnostics diag;
  PlanChecker(plan, diag).run();
  diag.throwIfAny();
  return plan;
}

std::string sessionNameProblem(std::string_view name) {
  if (name.empty()) return "a session name cannot be empty";
  if (name.size() > kMaxSessionName)
    return "session name '" + std::string(name) + "' is longer than " +
           std::to_string(kMaxSessionName) + " characters";
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(name.front()))
    return "session name '" + std::string(name) + "' must start with a letter or '_'";
  for (char c : name)
    if (!letter(c) && !(c >= '0' && c <= '9'))
      return "session name '" + std::string(name) + "' contains '" + std::string(1, c) +
             "' (allowed: letters, digits, '_')";
  return {};
}

namespace {

// The first number token of `text` that a double cannot hold, for an error message.
std::string largeNumberIn(const std::string& text) {
  static const std::regex number(R"(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number);
       it != std::sregex_iterator(); ++it) {
    const std::string token = it->str();
    if (std::isinf(std::strtod(token.c_str(), nullptr))) return token.substr(0, 40);
  }
  return "?";
}

}  // namespace

std::string toJsonText(const Plan& plan, int indent) {
  return toJson(plan).dump(indent) + "\n";
}

Plan planFromJsonText(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error("plan", "not valid JSON (parse error at byte " + std::to_string(e.byte) + ")");
  } catch (const json::out_of_range&) {
    // A number beyond a double ("1e400"): the parser's exception carries no position.
    throw Error("plan", "not valid JSON (a number is too large: " + largeNumberIn(text) + ")");
  }
  return planFromJson(j);
}

Plan planFromJsonFile(const std::string& path) {
  const std::string text = readFile(path);
  auto inFile = [&](const Error& e) {
    return Error(e.object(), e.message(), SourceLocation{path});
  };
  try {
    return planFromJsonText(text);
  } catch (const Error& e) {
    throw inFile(e);
  } catch (const ErrorList& list) {
    std::vector<Error> errors;
    for (const auto& e : list.errors()) errors.push_back(inFile(e));
    throw ErrorList(std::move(errors));
  }
}

}  // namespace asemu::plan
