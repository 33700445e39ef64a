// Finding a node of a running emulation from what a user types.
//
// Accepted, in this order: the node id ("as150/host_0"), SEED's container name
// ("as150h-host_0-10.150.0.71"), or a substring of either that matches exactly one node
// ("10.150.0.71", "host_0-10.150"), as SEED's own tests address containers.
#pragma once

#include <string>

#include "asemu/plan/plan.h"

namespace asemu::runtime {

// Throws asemu::Error: unknown (with a suggestion) or ambiguous (listing the candidates).
const plan::Node& resolveNode(const plan::Plan& plan, const std::string& query);

}  // namespace asemu::runtime
