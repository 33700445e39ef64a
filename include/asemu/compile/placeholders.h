// Placeholder subnets for self-managed networks.
//
// Docker refuses two networks with one prefix, yet the anycast demo needs exactly that. With
// self-managed networks Docker only ever sees a placeholder subnet per network; each container's
// start script finds its interface by that subnet and swaps in the real address. The placeholders
// must not overlap anything the emulation routes (network prefixes, node addresses, loopbacks,
// route destinations), or a container could not tell a placeholder from an emulated address and
// the Docker host would own addresses inside the emulated space.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/plan/plan.h"

namespace asemu::compile {

// Ranges tried in order: benchmarking space (RFC 2544), shared space (RFC 6598), then the private
// 172.16/12 and 192.168/16 blocks. Docker's default pools start at 172.17, hence that order.
std::vector<Ipv4Prefix> defaultPlaceholderPools();

struct PlaceholderNetwork {
  Ipv4Prefix subnet;
  Ipv4Address gateway;  // the subnet's first address; Docker's bridge owns it
};

struct Placeholders {
  std::map<std::string, PlaceholderNetwork> networks;  // by plan::Network::id
  // Static placeholder address per (node id, network id); empty when addresses are dynamic.
  std::map<std::pair<std::string, std::string>, Ipv4Address> addresses;

  const PlaceholderNetwork& network(const std::string& id) const;
};

struct PlaceholderOptions {
  std::vector<Ipv4Prefix> pools = defaultPlaceholderPools();
  // Addresses each subnet keeps free beyond its members, network, broadcast and gateway. Swarm
  // overlays take one address per Docker host that runs a task on the network.
  unsigned spare_addresses = 0;
  bool static_addresses = true;  // give each member a fixed address (compose, not swarm)
};

// Every prefix the emulation uses: networks, interface addresses, loopbacks, route destinations.
std::vector<Ipv4Prefix> emulatedPrefixes(const plan::Plan& plan);

// One subnet per network, in plan order, each the smallest that fits its members. Throws Error
// when the pools cannot hold them without touching emulated space.
Placeholders assignPlaceholders(const plan::Plan& plan, const PlaceholderOptions& options = {});

}  // namespace asemu::compile
