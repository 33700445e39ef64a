// The start script each container runs: the node's network setup, then its daemon.
//
// Docker attaches a container to its networks with interface names of its own (eth0, eth1, ...)
// in an order it does not promise, so the script never trusts names: it finds each interface by
// the subnet Docker addressed it from (the real prefix, or the placeholder with self-managed
// networks), renames it to the network's name and gives it the real address. Then the loopback,
// sysctls, routes and link properties; then BIRD for routers and route servers. The script is
// bash and passes shellcheck. Two environment variables let it run outside Docker:
//   ASEMU_BIRD       the BIRD program to start (default `bird`), e.g. a stub in tests
//   ASEMU_NO_WAIT=1  return after setup instead of keeping the container alive
#pragma once

#include <map>
#include <string>

#include "asemu/core/ipv4.h"
#include "asemu/plan/plan.h"

namespace asemu::compile {

// The subnet Docker addresses each network from, by plan::Network::id: the real prefix, or the
// placeholder with self-managed networks. Asserts every network of `node` has an entry.
using DockerSubnets = std::map<std::string, Ipv4Prefix>;

std::string startScript(const plan::Plan& plan, const plan::Node& node,
                        const DockerSubnets& subnets);

}  // namespace asemu::compile
