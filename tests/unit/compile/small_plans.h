// Hand-built plans for the compiler tests, independent of the layers that normally render them.
//
// smallInternet(): exchange ix100 (NYC-100) with its route server; AS2 (transit, router r100),
// AS150 (stub: host_0, router0) customer of AS2 at ix100, and AS151 peering with AS2 privately.
// sharedPrefixInternet(): smallInternet() plus AS180 with net0 and net1 both 10.180.0.0/24, one
// host on each at 10.180.0.100 and a border router on each, as in the anycast demo.
#pragma once

#include "asemu/plan/plan.h"

namespace asemu::compile::testing {

plan::Plan smallInternet();
plan::Plan sharedPrefixInternet();

}  // namespace asemu::compile::testing
