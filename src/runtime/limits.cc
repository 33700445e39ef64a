#include "asemu/runtime/limits.h"

#include <map>
#include <set>

#include <fmt/format.h>

namespace asemu::runtime {

Demand demandOf(const plan::Plan& plan) {
  Demand d;
  d.namespaces = plan.nodes.size() + 1;
  std::map<std::string, size_t> ospfRouters;  // network -> routers with OSPF active on it
  for (const auto& node : plan.nodes) {
    if (node.role == plan::Role::Host && !node.routes.empty()) d.neighbours += 2;
    if (!node.bird) continue;
    ++d.daemons;
    for (const auto& s : node.bird->sessions)
      if (s.kind == plan::SessionKind::Ebgp) ++d.neighbours;
    if (!node.bird->ospf) continue;
    for (const auto& ifname : node.bird->ospf->active_interfaces)
      if (const plan::Interface* itf = node.findInterface(ifname)) ++ospfRouters[itf->network];
  }
  for (const auto& [network, routers] : ospfRouters) d.neighbours += routers * (routers - 1);
  return d;
}

std::vector<std::string> limitProblems(const Demand& d, const HostLimits& l) {
  std::vector<std::string> out;
  if (l.max_net_namespaces && d.namespaces > l.max_net_namespaces)
    out.push_back(fmt::format(
        "needs {} network namespaces but user.max_net_namespaces allows {}; raise it with "
        "'sysctl -w user.max_net_namespaces={}'",
        d.namespaces, l.max_net_namespaces, 2 * d.namespaces));
  if (l.free_mounts && d.namespaces > l.free_mounts)
    out.push_back(fmt::format(
        "needs {} mounts (one per namespace) but fs.mount-max leaves room for {}; raise it with "
        "'sysctl -w fs.mount-max=<more>'",
        d.namespaces, l.free_mounts));
  if (l.free_pids && d.daemons > l.free_pids)
    out.push_back(fmt::format(
        "needs {} daemon processes but kernel.pid_max and kernel.threads-max leave room for {}; "
        "raise them with sysctl",
        d.daemons, l.free_pids));
  if (l.neighbour_max && d.neighbours + l.neighbour_used > l.neighbour_max)
    out.push_back(fmt::format(
        "needs at least {} IPv4 neighbour entries, but the host's table, shared by all "
        "namespaces, holds {} of which {} are in use (net.ipv4.neigh.default.gc_thresh3); "
        "raise it with 'sysctl -w net.ipv4.neigh.default.gc_thresh3={}'",
        d.neighbours, l.neighbour_max, l.neighbour_used, 2 * (d.neighbours + l.neighbour_used)));
  return out;
}

}  // namespace asemu::runtime
