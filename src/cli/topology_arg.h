// The TOPO argument every verb shares: a topology file or a built-in example name.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "asemu/topo/topology.h"

namespace asemu::cli {

// "ip-anycast, mini-internet, ...": every built-in example.
inline std::string exampleList() {
  std::string list;
  for (const auto& name : topo::exampleNames()) list += (list.empty() ? "" : ", ") + name;
  return list;
}

inline std::string topologyHelp() {
  return "Topology file (YAML) or built-in example name (" + exampleList() + ")";
}

inline CLI::Option* addTopologyArg(CLI::App& sub, std::string& target) {
  return sub.add_option("TOPO", target, topologyHelp())->required();
}

}  // namespace asemu::cli
