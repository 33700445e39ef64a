// The one emitter of BIRD 2 configuration text from a node's Bird record.
#pragma once

#include <string>

#include "asemu/plan/plan.h"

namespace asemu::plan {

// The complete bird.conf of a router or route server. Asserts the node has a Bird record.
std::string birdConfig(const Node& node);

}  // namespace asemu::plan
