// The IP anycast demo built through the C++ API, line by line as SEED's Python example B24: it
// takes an emulator that holds the mini Internet (loaded as a component) and adds AS-180.
// examples/ip-anycast.yaml describes the same emulation; a unit test checks that both render
// the same plan.
#pragma once

#include "asemu/layers/emulator.h"

namespace asemu::examples {

// Adds AS-180, two instances of one anycast address, to an emulator holding the mini Internet.
void addAnycastAs(Emulator& emu);

}  // namespace asemu::examples
