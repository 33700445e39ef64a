// Finding a node of a running emulation from what a user types.
//
// Every verb that takes a node accepts the same names, tried from the most exact to the loosest;
// the first kind that matches any node decides:
//   1. the node id ("as150/host_0"),
//   2. SEED's container name ("as150h-host_0-10.150.0.71"),
//   3. the node's own name ("host_0", "h3") or one of its addresses ("10.150.0.71"),
//   4. a part of an id or a container name ("host_0-10.150"), as SEED's own tests address
//      containers.
// So `h3` means the node named h3 even when h30..h39 exist; a kind that matches several nodes is
// ambiguous, whatever the looser kinds would say.
#pragma once

#include <string>

#include "asemu/plan/plan.h"

namespace asemu::runtime {

// Throws asemu::Error: unknown (with a suggestion) or ambiguous (listing the candidates).
const plan::Node& resolveNode(const plan::Plan& plan, const std::string& query);

}  // namespace asemu::runtime
