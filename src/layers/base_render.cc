// The Base renderer's networks (exchanges and local networks, with their prefixes) and route
// servers.
#include <sstream>

#include "asemu/core/names.h"
#include "base_renderer.h"

namespace asemu::base_detail {

void BaseRenderer::run() {
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

void BaseRenderer::addExchanges() {
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
    addNetwork({ixNetworkId(ix.id()), ix.name(), plan::NetworkKind::Exchange, ix.id(), *prefix,
                ix.displayName(), ix.linkProperties()},
               object, ix.origin);
  }
}

void BaseRenderer::addLocalNetworks() {
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
      addNetwork({object, n.name(), plan::NetworkKind::Local, as.asn(), *prefix, n.displayName(),
                  n.linkProperties()},
                 object, n.origin);
    }
  }
}

// The prefix written for a network, or nullopt after reporting why it cannot be one.
std::optional<Ipv4Prefix> BaseRenderer::explicitPrefix(const std::string& text,
                                                       const std::string& object,
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

void BaseRenderer::addNetwork(plan::Network net) {
  networkIndex_[net.id] = ctx_.plan.networks.size();
  ctx_.plan.networks.push_back(std::move(net));
}

// Adds `net` to the plan, reporting a display name that breaks its rule as a problem of `object`.
void BaseRenderer::addNetwork(plan::Network net, const std::string& object,
                              const SourceLocation& origin) {
  if (auto problem = displayNameProblem(net.display_name); !problem.empty())
    ctx_.diagnostics.add(object, problem, origin);
  addNetwork(std::move(net));
}

// Computed once: both the reservation and the route server node need it, and a problem with
// it must be reported once.
std::optional<Ipv4Address> BaseRenderer::routeServerAddress(const InternetExchange& ix) {
  auto [it, fresh] = rsAddress_.try_emplace(ix.id());
  if (fresh) it->second = findRouteServerAddress(ix);
  return it->second;
}

std::optional<Ipv4Address> BaseRenderer::findRouteServerAddress(const InternetExchange& ix) {
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

void BaseRenderer::addRouteServers() {
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

}  // namespace asemu::base_detail
