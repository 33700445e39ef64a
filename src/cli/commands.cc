#include "commands.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace asemu::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate", "Check a topology and report every problem in it", setupValidate},
      {"render", "Render a topology into the exact emulation (plan JSON, BIRD configs)",
       setupRender},
      {"show", "Summarize a topology: ASes, exchanges, nodes, addresses, BGP sessions", setupShow},
      {"up", "Run an emulation on this machine: namespaces, bridges and BIRD (root)", setupUp},
      {"down", "Remove every namespace, process and file of an emulation", setupDown},
      {"status", "Running emulations: nodes, daemons alive, BGP sessions established", setupStatus},
      {"exec", "Run a command or a shell inside a node of a running emulation", setupExec},
      {"bgp", "List, disable or enable the BGP sessions of a running router", setupBgp},
      {"catchment", "Which place each AS reaches for an address: measured and predicted",
       setupCatchment},
      {"failover", "Stopwatch: how long each AS loses an address when a site goes away",
       setupFailover},
      {"map", "Serve the Internet Map of a running emulation (graph, packets, BGP, consoles)",
       setupMap},
      {"watch", "Print where packets matching a BPF filter are seen in a running emulation",
       setupWatch},
      {"compile", "Compile to a docker compose project, a Swarm stack or Graphviz files",
       setupCompile},
      {"generate", "Write a generated Internet of N ASes as a topology file", setupGenerate},
  };
  return table;
}

std::string integerProblem(const std::string& text, uint64_t min, uint64_t max) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size() && value >= min && value <= max)
    return {};
  return "must be an integer " + std::to_string(min) + ".." + std::to_string(max) + ", got '" +
         text + "'";
}

CLI::Validator integer(uint64_t min, uint64_t max) {
  return CLI::Validator([=](const std::string& text) { return integerProblem(text, min, max); },
                        "N");
}

CLI::Validator seconds(double min, double max, const std::string& maxNote) {
  // Numbers as a user writes them: 0.1, 600, 86400.
  auto shown = [](double v) {
    std::ostringstream out;
    out << v;
    return out.str();
  };
  std::string rule = "must be a number of seconds " +
                     (min == 0 ? "above 0 and at most " + shown(max)
                               : "from " + shown(min) + " to " + shown(max)) +
                     (maxNote.empty() ? "" : " " + maxNote);
  return CLI::Validator(
      [=](const std::string& text) -> std::string {
        char* end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        bool number = end != text.c_str() && *end == '\0' && std::isfinite(v);
        if (number && (min == 0 ? v > 0 : v >= min) && v <= max) return {};
        return rule + ", got '" + text + "'";
      },
      "SECONDS");
}

}  // namespace asemu::cli
