// Topology files (YAML) <-> model, and the built-in examples.
//
// A topology file describes a whole emulation: exchanges, ASes with networks, hosts and routers,
// makers, and peerings. It is also the component format: a saved emulation is a topology file,
// and another file can `include` it and extend it (the anycast demo includes the mini Internet).
#pragma once

#include <string>
#include <vector>

#include "asemu/layers/emulator.h"
#include "asemu/plan/plan.h"

namespace asemu::topo {

// Reads a topology into `emu`, adding Base, Routing, Ebgp, Ospf and Ibgp when missing.
// Errors name file:line:col and the object; all problems of a file are reported together.
void loadFile(Emulator& emu, const std::string& path);
void loadString(Emulator& emu, const std::string& yaml, const std::string& sourceName);
// As above; `name` receives the `name` the file gives itself (empty when it has none).
void loadFile(Emulator& emu, const std::string& path, std::string* name);
void loadString(Emulator& emu, const std::string& yaml, const std::string& sourceName,
                std::string* name);

// Saves an emulation as a topology file that loadFile reads back to the same plan.
std::string dumpString(const Emulator& emu);
std::string dumpString(const Emulator& emu, const std::string& name);  // with `name: ...`
void dumpFile(const Emulator& emu, const std::string& path);

// Built-in examples, reachable by name from the CLI: "mini-internet", "ip-anycast".
std::vector<std::string> exampleNames();
bool isExample(const std::string& name);
Emulator example(const std::string& name);  // Error with the known names when unknown

// A CLI argument: an existing file path, else an example name.
Emulator loadTopology(const std::string& fileOrExample);
// loadTopology + render; the plan is named after the example or the file's stem.
plan::Plan renderTopology(const std::string& fileOrExample);

}  // namespace asemu::topo
