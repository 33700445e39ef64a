// Ebgp: BGP sessions between ASes at exchanges, named and filtered as in SEED:
//   Provider (A provides B): A has c_as{B} (customer routes, pref 30, exports all),
//                            B has u_as{A} (provider routes, pref 10, exports own+customers)
//   Peer:                    p_as{other} on both (pref 20, exports own+customers)
//   Unfiltered:              x_as{B} / x_as{A}, tagged customer / provider, both export all
//   Route server:            member p_rs{ix} (as Peer), route server p_as{member} (rs client)
// A cross-connect peering has the sessions of a private peering of the same relationship. As in
// SEED, route server peerings are rendered first, then cross-connect, then private peerings.
#include "asemu/layers/ebgp.h"

#include <map>
#include <set>

#include "asemu/layers/base.h"
#include "asemu/layers/emulator.h"

namespace asemu {
namespace {

std::string asName(int asn) {
  return "as" + std::to_string(asn);
}
std::string ixName(int ix) {
  return "ix" + std::to_string(ix);
}

class EbgpRenderer {
 public:
  EbgpRenderer(const Ebgp& ebgp, RenderContext& ctx) : ebgp_(ebgp), ctx_(ctx) {}

  void run() {
    indexBorderRouters();
    for (const auto& p : ebgp_.rsPeerings()) addRouteServerPeering(p);
    for (const auto& p : ebgp_.crossConnectPeerings()) addCrossConnectPeering(p);
    for (const auto& p : ebgp_.privatePeerings()) addPrivatePeering(p);
  }

 private:
  struct Endpoint {
    size_t node;
    Ipv4Address address;
  };

  void indexBorderRouters() {
    std::map<std::string, const plan::Network*> networkOf;
    for (const auto& net : ctx_.plan.networks) {
      networkOf[net.id] = &net;
      if (net.kind == plan::NetworkKind::CrossConnect) crossConnectEnds_[net.id];
    }
    for (size_t i = 0; i < ctx_.plan.nodes.size(); ++i) {
      const auto& node = ctx_.plan.nodes[i];
      if (node.isRouter() && ctx_.hasFailed(node.id)) asesWithFailedRouters_.insert(node.asn);
      for (const auto& iface : node.interfaces) {
        if (auto it = crossConnectEnds_.find(iface.network); it != crossConnectEnds_.end())
          it->second.push_back({i, iface.address});
        const plan::Network& net = *networkOf.at(iface.network);
        if (net.kind != plan::NetworkKind::Exchange) continue;
        int ix = net.scope;
        if (node.role == plan::Role::RouteServer)
          routeServer_[ix] = {i, iface.address};
        else if (node.isRouter())
          routers_[{node.asn, ix}].push_back({i, iface.address});
      }
    }
  }

  // False after reporting, once per peering, an exchange that was never created.
  bool exchangeExists(int ix, const std::string& object, const SourceLocation& where) {
    const Base& base = ctx_.emulator.getLayer<Base>();
    if (base.findInternetExchange(ix)) return true;
    std::vector<std::string> known;
    for (const auto& x : base.internetExchanges()) known.push_back(x.name());
    ctx_.diagnostics.add(object, unknownNameMessage("exchange", ixName(ix), known), where);
    return false;
  }

  // The router of `asn` that holds its sessions on the existing exchange `ix`: as in SEED, the
  // first of its routers, in creation order, with an interface there (any other router of the AS
  // on the exchange is a border router without these sessions). Nullopt after reporting why
  // there is none.
  std::optional<Endpoint> routerOf(int asn, int ix, const std::string& object,
                                   const SourceLocation& where) {
    const Base& base = ctx_.emulator.getLayer<Base>();
    if (!base.findAutonomousSystem(asn)) {
      std::vector<std::string> known;
      for (const auto& a : base.autonomousSystems()) known.push_back(std::to_string(a.asn()));
      ctx_.diagnostics.add(object, unknownNameMessage("AS", std::to_string(asn), known), where);
      return std::nullopt;
    }
    auto it = routers_.find({asn, ix});
    if (it == routers_.end()) {
      // The exchange or a router of the AS is in error and reported; it may be the missing one.
      if (ctx_.hasFailed("ix/" + ixName(ix)) || asesWithFailedRouters_.count(asn))
        return std::nullopt;
      ctx_.diagnostics.add(object,
                           asName(asn) + " has no router on " + ixName(ix) +
                               "; join one of its routers to " + ixName(ix) + " first",
                           where);
      return std::nullopt;
    }
    return it->second.front();
  }

  static std::string interfaceWith(const plan::Node& node, Ipv4Address address) {
    for (const auto& i : node.interfaces)
      if (i.address == address) return i.name;
    return address.str();
  }

  void addSession(const Endpoint& self, plan::BgpSession s, const std::string& object,
                  const SourceLocation& where) {
    plan::Node& node = ctx_.plan.nodes[self.node];
    if (!node.bird) return;  // reported by Routing
    if (const plan::BgpSession* earlier = node.bird->findSession(s.name)) {
      // Only one router on two exchanges, peering one AS on both, gets here: name both places.
      ctx_.diagnostics.add(object,
                           node.id + " would have two BGP sessions named " + s.name + " (on " +
                               interfaceWith(node, earlier->local_address) + " and " +
                               interfaceWith(node, s.local_address) +
                               "); a router can peer with an AS in one relationship "
                               "at one exchange or cross-connect only",
                           where);
      return;
    }
    node.bird->sessions.push_back(std::move(s));
  }

  static plan::BgpSession session(const std::string& name, plan::SessionKind kind,
                                  const plan::Node& self, const Endpoint& local,
                                  const plan::Node& peer, const Endpoint& remote) {
    plan::BgpSession s;
    s.name = name;
    s.kind = kind;
    s.local_address = local.address;
    s.local_as = self.asn;
    s.neighbor_address = remote.address;
    s.neighbor_as = peer.asn;
    s.neighbor_node = peer.id;
    return s;
  }

  void addRouteServerPeering(const RouteServerPeering& p) {
    std::string object = ixName(p.ix) + " route server peering with " + asName(p.asn);
    if (!seenRs_.insert({p.ix, p.asn}).second) {
      ctx_.diagnostics.add(
          object, asName(p.asn) + " is listed twice as a route server peer of " + ixName(p.ix),
          p.origin);
      return;
    }
    if (!exchangeExists(p.ix, object, p.origin)) return;
    auto member = routerOf(p.asn, p.ix, object, p.origin);
    if (!member) return;
    auto rsIt = routeServer_.find(p.ix);
    if (rsIt == routeServer_.end()) return;  // the exchange itself is in error
    const Endpoint rs = rsIt->second;
    const plan::Node& memberNode = ctx_.plan.nodes[member->node];
    const plan::Node& rsNode = ctx_.plan.nodes[rs.node];

    auto m = session("p_rs" + std::to_string(p.ix), plan::SessionKind::Ebgp, memberNode, *member,
                     rsNode, rs);
    m.import_class = plan::RouteClass::Peer;
    m.local_pref = 20;
    m.export_policy = plan::ExportPolicy::OwnAndCustomers;
    auto r = session("p_as" + std::to_string(p.asn), plan::SessionKind::RouteServerClient, rsNode,
                     rs, memberNode, *member);
    addSession(*member, std::move(m), object, p.origin);
    addSession(rs, std::move(r), object, p.origin);
  }

  void addPrivatePeering(const PrivatePeering& p) {
    std::string object = ixName(p.ix) + " peering " + asName(p.a) + "-" + asName(p.b);
    if (p.a == p.b) {
      ctx_.diagnostics.add(object, "an AS cannot peer with itself", p.origin);
      return;
    }
    auto key = std::make_tuple(p.ix, std::min(p.a, p.b), std::max(p.a, p.b));
    if (auto [it, fresh] = seenPrivate_.emplace(key, p.relationship); !fresh) {
      ctx_.diagnostics.add(object,
                           asName(p.a) + " and " + asName(p.b) + " are already peered at " +
                               ixName(p.ix) + " (" + relationshipName(it->second) + ")",
                           p.origin);
      return;
    }
    if (!exchangeExists(p.ix, object, p.origin)) return;
    auto a = routerOf(p.a, p.ix, object, p.origin);
    auto b = routerOf(p.b, p.ix, object, p.origin);
    if (!a || !b) return;
    addPeerSessions(*a, *b, p.relationship, object, p.origin);
  }

  // The sessions of a peering between routers `a` and `b` (of AS a and AS b) in relationship
  // `rel`, the same at an exchange and over a cross-connect.
  void addPeerSessions(const Endpoint& a, const Endpoint& b, PeerRelationship rel,
                       const std::string& object, const SourceLocation& where) {
    const plan::Node& an = ctx_.plan.nodes[a.node];
    const plan::Node& bn = ctx_.plan.nodes[b.node];
    std::string aTag = std::to_string(an.asn), bTag = std::to_string(bn.asn);

    plan::BgpSession sa, sb;
    switch (rel) {
      case PeerRelationship::Provider:
        sa = session("c_as" + bTag, plan::SessionKind::Ebgp, an, a, bn, b);
        sa.import_class = plan::RouteClass::Customer;
        sa.local_pref = 30;
        sa.export_policy = plan::ExportPolicy::All;
        sb = session("u_as" + aTag, plan::SessionKind::Ebgp, bn, b, an, a);
        sb.import_class = plan::RouteClass::Provider;
        sb.local_pref = 10;
        sb.export_policy = plan::ExportPolicy::OwnAndCustomers;
        break;
      case PeerRelationship::Peer:
        sa = session("p_as" + bTag, plan::SessionKind::Ebgp, an, a, bn, b);
        sb = session("p_as" + aTag, plan::SessionKind::Ebgp, bn, b, an, a);
        for (auto* s : {&sa, &sb}) {
          s->import_class = plan::RouteClass::Peer;
          s->local_pref = 20;
          s->export_policy = plan::ExportPolicy::OwnAndCustomers;
        }
        break;
      case PeerRelationship::Unfiltered:
        sa = session("x_as" + bTag, plan::SessionKind::Ebgp, an, a, bn, b);
        sa.import_class = plan::RouteClass::Customer;
        sa.local_pref = 30;
        sa.export_policy = plan::ExportPolicy::All;
        sb = session("x_as" + aTag, plan::SessionKind::Ebgp, bn, b, an, a);
        sb.import_class = plan::RouteClass::Provider;
        sb.local_pref = 10;
        sb.export_policy = plan::ExportPolicy::All;
        break;
    }
    addSession(a, std::move(sa), object, where);
    addSession(b, std::move(sb), object, where);
  }

  // The ends of the first cross-connect from a router of `a` to a router of `b`, routers and
  // their cross-connects in creation order (as SEED's search over a's border routers).
  std::optional<std::pair<Endpoint, Endpoint>> crossConnectBetween(int a, int b) const {
    for (size_t i = 0; i < ctx_.plan.nodes.size(); ++i) {
      const plan::Node& node = ctx_.plan.nodes[i];
      if (node.asn != a || !node.isRouter()) continue;
      for (const auto& iface : node.interfaces) {
        auto it = crossConnectEnds_.find(iface.network);
        if (it == crossConnectEnds_.end()) continue;
        for (const Endpoint& other : it->second)
          if (other.node != i && ctx_.plan.nodes[other.node].asn == b)
            return std::make_pair(Endpoint{i, iface.address}, other);
      }
    }
    return std::nullopt;
  }

  void addCrossConnectPeering(const CrossConnectPeering& p) {
    std::string object = "cross-connect peering " + asName(p.a) + "-" + asName(p.b);
    if (p.a == p.b) {
      ctx_.diagnostics.add(object, "an AS cannot peer with itself", p.origin);
      return;
    }
    std::pair<int, int> key(std::min(p.a, p.b), std::max(p.a, p.b));
    if (auto [it, fresh] = seenCrossConnect_.emplace(key, p.relationship); !fresh) {
      ctx_.diagnostics.add(object,
                           asName(p.a) + " and " + asName(p.b) +
                               " are already peered over a cross-connect (" +
                               relationshipName(it->second) + ")",
                           p.origin);
      return;
    }
    const Base& base = ctx_.emulator.getLayer<Base>();
    for (int asn : {p.a, p.b}) {
      if (base.findAutonomousSystem(asn)) continue;
      std::vector<std::string> known;
      for (const auto& x : base.autonomousSystems()) known.push_back(std::to_string(x.asn()));
      ctx_.diagnostics.add(object, unknownNameMessage("AS", std::to_string(asn), known), p.origin);
      return;
    }
    auto ends = crossConnectBetween(p.a, p.b);
    if (!ends) {
      // A router in error may be the one whose cross-connect is missing; it is reported.
      if (asesWithFailedRouters_.count(p.a) || asesWithFailedRouters_.count(p.b)) return;
      ctx_.diagnostics.add(object,
                           "no router of " + asName(p.a) + " has a cross-connect to a router of " +
                               asName(p.b) +
                               "; cross-connect two of their routers (on both routers) first",
                           p.origin);
      return;
    }
    addPeerSessions(ends->first, ends->second, p.relationship, object, p.origin);
  }

  const Ebgp& ebgp_;
  RenderContext& ctx_;
  // (asn, ix) -> the AS's routers on the exchange, in creation order
  std::map<std::pair<int, int>, std::vector<Endpoint>> routers_;
  std::map<int, Endpoint> routeServer_;
  std::set<int> asesWithFailedRouters_;
  std::set<std::pair<int, int>> seenRs_;
  std::map<std::tuple<int, int, int>, PeerRelationship> seenPrivate_;
  std::map<std::pair<int, int>, PeerRelationship> seenCrossConnect_;
  std::map<std::string, std::vector<Endpoint>> crossConnectEnds_;  // xc network id -> its ends
};

}  // namespace

Ebgp::Ebgp() : state_(std::make_shared<State>()) {}

Ebgp& Ebgp::addPrivatePeering(int ix, int a, int b, PeerRelationship rel, SourceLocation at) {
  state_->priv.push_back({ix, a, b, rel, std::move(at)});
  return *this;
}

Ebgp& Ebgp::addPrivatePeerings(int ix, const std::vector<int>& as, const std::vector<int>& bs,
                               PeerRelationship rel, SourceLocation at) {
  for (int a : as)
    for (int b : bs) addPrivatePeering(ix, a, b, rel, at);
  return *this;
}

Ebgp& Ebgp::addRsPeer(int ix, int asn, SourceLocation at) {
  state_->rs.push_back({ix, asn, std::move(at)});
  return *this;
}

Ebgp& Ebgp::addCrossConnectPeering(int a, int b, PeerRelationship rel, SourceLocation at) {
  state_->xc.push_back({a, b, rel, std::move(at)});
  return *this;
}

Ebgp& Ebgp::addRsPeers(int ix, const std::vector<int>& asns, SourceLocation at) {
  for (int a : asns) addRsPeer(ix, a, at);
  return *this;
}

void Ebgp::render(RenderContext& ctx) const {
  EbgpRenderer(*this, ctx).run();
  // On every BIRD, so that iBGP sessions Ibgp adds later get the same timers.
  for (auto& node : ctx.plan.nodes)
    if (node.bird) {
      node.bird->timers = state_->timers;
      node.bird->bfd = state_->bfd;
    }
}

}  // namespace asemu
