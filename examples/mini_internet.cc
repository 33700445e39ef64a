// Builds the mini Internet, prints its plan as JSON and, given a file name, saves the emulation
// there as a component that other emulations load and extend (see ip_anycast.cc).
//
//   mini_internet [component.yaml] > mini-internet.json
#include <iostream>

#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"
#include "mini_internet_model.h"

int main(int argc, char** argv) {
  try {
    asemu::Emulator emu;
    asemu::examples::buildMiniInternet(emu);

    // Save it as a component, so that other emulations can use it
    if (argc > 1) asemu::topo::dumpFile(emu, argv[1]);

    std::cout << asemu::plan::toJsonText(emu.render("mini-internet")) << "\n";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
