// Small hand-built topologies for relationship and iBGP tests, and for BIRD's parser.
#pragma once

#include "asemu/layers/emulator.h"

namespace asemu::testing {

// ix100 with AS2, AS3, AS4 (each: net0, router r0 on net0 and ix100, one host) and AS5 (one
// router on ix100 only, no local network). Peerings at ix100: 2-3 Unfiltered, 2-4 Peer,
// 3 provides 4, 4-5 Peer.
Emulator makeThreeAsTopology();

// AS7 with two halves that share no network ({a0, a1} on netA, {b0, b1} on netB; a0 and b0 also
// on ix100) and AS8 with three routers chained r0 -netA- r1 -netB- r2.
Emulator makeIbgpTopology();

// AS2 (routers r0, r1), AS3 (r0) and AS4 (r0), each with net0 and a host h0 on it, and no
// exchange. Cross-connects: as2/r1 (10.50.0.1/30) - as3/r0 (10.50.0.2/30) with 5 ms latency,
// declared by as3/r0 first toward as4/r0 (10.50.0.9/30 - 10.50.0.10/30). Peerings over them:
// 2 provides 3, 3-4 Peer.
Emulator makeCrossConnectTopology();

}  // namespace asemu::testing
