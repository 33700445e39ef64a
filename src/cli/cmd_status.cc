// asemu status [NAME]: what runs, whether every BIRD is alive, how many sessions are up.
#include <chrono>
#include <cmath>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "asemu/runtime/runtime.h"
#include "commands.h"

namespace asemu::cli {
namespace {

nlohmann::json toJson(const runtime::EmulationStatus& s) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const auto& n : s.node_list) {
    nlohmann::json j = {{"id", n.id}, {"container", n.container}, {"role", n.role}};
    if (n.has_bird)
      j["bird"] = {{"running", n.bird_running},
                   {"busy", n.bird_busy},
                   {"sessions", n.sessions},
                   {"established", n.established}};
    nodes.push_back(j);
  }
  return {{"name", s.name},
          {"phase", s.phase},
          {"uptime_seconds", std::round(s.uptime_seconds * 10) / 10},
          {"nodes", s.nodes},
          {"daemons", s.daemons},
          {"daemons_running", s.daemons_running},
          {"daemons_busy", s.daemons_busy},
          {"sessions", s.sessions},
          {"established", s.established},
          {"problems", s.problems},
          {"node_list", nodes}};
}

void print(const runtime::EmulationStatus& s, bool nodes, double wait) {
  std::cout << fmt::format("{}: {}, up {:.0f} s\n", s.name, s.phase, s.uptime_seconds)
            << fmt::format("  nodes {}, BIRD {}/{} running, BGP sessions {}/{} established\n",
                           s.nodes, s.daemons_running, s.daemons, s.established, s.sessions);
  if (s.daemons_busy > 0)
    std::cout << fmt::format(
        "  busy: {} BIRDs run but did not answer within {:g} s; their sessions are not counted "
        "(--wait to wait longer)\n",
        s.daemons_busy, wait);
  for (const auto& p : s.problems) std::cout << "  problem: " << p << "\n";
  if (!nodes) return;
  for (const auto& n : s.node_list) {
    std::cout << fmt::format("  {:<20} {:<36} {:<12}", n.id, n.container, n.role);
    if (n.bird_busy)
      std::cout << fmt::format(" bird busy    ?/{} established", n.sessions);
    else if (n.has_bird)
      std::cout << fmt::format(" bird {:<7} {}/{} established", n.bird_running ? "running" : "DEAD",
                               n.established, n.sessions);
    std::cout << "\n";
  }
}

}  // namespace

void setupStatus(CLI::App& sub) {
  struct Options {
    std::string name;
    bool json = false, nodes = false;
    double wait = std::chrono::duration<double>(runtime::Runtime::kStatusWait).count();
  };
  auto o = std::make_shared<Options>();
  CLI::Option* named =
      sub.add_option("NAME", o->name, "Emulation name (default: every running emulation)");
  sub.add_flag("--json", o->json, "Print as JSON");
  sub.add_flag("--nodes", o->nodes, "List every node");
  sub.add_option("--wait", o->wait,
                 "Seconds every BIRD has to answer, all asked at once (default 5); one that "
                 "runs but answers later is counted busy")
      ->check(seconds(0.1, 600));
  sub.footer(
      "Exit status 1 when a daemon is dead or a namespace is missing; a busy daemon (one that\n"
      "runs but answers late, as while a thousand converge) is not a problem.\n"
      "Examples:\n"
      "  asemu status\n"
      "  asemu status ip-anycast --json");
  sub.callback([o, named] {
    auto kernel = runtime::linuxKernel();
    runtime::Runtime rt(*kernel);
    std::vector<std::string> names = named->count() == 0
                                         ? rt.emulations()
                                         : std::vector<std::string>{rt.resolveEmulation(o->name)};
    bool healthy = true;
    nlohmann::json all = nlohmann::json::array();
    for (const auto& name : names) {
      runtime::EmulationStatus s =
          rt.status(name, std::chrono::milliseconds(int64_t(o->wait * 1000)));
      healthy &= s.problems.empty();
      if (o->json)
        all.push_back(toJson(s));
      else
        print(s, o->nodes, o->wait);
    }
    if (o->json)
      std::cout << (named->count() == 0 ? all : all.at(0)).dump(2) << "\n";
    else if (names.empty())
      std::cout << "no emulation is running\n";
    if (!healthy) throw CLI::RuntimeError(1);
  });
}

}  // namespace asemu::cli
