// Routing: what every node needs before any routing protocol: sysctls, router loopbacks
// (10.0.0.k over all routers in AS and router creation order) and BIRD's base with the
// prefixes a router announces, and a default route on each host via the first router of its AS
// on the host's network. No interface may hold a router's loopback address: both would answer
// for it.
#include "asemu/layers/routing.h"

#include <map>
#include <set>
#include <unordered_map>

#include "asemu/layers/base.h"
#include "asemu/layers/emulator.h"

namespace asemu {
namespace {

const Ipv4Prefix kLoopbackPool(Ipv4Address(10, 0, 0, 0), 16);

std::string joinNames(const std::vector<plan::Interface>& ifs) {
  std::string out;
  for (const auto& i : ifs) out += (out.empty() ? "" : ", ") + i.name;
  return out;
}

}  // namespace

void Routing::render(RenderContext& ctx) const {
  auto& plan = ctx.plan;
  std::unordered_map<std::string, Ipv4Address> firstRouterOn;  // network id -> router address
  std::unordered_map<std::string, plan::NetworkKind> kindOf;
  for (const auto& n : plan.networks) kindOf[n.id] = n.kind;
  std::map<uint32_t, std::string> loopbackOf;  // address -> router id
  std::set<int> asesWithFailedRouters;
  uint64_t k = 0;
  for (auto& node : plan.nodes) {
    if (node.isRouter() && ctx.hasFailed(node.id)) asesWithFailedRouters.insert(node.asn);
    // Sorted by key, the order the plan's JSON form keeps, so a plan read back is identical.
    node.sysctls = {{"net.ipv4.conf.all.rp_filter", "0"},
                    {"net.ipv4.conf.default.rp_filter", "0"},
                    {"net.ipv4.ip_forward", "1"}};
    if (node.role == plan::Role::RouteServer) {
      plan::Bird bird;
      bird.router_id = node.interfaces.front().address;
      bird.asn = node.asn;
      bird.route_server = true;
      node.bird = std::move(bird);
      continue;
    }
    if (!node.isRouter()) continue;
    auto loopback = kLoopbackPool.host(++k);
    if (!loopback || k + 1 >= kLoopbackPool.size()) {
      ctx.diagnostics.add(node.id, "more routers than loopback addresses in " + kLoopbackPool.str(),
                          ctx.node_origin[node.id]);
      continue;
    }
    node.loopback = *loopback;
    loopbackOf.emplace(loopback->value(), node.id);
    plan::Bird bird;
    bird.router_id = *loopback;
    bird.asn = node.asn;
    for (const auto& i : node.interfaces) {
      if (kindOf.at(i.network) == plan::NetworkKind::Local) {
        bird.direct_interfaces.push_back(i.name);
        firstRouterOn.emplace(i.network, i.address);
      }
    }
    node.bird = std::move(bird);
  }

  // Announced prefixes, checked when the router was given them.
  for (const auto& as : ctx.emulator.getLayer<Base>().autonomousSystems())
    for (const auto& router : as.routers()) {
      auto it = ctx.node_index.find(router.id());
      if (it == ctx.node_index.end() || !plan.nodes[it->second].bird) continue;
      for (const auto& text : router.announcements())
        plan.nodes[it->second].bird->announced.push_back(*Ipv4Prefix::parse(text));
    }

  for (const auto& node : plan.nodes) {
    for (const auto& i : node.interfaces) {
      auto it = loopbackOf.find(i.address.value());
      if (it == loopbackOf.end()) continue;
      ctx.fail(node.id,
               "address " + i.address.str() + " on " + i.name + " is the loopback address of " +
                   it->second + " (routers get " + kLoopbackPool.str() +
                   " addresses in creation order); give another address",
               ctx.node_origin[node.id]);
    }
  }

  for (auto& node : plan.nodes) {
    if (node.role != plan::Role::Host || ctx.hasFailed(node.id)) continue;
    const SourceLocation& where = ctx.node_origin[node.id];
    if (node.interfaces.empty()) {
      ctx.diagnostics.add(node.id, "host joins no network; a host joins exactly one", where);
      continue;
    }
    if (node.interfaces.size() > 1) {
      ctx.diagnostics.add(node.id,
                          "host joins " + std::to_string(node.interfaces.size()) + " networks (" +
                              joinNames(node.interfaces) + "); a host joins exactly one",
                          where);
      continue;
    }
    const auto& iface = node.interfaces.front();
    auto it = firstRouterOn.find(iface.network);
    if (it == firstRouterOn.end()) {
      // A router that failed may have been meant for this network.
      if (asesWithFailedRouters.count(node.asn)) continue;
      ctx.diagnostics.add(node.id,
                          "network " + iface.name +
                              " has no router, so the host has no "
                              "default route; join a router of as" +
                              std::to_string(node.asn) + " to " + iface.name,
                          where);
      continue;
    }
    node.routes.push_back({Ipv4Prefix(Ipv4Address(0), 0), it->second});
  }
}

}  // namespace asemu
