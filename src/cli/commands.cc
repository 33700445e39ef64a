#include "commands.h"

namespace asemu::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate", "Check a topology and report every problem in it", setupValidate},
      {"render", "Render a topology into the exact emulation (plan JSON, BIRD configs)",
       setupRender},
      {"show", "Summarize a topology: ASes, exchanges, nodes, addresses, BGP sessions", setupShow},
  };
  return table;
}

}  // namespace asemu::cli
