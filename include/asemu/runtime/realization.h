// What a Plan becomes in the kernel: the planning half of `asemu up`.
//
// realize() turns a Plan into plain data: the namespaces to create (the fabric first), the
// batch for the fabric (one bridge per L2 network, or several for one of more than
// kMembersPerBridge members; one veth per node interface whose node end
// is placed directly in the node's namespace under the plan's interface name), one batch per
// node (loopback, addresses, routes, link properties), the sysctls of each namespace, and the
// map from bridge ports back to nodes. It does no I/O, so every decision is unit-tested.
#pragma once

#include <string>
#include <vector>

#include "asemu/core/linux_limits.h"
#include "asemu/plan/plan.h"
#include "asemu/runtime/kernel.h"

namespace asemu::runtime {

// A bridge port in the fabric: where a packet seen on `port` comes from.
struct Port {
  std::string port;       // "p3i0"
  std::string bridge;     // "br2"
  std::string node;       // plan node id
  std::string interface;  // the node's interface name
  std::string network;    // plan network id
  bool operator==(const Port&) const = default;
};

// A Linux bridge has at most kBridgePorts ports. A network with more members than
// kMembersPerBridge is realized as several bridges, each joined to the first by a
// veth ("trunk"); the others hold kMembersPerBridge members each, the first what room its trunks
// leave, up to kMembersPerBridge.
inline constexpr size_t kMembersPerBridge = 1000;
// The most members one network can have: a first bridge of trunks only, to kBridgePorts others.
constexpr size_t bridgeCapacity() {
  return kBridgePorts * kMembersPerBridge;
}

struct NodeSetup {
  std::string node;  // plan node id
  std::string ns;
  std::vector<plan::Sysctl> sysctls;  // baseSysctls(), then the plan's
  Batch batch;                        // applied after the fabric batch
  bool bird = false;                  // runs a BIRD
};

// Set in every namespace before its first link exists. Emulated networks are IPv4 only; without
// IPv6, links are created faster and bridges carry no router solicitations or MLD reports, so
// what a capture shows is the emulation's own traffic.
std::vector<plan::Sysctl> baseSysctls();

struct Realization {
  std::string emulation;
  std::string fabric;  // the fabric namespace
  std::vector<plan::Sysctl> fabric_sysctls;
  std::vector<std::string> namespaces;  // every namespace, fabric first, then nodes in plan order
  Batch fabric_batch;
  size_t bridges = 0;            // bridges in the fabric batch
  std::vector<NodeSetup> nodes;  // plan order
  std::vector<Port> ports;
};

// Throws asemu::Error when the plan cannot be realized (an interface on an unknown network,
// two nodes or interfaces with one name).
Realization realize(const plan::Plan& plan, const std::string& emulation);

}  // namespace asemu::runtime
