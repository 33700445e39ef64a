// Base: turns ASes, exchanges, networks and nodes into plan networks, nodes and interfaces, and
// assigns addresses by SEED's rules:
//   auto AS network n      -> 10.ASN.n.0/24 (ASN <= 255)
//   exchange N             -> 10.N.0.0/24, route server at .N, AS A's router at .A
//   auto host / router     -> counting up from .71 (to .99) / down from .254 (to .200),
//                             per network, per AS, hosts first, each in creation order
//   cross-connect          -> a network xcN per pair of routers, numbered in the order the
//                             first of the two declares it (ASes, then their routers, then each
//                             router's cross-connects, in creation order); each end has the
//                             address it declares, on an interface after those of its joins
// Explicit addresses are collected first so that auto assignment never hands them out twice.
#include "asemu/layers/base.h"

#include <map>
#include <set>
#include <sstream>

#include "asemu/core/names.h"

namespace asemu {
namespace {

constexpr uint64_t kFirstAutoHost = 71, kLastAutoHost = 99;
constexpr uint64_t kFirstAutoRouter = 254, kLastAutoRouter = 200;

std::string asName(int asn) {
  return "as" + std::to_string(asn);
}
std::string ixNetworkId(int ix) {
  return "ix/ix" + std::to_string(ix);
}

// Per-network assignment state.
struct NetworkState {
  const plan::Network* net = nullptr;
  std::string id;
  std::map<uint32_t, std::string> used;  // address -> node id
  uint64_t nextHost = kFirstAutoHost;
  uint64_t nextRouter = kFirstAutoRouter;
};

class BaseRenderer {
 public:
  BaseRenderer(const Base& base, RenderContext& ctx) : base_(base), ctx_(ctx) {}

  void run() {
    addExchanges();
    addLocalNetworks();
    // Node objects are created in plan order: per AS, hosts then routers; route servers last.
    for (const auto& as : base_.autonomousSystems()) {
      for (const auto& n : as.hosts()) addNode(n);
      for (const auto& n : as.routers()) addNode(n);
    }
    reserveExplicitAddresses();
    assignAddresses();
    addCrossConnects();
    addRouteServers();
  }

 private:
  struct Pending {  // one join of one node
    size_t node;
    const Node* model;
    const Node::Join* join;
    std::string networkId;
    bool exchange = false;
    int ix = 0;
    std::optional<Ipv4Address> explicitAddress;
  };

  void addExchanges() {
    for (const auto& ix : base_.internetExchanges()) {
      std::string object = "ix" + std::to_string(ix.id());
      if (ix.id() < 1) {
        ctx_.diagnostics.add(object, "exchange numbers start at 1", ix.origin);
        continue;
      }
      std::optional<Ipv4Prefix> prefix;
      if (ix.prefix() == kAuto) {
        if (ix.id() > 255)
          ctx_.diagnostics.add(object,
                               "an automatic prefix (10.N.0.0/24) needs an exchange number up to "
                               "255; give this exchange an explicit prefix",
                               ix.origin);
        else
          prefix = Ipv4Prefix(Ipv4Address(10, uint8_t(ix.id()), 0, 0), 24);
      } else {
        prefix = explicitPrefix(ix.prefix(), object, ix.origin);
      }
      if (auto problem = interfaceNameProblem(ix.name()); !problem.empty())
        ctx_.diagnostics.add(object, problem, ix.origin);
      if (!prefix) {
        ctx_.failed.insert(ixNetworkId(ix.id()));
        continue;
      }
      plan::Network net;
      net.id = ixNetworkId(ix.id());
      net.name = ix.name();
      net.kind = plan::NetworkKind::Exchange;
      net.scope = ix.id();
      net.prefix = *prefix;
      net.display_name = ix.displayName();
      if (auto problem = displayNameProblem(net.display_name); !problem.empty())
        ctx_.diagnostics.add(object, problem, ix.origin);
      net.link = ix.linkProperties();
      addNetwork(std::move(net));
    }
  }

  void addLocalNetworks() {
    for (const auto& as : base_.autonomousSystems()) {
      int autoIndex = 0;
      for (const auto& n : as.networks()) {
        std::string object = asName(as.asn()) + "/" + n.name();
        std::optional<Ipv4Prefix> prefix;
        if (n.prefix() == kAuto) {
          int index = autoIndex++;
          if (as.asn() > 255)
            ctx_.diagnostics.add(object,
                                 "an automatic prefix (10.ASN.n.0/24) needs an ASN up to 255; "
                                 "give this network an explicit prefix",
                                 n.origin);
          else if (index > 255)
            ctx_.diagnostics.add(object,
                                 "more than 256 automatic networks in " + asName(as.asn()) +
                                     "; give this network an explicit prefix",
                                 n.origin);
          else
            prefix = Ipv4Prefix(Ipv4Address(10, uint8_t(as.asn()), uint8_t(index), 0), 24);
        } else {
          prefix = explicitPrefix(n.prefix(), object, n.origin);
        }
        if (auto problem = interfaceNameProblem(n.name()); !problem.empty())
          ctx_.diagnostics.add(object, problem, n.origin);
        if (!prefix) {
          ctx_.failed.insert(object);
          continue;
        }
        plan::Network net;
        net.id = object;
        net.name = n.name();
        net.kind = plan::NetworkKind::Local;
        net.scope = as.asn();
        net.prefix = *prefix;
        net.display_name = n.displayName();
        if (auto problem = displayNameProblem(net.display_name); !problem.empty())
          ctx_.diagnostics.add(object, problem, n.origin);
        net.link = n.linkProperties();
        addNetwork(std::move(net));
      }
    }
  }

  // The prefix written for a network, or nullopt after reporting why it cannot be one.
  std::optional<Ipv4Prefix> explicitPrefix(const std::string& text, const std::string& object,
                                           const SourceLocation& where) {
    std::optional<Ipv4Prefix> prefix = Ipv4Prefix::parse(text);
    if (!prefix) {
      ctx_.diagnostics.add(
          object, "prefix '" + text + "' is not of the form a.b.c.d/len with the host bits zero",
          where);
      return std::nullopt;
    }
    if (std::string problem = networkPrefixProblem(*prefix); !problem.empty()) {
      ctx_.diagnostics.add(object, problem, where);
      return std::nullopt;
    }
    return prefix;
  }

  void addNetwork(plan::Network net) {
    networkIndex_[net.id] = ctx_.plan.networks.size();
    ctx_.plan.networks.push_back(std::move(net));
  }

  void addNode(const Node& model) {
    plan::Node node;
    node.id = model.id();
    node.name = model.name();
    node.asn = model.asn();
    node.role = model.kind() == Node::Kind::Host ? plan::Role::Host : plan::Role::Router;
    node.display_name = model.displayName();
    if (auto problem = displayNameProblem(node.display_name); !problem.empty())
      ctx_.diagnostics.add(node.id, problem, model.origin);
    ctx_.node_index[node.id] = ctx_.plan.nodes.size();
    ctx_.node_origin[node.id] = model.origin;
    size_t index = ctx_.plan.nodes.size();
    ctx_.plan.nodes.push_back(std::move(node));

    const AutonomousSystem* as = base_.findAutonomousSystem(model.asn());
    std::set<std::string> joined;
    if (model.joins().empty() && model.crossConnects().empty() &&
        model.kind() == Node::Kind::Router)
      ctx_.fail(model.id(), "router joins no network", model.origin);
    for (const auto& join : model.joins()) {
      const SourceLocation& where = join.origin.known() ? join.origin : model.origin;
      Pending p{index, &model, &join, {}, false, 0, std::nullopt};
      if (as->findNetwork(join.network)) {
        p.networkId = asName(model.asn()) + "/" + join.network;
      } else if (auto ix = exchangeNumber(join.network); ix && base_.findInternetExchange(*ix)) {
        p.networkId = ixNetworkId(*ix);
        p.exchange = true;
        p.ix = *ix;
        if (model.kind() == Node::Kind::Host) {
          ctx_.fail(model.id(),
                    "a host cannot join exchange " + join.network + "; only routers join exchanges",
                    where);
          continue;
        }
      } else {
        std::vector<std::string> known;
        for (const auto& n : as->networks()) known.push_back(n.name());
        for (const auto& x : base_.internetExchanges()) known.push_back(x.name());
        ctx_.fail(model.id(), unknownNameMessage("network", join.network, known), where);
        continue;
      }
      if (!joined.insert(p.networkId).second) {
        ctx_.fail(model.id(), "joins network " + join.network + " twice", where);
        continue;
      }
      if (!networkIndex_.count(p.networkId)) {
        // The network itself is in error (and reported); the node misses an interface.
        ctx_.failed.insert(model.id());
        continue;
      }
      if (join.address != kAuto) {
        p.explicitAddress = Ipv4Address::parse(join.address);
        if (!p.explicitAddress) {
          ctx_.fail(model.id(),
                    "address '" + join.address + "' on " + join.network +
                        " is not an IPv4 address (or \"auto\")",
                    where);
          continue;
        }
      }
      pending_.push_back(p);
    }
  }

  static std::optional<int> exchangeNumber(const std::string& name) {
    if (name.size() < 3 || name.compare(0, 2, "ix") != 0) return std::nullopt;
    int n = 0;
    for (size_t i = 2; i < name.size(); ++i) {
      if (name[i] < '0' || name[i] > '9' || n > 100000000) return std::nullopt;
      n = n * 10 + (name[i] - '0');
    }
    return n;
  }

  NetworkState& state(const std::string& networkId) {
    NetworkState& s = states_[networkId];
    if (!s.net) {
      s.net = &ctx_.plan.networks[networkIndex_.at(networkId)];
      s.id = networkId;
    }
    return s;
  }

  const SourceLocation& whereOf(const Pending& p) const {
    return p.join->origin.known() ? p.join->origin : p.model->origin;
  }

  bool claim(const Pending& p, Ipv4Address a) {
    NetworkState& s = state(p.networkId);
    auto [it, fresh] = s.used.emplace(a.value(), p.model->id());
    if (!fresh) {
      ctx_.fail(p.model->id(),
                "address " + a.str() + " on " + s.net->name + " is already used by " + it->second,
                whereOf(p));
      return false;
    }
    return true;
  }

  void reserveExplicitAddresses() {
    // Route servers hold their address before any member can take it.
    for (const auto& ix : base_.internetExchanges()) {
      auto id = ixNetworkId(ix.id());
      if (!networkIndex_.count(id)) continue;
      if (auto a = routeServerAddress(ix)) state(id).used.emplace(a->value(), id);
    }
    for (const auto& p : pending_) {
      if (!p.explicitAddress) continue;
      const plan::Network& net = *state(p.networkId).net;
      if (!net.prefix.isUsableHost(*p.explicitAddress)) {
        std::string why = net.prefix.contains(*p.explicitAddress)
                              ? " is the network or broadcast address of "
                              : " is outside ";
        ctx_.fail(
            p.model->id(),
            "address " + p.explicitAddress->str() + why + net.name + " (" + net.prefix.str() + ")",
            whereOf(p));
        continue;
      }
      if (claim(p, *p.explicitAddress)) assigned_[&p] = *p.explicitAddress;
    }
  }

  std::optional<Ipv4Address> nextAuto(const Pending& p) {
    NetworkState& s = state(p.networkId);
    const plan::Network& net = *s.net;
    if (p.exchange) {
      // The router of AS A on exchange N is at network + A.
      int asn = p.model->asn();
      uint64_t lastHost = net.prefix.size() >= 4 ? net.prefix.size() - 2 : 0;
      uint64_t low = net.prefix.length() == 24 ? 2 : 1;
      if (asn < int(low) || uint64_t(asn) > lastHost) {
        std::string range = std::to_string(low) + ".." + std::to_string(lastHost);
        ctx_.fail(p.model->id(),
                  "cannot derive an address on " + net.name + " (" + net.prefix.str() +
                      ") from ASN " + std::to_string(asn) +
                      ": an automatic exchange address needs an ASN in " + range +
                      "; give an explicit address",
                  whereOf(p));
        return std::nullopt;
      }
      return net.prefix.host(uint64_t(asn));
    }
    bool host = p.model->kind() == Node::Kind::Host;
    if (net.prefix.size() < 256) {
      ctx_.fail(p.model->id(),
                "automatic addresses need a /24 or larger network; " + net.name + " is " +
                    net.prefix.str() + "; give an explicit address",
                whereOf(p));
      return std::nullopt;
    }
    if (host) {
      while (s.nextHost <= kLastAutoHost) {
        auto a = *net.prefix.host(s.nextHost++);
        if (!s.used.count(a.value())) return a;
      }
    } else {
      while (s.nextRouter >= kLastAutoRouter) {
        auto a = *net.prefix.host(s.nextRouter--);
        if (!s.used.count(a.value())) return a;
      }
    }
    std::string range = host ? ".71-.99" : ".254-.200";
    ctx_.fail(p.model->id(),
              std::string("no automatic ") + (host ? "host" : "router") + " address left on " +
                  net.name + " (" + range + " used); give an explicit address",
              whereOf(p));
    return std::nullopt;
  }

  void assignAddresses() {
    // Per AS, hosts first then routers: pending_ is already in that order.
    for (const auto& p : pending_) {
      std::optional<Ipv4Address> address;
      if (p.explicitAddress) {
        auto it = assigned_.find(&p);
        if (it == assigned_.end()) continue;  // reported already
        address = it->second;
      } else {
        address = nextAuto(p);
        if (!address || !claim(p, *address)) continue;
      }
      const plan::Network& net = *state(p.networkId).net;
      plan::Node& node = ctx_.plan.nodes[p.node];
      node.interfaces.push_back({net.name, net.id, *address, net.prefix.length()});
      if (p.exchange && node.role == plan::Role::Router) node.role = plan::Role::BorderRouter;
    }
  }

  // The address a cross-connect end declares ("10.50.0.1/30") and its network, or nullopt after
  // reporting why it cannot be one.
  std::optional<std::pair<Ipv4Address, Ipv4Prefix>> crossConnectAddress(
      const Node& router, const Node::CrossConnect& xc) {
    const std::string& text = xc.address;
    const SourceLocation& where = xc.origin.known() ? xc.origin : router.origin;
    const std::string object = router.id();
    const std::string about = "cross-connect to " + xc.peerId() + ": ";
    size_t slash = text.find('/');
    std::optional<Ipv4Address> address = Ipv4Address::parse(text.substr(0, slash));
    std::optional<Ipv4Prefix> prefix;
    if (address && slash != std::string::npos) {
      // The prefix is the network the address is in: Ipv4Prefix::parse wants it without host bits.
      if (auto length = Ipv4Prefix::parse("0.0.0.0/" + text.substr(slash + 1)))
        prefix = Ipv4Prefix(*address, length->length());
    }
    if (!prefix) {
      ctx_.fail(object,
                about + "address '" + text +
                    "' is not an IPv4 address with a prefix length, such as 10.50.0.1/30",
                where);
      return std::nullopt;
    }
    if (std::string problem = networkPrefixProblem(*prefix); !problem.empty()) {
      ctx_.fail(object, about + problem, where);
      return std::nullopt;
    }
    if (!prefix->isUsableHost(*address)) {
      ctx_.fail(object,
                about + "address " + text + " is the network or broadcast address of " +
                    prefix->str() + "; give a host address",
                where);
      return std::nullopt;
    }
    return std::make_pair(*address, *prefix);
  }

  static std::string linkText(const LinkProperties& l) {
    std::ostringstream out;
    out << "latency " << l.latency_ms << " ms, bandwidth " << l.bandwidth_bps << " bps, loss "
        << l.loss_percent << "%";
    return out.str();
  }

  // The xc network of `router`'s cross-connect `xc`, made on the first of its two ends to be
  // visited; nullopt after reporting (once, on the end visited first) why there is none.
  std::optional<size_t> crossConnectNetwork(const Node& router, const Node::CrossConnect& xc) {
    const std::string self = router.id(), peerId = xc.peerId();
    std::pair<std::string, std::string> key =
        self < peerId ? std::make_pair(self, peerId) : std::make_pair(peerId, self);
    if (auto it = crossConnects_.find(key); it != crossConnects_.end()) return it->second;
    std::optional<size_t>& result = crossConnects_[key];
    const SourceLocation& where = xc.origin.known() ? xc.origin : router.origin;
    const std::string about = "cross-connect to " + peerId + ": ";
    auto fail = [&](const std::string& message) {
      ctx_.fail(self, about + message, where);
      return std::nullopt;
    };
    const AutonomousSystem* peerAs = base_.findAutonomousSystem(xc.peerAsn);
    if (!peerAs) {
      std::vector<std::string> known;
      for (const auto& a : base_.autonomousSystems()) known.push_back(std::to_string(a.asn()));
      return fail(unknownNameMessage("AS", std::to_string(xc.peerAsn), known));
    }
    if (xc.peerAsn == router.asn())
      return fail("both routers are in " + asName(xc.peerAsn) +
                  "; a cross-connect links routers of two ASes (join a network of the AS "
                  "instead)");
    const Node* peer = peerAs->findNode(xc.peerName);
    if (!peer || peer->kind() != Node::Kind::Router) {
      std::vector<std::string> known;
      for (const auto& r : peerAs->routers()) known.push_back(r.name());
      return fail(unknownNameMessage("router", xc.peerName, known));
    }
    const Node::CrossConnect* back = nullptr;
    for (const auto& other : peer->crossConnects())
      if (other.peerId() == self) back = &other;
    if (!back)
      return fail(peerId + " has no cross-connect to " + self +
                  "; declare it on both routers, each with its own address");
    auto here = crossConnectAddress(router, xc);
    auto there = crossConnectAddress(*peer, *back);
    if (!here || !there) {
      ctx_.failed.insert(self);
      ctx_.failed.insert(peerId);
      return std::nullopt;
    }
    if (here->second != there->second)
      return fail("its address " + xc.address + " and " + peerId + "'s " + back->address +
                  " are not in one network; give both ends addresses in one prefix");
    if (here->first == there->first)
      return fail("both ends have address " + here->first.str() + "; give each its own");
    if (!(xc.link == back->link))
      return fail("link properties differ between the ends (" + linkText(xc.link) + " here, " +
                  linkText(back->link) + " on " + peerId + "); give both the same");
    plan::Network net;
    net.name = "xc" + std::to_string(crossConnectCount_++);
    net.id = "xc/" + net.name;
    net.kind = plan::NetworkKind::CrossConnect;
    net.prefix = here->second;
    net.link = xc.link;
    result = ctx_.plan.networks.size();
    addNetwork(std::move(net));
    return result;
  }

  void addCrossConnects() {
    for (const auto& as : base_.autonomousSystems())
      for (const auto& router : as.routers())
        for (const auto& xc : router.crossConnects()) {
          auto net = crossConnectNetwork(router, xc);
          if (!net) {
            ctx_.failed.insert(router.id());
            continue;
          }
          // Checked when the network was made.
          size_t slash = xc.address.find('/');
          Ipv4Address address = *Ipv4Address::parse(xc.address.substr(0, slash));
          const plan::Network& n = ctx_.plan.networks[*net];
          plan::Node& node = ctx_.plan.nodes[ctx_.node_index.at(router.id())];
          node.interfaces.push_back({n.name, n.id, address, n.prefix.length()});
          node.role = plan::Role::BorderRouter;
        }
  }

  // Computed once: both the reservation and the route server node need it, and a problem with
  // it must be reported once.
  std::optional<Ipv4Address> routeServerAddress(const InternetExchange& ix) {
    auto [it, fresh] = rsAddress_.try_emplace(ix.id());
    if (fresh) it->second = findRouteServerAddress(ix);
    return it->second;
  }

  std::optional<Ipv4Address> findRouteServerAddress(const InternetExchange& ix) {
    const plan::Network& net = ctx_.plan.networks[networkIndex_.at(ixNetworkId(ix.id()))];
    std::string object = ix.name();
    if (ix.routeServerAddress() != kAuto) {
      auto a = Ipv4Address::parse(ix.routeServerAddress());
      if (!a) {
        ctx_.diagnostics.add(
            object, "route server address '" + ix.routeServerAddress() + "' is not an IPv4 address",
            ix.origin);
        return std::nullopt;
      }
      if (!net.prefix.isUsableHost(*a)) {
        ctx_.diagnostics.add(object,
                             "route server address " + a->str() + " is outside " + net.prefix.str(),
                             ix.origin);
        return std::nullopt;
      }
      return a;
    }
    auto a = net.prefix.host(uint64_t(ix.id()));
    if (!a || !net.prefix.isUsableHost(*a)) {
      ctx_.diagnostics.add(object,
                           "the route server's automatic address (" + net.prefix.str() + " + " +
                               std::to_string(ix.id()) +
                               ") is not a usable address of that prefix; give the route server "
                               "an explicit address",
                           ix.origin);
      return std::nullopt;
    }
    return a;
  }

  void addRouteServers() {
    for (const auto& ix : base_.internetExchanges()) {
      auto netId = ixNetworkId(ix.id());
      if (!networkIndex_.count(netId)) continue;
      auto address = routeServerAddress(ix);
      if (!address) {
        ctx_.failed.insert(netId);
        continue;
      }
      const plan::Network& net = ctx_.plan.networks[networkIndex_.at(netId)];
      plan::Node node;
      node.id = netId;
      node.name = ix.name();
      node.asn = ix.id();
      node.exchange = ix.id();
      node.role = plan::Role::RouteServer;
      node.interfaces.push_back({net.name, net.id, *address, net.prefix.length()});
      ctx_.node_index[node.id] = ctx_.plan.nodes.size();
      ctx_.node_origin[node.id] = ix.origin;
      ctx_.plan.nodes.push_back(std::move(node));
    }
  }

  const Base& base_;
  RenderContext& ctx_;
  std::map<std::string, size_t> networkIndex_;
  std::map<std::string, NetworkState> states_;
  std::vector<Pending> pending_;
  std::map<const Pending*, Ipv4Address> assigned_;
  std::map<int, std::optional<Ipv4Address>> rsAddress_;  // exchange number -> route server
  // (router id, router id), in order -> the plan network of their cross-connect
  std::map<std::pair<std::string, std::string>, std::optional<size_t>> crossConnects_;
  int crossConnectCount_ = 0;
};

}  // namespace

Base::Base() : state_(std::make_shared<State>()) {}

AutonomousSystem& Base::createAutonomousSystem(int asn) {
  if (asn < 1) throw Error(asName(asn), "an ASN must be a positive number");
  if (findAutonomousSystem(asn)) throw Error(asName(asn), "this AS was already created");
  state_->asIndex[asn] = state_->ases.size();
  return state_->ases.emplace_back(asn);
}

InternetExchange& Base::createInternetExchange(int id, const std::string& prefix,
                                               const std::string& displayName) {
  std::string object = "ix" + std::to_string(id);
  if (id < 1) throw Error(object, "exchange numbers start at 1");
  if (findInternetExchange(id)) throw Error(object, "this exchange was already created");
  state_->ixIndex[id] = state_->ixes.size();
  auto& ix = state_->ixes.emplace_back(id, prefix);
  ix.setDisplayName(displayName);
  return ix;
}

AutonomousSystem& Base::getAutonomousSystem(int asn) {
  if (auto it = state_->asIndex.find(asn); it != state_->asIndex.end())
    return state_->ases[it->second];
  std::vector<std::string> known;
  for (const auto& as : state_->ases) known.push_back(std::to_string(as.asn()));
  throw Error("base", unknownNameMessage("AS", std::to_string(asn), known));
}

InternetExchange& Base::getInternetExchange(int id) {
  if (auto it = state_->ixIndex.find(id); it != state_->ixIndex.end())
    return state_->ixes[it->second];
  std::vector<std::string> known;
  for (const auto& ix : state_->ixes) known.push_back(std::to_string(ix.id()));
  throw Error("base", unknownNameMessage("exchange", std::to_string(id), known));
}

const AutonomousSystem* Base::findAutonomousSystem(int asn) const {
  auto it = state_->asIndex.find(asn);
  return it == state_->asIndex.end() ? nullptr : &state_->ases[it->second];
}

const InternetExchange* Base::findInternetExchange(int id) const {
  auto it = state_->ixIndex.find(id);
  return it == state_->ixIndex.end() ? nullptr : &state_->ixes[it->second];
}

void Base::render(RenderContext& ctx) const {
  BaseRenderer(*this, ctx).run();
}

}  // namespace asemu
