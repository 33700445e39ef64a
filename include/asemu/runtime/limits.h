// Limits the host sets for all of its namespaces together, checked before `up` creates anything.
//
// Some kernel limits cannot be raised from inside an emulation's namespaces: the number of
// network namespaces, of mounts, of processes, and the size of the IPv4 neighbour (ARP) table,
// whose thresholds are one setting shared by every namespace. An emulation that would exceed
// one is refused with the setting to raise, instead of failing half way or losing packets.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "asemu/plan/plan.h"

namespace asemu::runtime {

// What an emulation needs of those limits.
struct Demand {
  size_t namespaces = 0;  // the fabric and one per node
  size_t daemons = 0;     // BIRD processes
  // A lower bound of the neighbour entries the emulation holds once converged: both ends of
  // every eBGP session, of every OSPF adjacency and of every host's default route.
  size_t neighbours = 0;
};

Demand demandOf(const plan::Plan& plan);

// The host's limits as read from /proc; 0 means not known, and is not checked.
struct HostLimits {
  size_t max_net_namespaces = 0;  // user.max_net_namespaces
  size_t free_mounts = 0;         // fs.mount-max minus the mounts of asemu's mount namespace
  size_t free_pids = 0;           // kernel.pid_max (or threads-max if lower) minus processes
  size_t neighbour_max = 0;       // net.ipv4.neigh.default.gc_thresh3
  size_t neighbour_used = 0;      // entries of the neighbour table now, all namespaces
};

// One sentence per limit the demand exceeds, naming the setting and how to raise it.
std::vector<std::string> limitProblems(const Demand& demand, const HostLimits& limits);

}  // namespace asemu::runtime
