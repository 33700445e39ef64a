// The mini Internet built through the C++ API, line by line as SEED's Python example B00 builds
// it. examples/mini-internet.yaml describes the same emulation; a unit test checks that both
// render the same plan.
#pragma once

#include "asemu/layers/emulator.h"

namespace asemu::examples {

// Adds the layers and the whole mini Internet to an empty emulator.
void buildMiniInternet(Emulator& emu, int hostsTotalPerAs = 2);

}  // namespace asemu::examples
