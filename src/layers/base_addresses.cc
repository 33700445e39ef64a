// The Base renderer's nodes and their addresses: explicit ones first, then automatic ones by
// SEED's counting rules.
#include <sstream>

#include "asemu/core/names.h"
#include "base_renderer.h"

namespace asemu::base_detail {

void BaseRenderer::addNode(const Node& model) {
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
  if (model.joins().empty() && model.crossConnects().empty() && model.kind() == Node::Kind::Router)
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

std::optional<int> BaseRenderer::exchangeNumber(const std::string& name) {
  if (name.size() < 3 || name.compare(0, 2, "ix") != 0) return std::nullopt;
  int n = 0;
  for (size_t i = 2; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || n > 100000000) return std::nullopt;
    n = n * 10 + (name[i] - '0');
  }
  return n;
}

NetworkState& BaseRenderer::state(const std::string& networkId) {
  NetworkState& s = states_[networkId];
  if (!s.net) {
    s.net = &ctx_.plan.networks[networkIndex_.at(networkId)];
    s.id = networkId;
  }
  return s;
}

const SourceLocation& BaseRenderer::whereOf(const Pending& p) const {
  return p.join->origin.known() ? p.join->origin : p.model->origin;
}

bool BaseRenderer::claim(const Pending& p, Ipv4Address a) {
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

void BaseRenderer::reserveExplicitAddresses() {
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

std::optional<Ipv4Address> BaseRenderer::nextAuto(const Pending& p) {
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

void BaseRenderer::assignAddresses() {
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

}  // namespace asemu::base_detail
