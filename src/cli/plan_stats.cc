#include "plan_stats.h"

#include <set>

namespace asemu::cli {

PlanStats planStats(const plan::Plan& plan) {
  PlanStats s;
  std::set<int> ases;
  for (const auto& n : plan.networks) {
    ++s.networks;
    if (n.kind == plan::NetworkKind::Exchange) ++s.exchanges;
  }
  for (const auto& n : plan.nodes) {
    switch (n.role) {
      case plan::Role::Host:
        ++s.hosts;
        break;
      case plan::Role::Router:
      case plan::Role::BorderRouter:
        ++s.routers;
        break;
      case plan::Role::RouteServer:
        ++s.route_servers;
        break;
    }
    if (!n.exchange) ases.insert(n.asn);
    // Each session is counted once, from the side with the lower node id.
    if (n.bird)
      for (const auto& b : n.bird->sessions)
        if (b.neighbor_node.empty() || n.id < b.neighbor_node) ++s.bgp_sessions;
  }
  s.ases = ases.size();
  return s;
}

std::string PlanStats::summary() const {
  return std::to_string(ases) + " ASes, " + std::to_string(exchanges) + " exchanges, " +
         std::to_string(nodes()) + " nodes (" + std::to_string(hosts) + " hosts, " +
         std::to_string(routers) + " routers, " + std::to_string(route_servers) +
         " route servers), " + std::to_string(bgp_sessions) + " BGP sessions";
}

nlohmann::json PlanStats::toJson() const {
  return {{"ases", ases},
          {"exchanges", exchanges},
          {"networks", networks},
          {"nodes", nodes()},
          {"hosts", hosts},
          {"routers", routers},
          {"route_servers", route_servers},
          {"bgp_sessions", bgp_sessions}};
}

}  // namespace asemu::cli
