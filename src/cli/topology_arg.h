// The TOPO argument every verb shares: a topology file or a built-in example name.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace asemu::cli {

inline constexpr const char* kTopologyHelp =
    "Topology file (YAML) or built-in example name (mini-internet, ip-anycast)";

inline CLI::Option* addTopologyArg(CLI::App& sub, std::string& target) {
  return sub.add_option("TOPO", target, kTopologyHelp)->required();
}

}  // namespace asemu::cli
