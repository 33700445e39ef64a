// Loads the mini Internet as a component, adds AS-180 (two hosts sharing 10.180.0.100) and
// prints the plan as JSON.
//
//   ip_anycast [component.yaml] > ip-anycast.json
//
// Without an argument the component is the built-in mini Internet; with one, it is a file such
// as the one `mini_internet component.yaml` saves.
#include <iostream>

#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"
#include "ip_anycast_model.h"

int main(int argc, char** argv) {
  try {
    asemu::Emulator emu;

    // Load the pre-built component
    if (argc > 1)
      asemu::topo::loadFile(emu, argv[1]);
    else
      emu = asemu::topo::example("mini-internet");

    asemu::examples::addAnycastAs(emu);

    std::cout << asemu::plan::toJsonText(emu.render("ip-anycast")) << "\n";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
