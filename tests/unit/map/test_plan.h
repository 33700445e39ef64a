// A small plan for the map's tests: AS 2's router r100 on exchange ix100 (display name
// "NYC-100", with its route server) and on AS 2's net0, where host_0 lives.
#pragma once

#include "asemu/plan/plan.h"

namespace asemu::map::testing {

plan::Plan smallPlan();

}  // namespace asemu::map::testing
