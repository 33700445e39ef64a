// The prefix-hijack example's attacker, added to a mini Internet through the C++ API;
// examples/prefix-hijack.yaml describes the same emulation.
#pragma once

#include "asemu/layers/emulator.h"

namespace asemu::examples {

// AS-199: a stub at ix105 (net0, router0, one host), a customer of AS-2 and AS-3. It announces
// nothing until told to (`asemu bgp as199/router0 announce 10.153.0.0/25`).
void addHijackAttacker(Emulator& emu);

}  // namespace asemu::examples
