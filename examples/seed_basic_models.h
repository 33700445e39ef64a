// SEED's basic routing examples built through the C++ API, each written as the SEED program
// that defines it: the simple AS (A00), the transit AS (A01) and the nano Internet (A20).
// examples/simple-as.yaml, transit-as.yaml and nano-internet.yaml describe the same emulations;
// a unit test checks that each pair renders the same plan.
#pragma once

#include "asemu/layers/emulator.h"

namespace asemu::examples {

// Three stub ASes at ix100, each peering with the route server; only Base, Routing and Ebgp.
void buildSimpleAs(Emulator& emu);
// Transit AS-2 (four routers in a line between ix100 and ix101) and its three customers.
void buildTransitAs(Emulator& emu);
// As the transit AS (with AS-3 as the transit), plus display names and more hosts.
void buildNanoInternet(Emulator& emu);

}  // namespace asemu::examples
