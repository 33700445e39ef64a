// The anycast demo (SEED example B24) built through the C++ API, for tests that pin its facts.
//
// It is written here line by line like SEED's Python: the mini Internet (B00) with its makers,
// route-server peers and provider peerings, then AS-180 with two halves that share one prefix.
// Tests build it themselves rather than loading a topology file, so that the facts they pin
// depend only on the model and the layers.
#pragma once

#include "asemu/layers/emulator.h"
#include "asemu/plan/plan.h"

namespace asemu::testing {

// The mini Internet of SEED example B00 with `hostsPerStub` hosts in each stub AS.
Emulator makeMiniInternet(int hostsPerStub = 2);

// The mini Internet plus AS-180 (SEED example B24).
Emulator makeAnycastDemo();

// makeAnycastDemo() rendered once and kept for the whole test program.
const plan::Plan& anycastPlan();

}  // namespace asemu::testing
