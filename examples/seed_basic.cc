// Builds one of SEED's basic routing examples through the C++ API and prints its plan as JSON;
// given a file name, it also saves the emulation there as a topology file.
//
//   seed_basic simple-as|transit-as|nano-internet [topology.yaml] > plan.json
#include <functional>
#include <iostream>
#include <map>

#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"
#include "seed_basic_models.h"

int main(int argc, char** argv) {
  const std::map<std::string, std::function<void(asemu::Emulator&)>> builders = {
      {"simple-as", asemu::examples::buildSimpleAs},
      {"transit-as", asemu::examples::buildTransitAs},
      {"nano-internet", asemu::examples::buildNanoInternet}};
  auto builder = argc > 1 ? builders.find(argv[1]) : builders.end();
  if (builder == builders.end()) {
    std::cerr << "usage: seed_basic simple-as|transit-as|nano-internet [topology.yaml]\n";
    return 2;
  }
  try {
    asemu::Emulator emu;
    builder->second(emu);
    if (argc > 2) asemu::topo::dumpFile(emu, argv[2]);
    std::cout << asemu::plan::toJsonText(emu.render(builder->first)) << "\n";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
