#include "asemu/runtime/catchment.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "asemu/core/error.h"
#include "asemu/core/parallel.h"

namespace asemu::runtime {

namespace {

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// "10.180.0.0/24  unicast [u_as2 22:16:22.643] * (100) [AS180i]" (the prefix only on the first
// route of a reply): fills prefix, kind and protocol; returns whether it is marked best.
bool parseRouteHeader(const std::string& line, const std::string& lastPrefix, BestRoute& route) {
  std::istringstream in(line);
  std::string first;
  in >> first;
  route.prefix = lastPrefix;
  if (Ipv4Prefix::parse(first)) {
    route.prefix = first;
    in >> route.kind;
  } else {
    route.kind = first;
  }
  std::string word;
  in >> word;
  if (startsWith(word, "[")) route.protocol = word.substr(1);
  if (!route.protocol.empty() && route.protocol.back() == ']') route.protocol.pop_back();
  // The flags after the closing bracket of the source: '*' marks the best route.
  auto close = line.find(']');
  return close != std::string::npos && line.find(" * ", close) != std::string::npos;
}

// One attribute line of a route ("via 10.100.0.2 on ix100", "dev net0", "Type: BGP univ",
// "BGP.as_path: 2 180").
void parseRouteAttribute(const std::string& raw, BestRoute& route) {
  std::string line = raw.substr(raw.find_first_not_of(" \t"));
  std::istringstream in(line);
  std::string key;
  in >> key;
  if (key == "via" && !route.via) {
    std::string address, on, dev;
    in >> address >> on >> dev;
    route.via = Ipv4Address::parse(address);
    if (on == "on") route.dev = dev;
  } else if (key == "dev" && route.dev.empty()) {
    in >> route.dev;
  } else if (key == "Type:") {
    in >> route.type;
  } else if (key == "BGP.as_path:") {
    std::getline(in >> std::ws, route.as_path);
  }
}

}  // namespace

std::optional<BestRoute> parseBestRoute(const BirdReply& reply) {
  if (reply.error()) return std::nullopt;
  std::optional<BestRoute> best;
  BestRoute current;
  bool currentIsBest = false;
  std::string lastPrefix;
  auto finish = [&] {
    if (currentIsBest && !best) best = current;
  };
  for (const auto& line : reply.lines) {
    if (line.empty() || startsWith(line, "Table ")) continue;
    if (line[0] == '\t' || startsWith(line, " \t")) {
      parseRouteAttribute(line, current);
      continue;
    }
    finish();
    current = BestRoute{};
    currentIsBest = parseRouteHeader(line, lastPrefix, current);
    lastPrefix = current.prefix;
  }
  finish();
  if (best && best->type != "BGP") best->as_path.clear();
  return best;
}

bool AsCatchment::agree() const {
  return measured && predicted && measured->origin == predicted->origin;
}

bool Catchment::allAgree() const {
  if (!measured || !predicted) return true;
  return std::all_of(ases.begin(), ases.end(), [](const AsCatchment& a) { return a.agree(); });
}

std::map<std::string, int> Catchment::counts(bool measuredSide) const {
  std::map<std::string, int> out;
  for (const auto& a : ases) {
    const auto& side = measuredSide ? a.measured : a.predicted;
    if (side) ++out[side->label()];
  }
  return out;
}

namespace {

bool holds(const plan::Node& node, Ipv4Address address) {
  if (node.loopback && *node.loopback == address) return true;
  return std::any_of(node.interfaces.begin(), node.interfaces.end(),
                     [&](const plan::Interface& i) { return i.address == address; });
}

// Who holds which address, per network and among loopbacks.
class AddressBook {
 public:
  explicit AddressBook(const plan::Plan& plan) : plan_(plan) {
    for (const auto& n : plan.nodes) {
      byId_[n.id] = &n;
      for (const auto& i : n.interfaces) onNetwork_.emplace(key(i.network, i.address), &n);
      if (n.loopback) loopbacks_.emplace(n.loopback->value(), &n);
    }
  }
  const plan::Node* node(const std::string& id) const {
    auto it = byId_.find(id);
    return it == byId_.end() ? nullptr : it->second;
  }
  const plan::Node* onNetwork(const std::string& network, Ipv4Address a) const {
    auto it = onNetwork_.find(key(network, a));
    return it == onNetwork_.end() ? nullptr : it->second;
  }
  // The node that holds `a` on the network of `from`'s interface `dev`; else the node with `a` as
  // its loopback (an iBGP next hop), else the only node holding it anywhere.
  const plan::Node* nextHop(const plan::Node& from, const std::string& dev, Ipv4Address a) const {
    if (const plan::Interface* i = from.findInterface(dev))
      if (const plan::Node* n = onNetwork(i->network, a)) return n;
    if (auto it = loopbacks_.find(a.value()); it != loopbacks_.end()) return it->second;
    const plan::Node* found = nullptr;
    for (const auto& n : plan_.nodes)
      for (const auto& i : n.interfaces)
        if (i.address == a) {
          if (found && found != &n) return nullptr;
          found = &n;
        }
    return found;
  }

 private:
  static std::string key(const std::string& network, Ipv4Address a) {
    return network + "|" + a.str();
  }
  const plan::Plan& plan_;
  std::unordered_map<std::string, const plan::Node*> byId_;
  std::unordered_map<std::string, const plan::Node*> onNetwork_;
  std::unordered_map<uint32_t, const plan::Node*> loopbacks_;
};

bool forwards(const plan::Node& n) {
  return n.isRouter() && n.bird && !n.bird->route_server;
}

// What one router does with the address: hands it to `next`, or ends it (`end`).
struct Step {
  std::string next;
  Arrival end;
  std::string as_path;
};

struct Asked {
  std::optional<BestRoute> route;
  std::string error;  // the router could not be asked
};

Step stepAt(const plan::Node& router, const Asked& asked, Ipv4Address address,
            const AddressBook& book) {
  Step s;
  if (holds(router, address)) {
    s.end.origin = router.id;
    return s;
  }
  if (!asked.error.empty()) {
    s.end.problem = "cannot ask BIRD at " + router.id + ": " + asked.error;
    return s;
  }
  if (!asked.route) {
    s.end.problem = "no route at " + router.id;
    return s;
  }
  const BestRoute& r = *asked.route;
  s.as_path = r.as_path;
  if (r.drops()) {
    s.end.origin = router.id;
    return s;
  }
  if (!r.via) {  // directly attached: the node holding the address on that network
    const plan::Interface* i = router.findInterface(r.dev);
    const plan::Node* holder = i ? book.onNetwork(i->network, address) : nullptr;
    if (holder)
      s.end.origin = holder->id;
    else
      s.end.problem = "no node holds " + address.str() + " on " + router.id + "'s " + r.dev;
    return s;
  }
  const plan::Node* next = book.nextHop(router, r.dev, *r.via);
  if (!next || next == &router) {
    s.end.problem = "next hop " + r.via->str() + " of " + router.id + " is no node's address";
  } else if (forwards(*next)) {
    s.next = next->id;
  } else if (holds(*next, address)) {
    s.end.origin = next->id;
  } else {
    s.end.problem = "next hop " + r.via->str() + " of " + router.id + " is " + next->id +
                    ", which does not forward";
  }
  return s;
}

}  // namespace

std::vector<std::string> addressHolders(const plan::Plan& plan, Ipv4Address address) {
  std::vector<std::string> out;
  for (const auto& n : plan.nodes)
    if (holds(n, address)) out.push_back(n.id);
  return out;
}

std::vector<AsPlaces> catchmentPlaces(const plan::Plan& plan, Ipv4Address address) {
  AddressBook book(plan);
  std::map<int, std::vector<const plan::Node*>> hosts, routers;
  for (const auto& n : plan.nodes) {
    if (n.exchange != 0) continue;
    if (n.role == plan::Role::Host) hosts[n.asn].push_back(&n);
    if (forwards(n)) routers[n.asn].push_back(&n);
  }
  std::vector<AsPlaces> out;
  for (const auto& [asn, rs] : routers) {
    AsPlaces p;
    p.asn = asn;
    p.start = rs.front()->id;
    const auto& hs = hosts[asn];
    if (!hs.empty()) {
      const plan::Node& first = *hs.front();
      for (const auto& route : first.routes) {
        if (route.destination.length() != 0) continue;
        for (const auto& i : first.interfaces)
          if (Ipv4Prefix(i.address, i.prefix_length).contains(route.via))
            if (const plan::Node* gw = book.onNetwork(i.network, route.via); gw && forwards(*gw))
              p.start = gw->id;
        break;
      }
    }
    p.probe = p.start;
    for (const plan::Node* h : hs)
      if (!holds(*h, address)) {
        p.probe = h->id;
        break;
      }
    out.push_back(p);
  }
  return out;
}

Ipv4Address parseCatchmentAddress(const std::string& text) {
  auto a = Ipv4Address::parse(text);
  if (!a)
    throw Error(text, "is not an IPv4 address (write it as a dotted quad, e.g. 10.180.0.100)");
  return *a;
}

Catchment newCatchment(const plan::Plan& plan, Ipv4Address address) {
  Catchment c;
  c.address = address.str();
  for (const auto& p : catchmentPlaces(plan, address)) {
    AsCatchment a;
    a.asn = p.asn;
    a.start = p.start;
    a.probe = p.probe;
    c.ases.push_back(std::move(a));
  }
  return c;
}

void predictCatchment(const plan::Plan& plan, Ipv4Address address, const RouteQuery& query,
                      Catchment& catchment, int parallel) {
  AddressBook book(plan);
  std::vector<const plan::Node*> routers;
  for (const auto& n : plan.nodes)
    if (forwards(n)) routers.push_back(&n);

  // Every router asked once, `parallel` at a time.
  std::vector<Asked> asked(routers.size());
  const std::string command = "show route for " + address.str() + " all";
  forEachInParallel(routers.size(), size_t(std::max(parallel, 1)), [&](size_t i) {
    try {
      BirdReply reply = query(*routers[i], command);
      asked[i].route = parseBestRoute(reply);
    } catch (const Error& e) {
      asked[i].error = e.message();
    } catch (const std::exception& e) {
      asked[i].error = printable(e.what());
    }
  });

  std::unordered_map<std::string, Step> steps;
  for (size_t i = 0; i < routers.size(); ++i)
    steps[routers[i]->id] = stepAt(*routers[i], asked[i], address, book);

  // Each router's end, found once: a walk stops at a router already resolved.
  std::unordered_map<std::string, Arrival> resolved;
  auto resolve = [&](const std::string& start, std::vector<std::string>& hops) {
    std::set<std::string> onPath;
    std::string at = start;
    Arrival end;
    for (;;) {
      if (auto it = resolved.find(at); it != resolved.end()) {
        end = it->second;
        hops.push_back(at);
        break;
      }
      if (onPath.count(at)) {
        auto from = std::find(hops.begin(), hops.end(), at);
        std::string loop;
        for (auto it = from; it != hops.end(); ++it) loop += *it + " > ";
        end.problem = "loop: " + loop + at;
        break;
      }
      onPath.insert(at);
      hops.push_back(at);
      const Step& s = steps.at(at);
      if (s.next.empty()) {
        end = s.end;
        break;
      }
      at = s.next;
    }
    for (const auto& h : onPath) resolved[h] = end;
    return end;
  };

  for (auto& a : catchment.ases) {
    // A probe on the network that holds the address reaches it there, without a router: the
    // victim's own hosts are not hijacked by a more specific route their router follows.
    if (const plan::Node* probe = plan.findNode(a.probe); probe && probe->id != a.start) {
      const plan::Node* local = nullptr;
      for (const auto& i : probe->interfaces)
        if (Ipv4Prefix(i.address, i.prefix_length).contains(address))
          if (const plan::Node* holder = book.onNetwork(i.network, address)) local = holder;
      if (local) {
        a.predicted = Arrival{local->id, ""};
        a.hops = {probe->id};
        continue;
      }
    }
    std::vector<std::string> hops;
    a.predicted = resolve(a.start, hops);
    // The path as far as it is known: resolved routers are followed to their end.
    std::set<std::string> seen(hops.begin(), hops.end());
    for (std::string at = hops.empty() ? "" : steps.at(hops.back()).next;
         !at.empty() && !seen.count(at); at = steps.at(at).next) {
      hops.push_back(at);
      seen.insert(at);
    }
    a.hops = hops;
    a.as_path = steps.at(a.start).as_path;
  }
  catchment.predicted = true;
}

void requireOrigin(const plan::Plan& plan, const Catchment& c) {
  auto address = Ipv4Address::parse(c.address);
  if (address && !addressHolders(plan, *address).empty()) return;
  for (const auto& a : c.ases)
    if (a.predicted && a.predicted->reached()) return;
  throw Error("catchment", "no router originates a route for " + c.address +
                               " and no node holds it (check the address)");
}

std::string catchmentTable(const Catchment& c) {
  std::string out = fmt::format("{:<8} {:<18} {:<18} {:<18} {:<6} {}\n", "AS", "PROBE", "MEASURED",
                                "PREDICTED", "AGREE", "AS PATH");
  for (const auto& a : c.ases) {
    std::string agree = a.measured && a.predicted ? (a.agree() ? "yes" : "no") : "-";
    out += fmt::format("{:<8} {:<18} {:<18} {:<18} {:<6} {}\n", "AS" + std::to_string(a.asn),
                       a.probe, a.measured ? a.measured->label() : "-",
                       a.predicted ? a.predicted->label() : "-", agree,
                       a.as_path.empty() ? "-" : a.as_path);
  }
  std::set<std::string> places;
  auto measured = c.counts(true), predicted = c.counts(false);
  for (const auto& [k, v] : measured) places.insert(k);
  for (const auto& [k, v] : predicted) places.insert(k);
  out += "\nPer origin:\n";
  for (const auto& p : places) {
    std::string line = "  " + p + ":";
    if (c.measured) line += fmt::format(" measured {}", measured[p]);
    if (c.predicted) line += fmt::format(" predicted {}", predicted[p]);
    out += line + "\n";
  }
  std::vector<std::string> problems;
  for (const auto& a : c.ases)
    for (const auto* side : {&a.measured, &a.predicted})
      if (*side && !(*side)->reached() && !(*side)->problem.empty())
        problems.push_back(fmt::format("  AS{} {}: {}", a.asn,
                                       side == &a.measured ? "measured" : "predicted",
                                       (*side)->problem));
  if (!problems.empty()) {
    out += "\nUnreachable:\n";
    for (const auto& p : problems) out += p + "\n";
  }
  if (c.measured && c.predicted)
    out += c.allAgree() ? "\nMeasured and predicted agree for every AS.\n"
                        : "\nMeasured and predicted differ.\n";
  return out;
}

namespace {

nlohmann::json arrivalJson(const std::optional<Arrival>& a) {
  if (!a) return nullptr;
  nlohmann::json j = {{"origin", a->reached() ? nlohmann::json(a->origin) : nlohmann::json()}};
  if (!a->problem.empty()) j["problem"] = a->problem;
  return j;
}

}  // namespace

nlohmann::json catchmentJson(const Catchment& c) {
  nlohmann::json ases = nlohmann::json::array();
  for (const auto& a : c.ases)
    ases.push_back({{"asn", a.asn},
                    {"start", a.start},
                    {"probe", a.probe},
                    {"measured", arrivalJson(a.measured)},
                    {"predicted", arrivalJson(a.predicted)},
                    {"agree", a.measured && a.predicted ? nlohmann::json(a.agree()) : nullptr},
                    {"as_path", a.as_path},
                    {"hops", a.hops}});
  nlohmann::json counts = nlohmann::json::object();
  if (c.measured) counts["measured"] = c.counts(true);
  if (c.predicted) counts["predicted"] = c.counts(false);
  nlohmann::json out = {
      {"address", c.address},      {"measured", c.measured}, {"predicted", c.predicted},
      {"all_agree", c.allAgree()}, {"ases", ases},           {"counts", counts}};
  return out;
}

}  // namespace asemu::runtime
