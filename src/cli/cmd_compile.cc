// asemu compile docker|swarm|graphviz TOPO -o DIR: the emulation as files for other tools.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "asemu/compile/docker.h"
#include "asemu/compile/graphviz.h"
#include "asemu/core/error.h"
#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"
#include "commands.h"
#include "topology_arg.h"

namespace asemu::cli {
namespace {

struct CompileArgs {
  std::string topo, out;
  bool force = false, json = false;
  bool selfManaged = false, distributed = false, placeByAs = false;
  std::string baseImage = compile::kDefaultBaseImage;
  std::string image = "asemu-node:latest";
  std::vector<std::string> pools;
};

// A saved plan (`asemu render --json > plan.json`) compiles as is; anything else is a topology.
plan::Plan loadPlan(const std::string& arg) {
  std::filesystem::path p(arg);
  if (p.extension() == ".json" && std::filesystem::is_regular_file(p))
    return plan::planFromJsonFile(arg);
  return topo::renderTopology(arg);
}

void addCommon(CLI::App& sub, CompileArgs& a) {
  addTopologyArg(sub, a.topo)->description(topologyHelp() + ", or a plan .json file");
  sub.add_option("-o,--output", a.out, "Directory to write into")->required();
  sub.add_flag("--force", a.force,
               "Write into a non-empty directory (removes the files of a previous compile there)");
  sub.add_flag("--json", a.json, "Print the summary as JSON");
}

void addDockerOptions(CLI::App& sub, CompileArgs& a, bool swarm) {
  if (!swarm) {
    sub.add_flag("--self-managed-network", a.selfManaged,
                 "Give Docker placeholder subnets; containers swap in the real addresses (needed "
                 "when networks share a prefix, as in ip-anycast)");
    sub.add_flag("--distributed", a.distributed,
                 "Write a Docker Swarm stack instead (same as `asemu compile swarm`)");
  }
  sub.add_option("--base-image", a.baseImage, "Debian-based image the node images start from")
      ->capture_default_str();
  sub.add_option("--image", a.image, "Swarm: the node image every service runs")
      ->capture_default_str();
  sub.add_flag("--place-by-as", a.placeByAs,
               "Swarm: run each AS only on Docker hosts labelled asemu.as<ASN>=true "
               "(route servers: asemu.ix<N>=true)");
  sub.add_option("--placeholder-pool", a.pools,
                 "Range for placeholder subnets (repeatable; default 198.18.0.0/15, "
                 "100.64.0.0/10, 172.16.0.0/12, 192.168.0.0/16)");
}

void report(const CompileArgs& a, const std::string& target, const plan::Plan& plan,
            const compile::WriteSummary& s, double seconds) {
  if (a.json) {
    nlohmann::json j = {{"target", target},
                        {"plan", plan.name},
                        {"output", a.out},
                        {"files", s.files},
                        {"bytes", s.bytes},
                        {"nodes", plan.nodes.size()},
                        {"networks", plan.networks.size()},
                        {"seconds", seconds}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << "compiled " << plan.name << " (" << plan.nodes.size() << " nodes, "
            << plan.networks.size() << " networks) to " << target << ": " << s.files << " files, "
            << s.bytes << " bytes in " << a.out << "\n";
}

void runDocker(const CompileArgs& a, bool swarm) {
  auto start = std::chrono::steady_clock::now();
  plan::Plan plan = loadPlan(a.topo);
  compile::DockerOptions o;
  o.distributed = swarm || a.distributed;
  o.self_managed_network = a.selfManaged;
  o.base_image = a.baseImage;
  o.swarm_image = a.image;
  o.place_by_as = a.placeByAs;
  if (!a.pools.empty()) {
    o.placeholder_pools.clear();
    for (const auto& text : a.pools) {
      auto p = Ipv4Prefix::parse(text);
      if (!p) throw Error("--placeholder-pool " + text, "not a prefix like 198.18.0.0/15");
      o.placeholder_pools.push_back(*p);
    }
  }
  auto output = compile::compileDocker(plan, o);
  auto summary = compile::writeOutput(output, a.out, a.force);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::string target = o.distributed            ? "a Docker Swarm stack"
                       : o.self_managed_network ? "docker compose (self-managed networks)"
                                                : "docker compose";
  report(a, a.json ? (o.distributed ? "swarm" : "docker") : target, plan, summary, took.count());
}

}  // namespace

void setupCompile(CLI::App& sub) {
  sub.require_subcommand(1);
  sub.footer(
      "Examples:\n"
      "  asemu compile docker ip-anycast -o out/ --self-managed-network\n"
      "  asemu compile swarm ip-anycast -o stack/ --place-by-as\n"
      "  asemu compile graphviz ip-anycast -o graphs/ && dot -Tsvg graphs/bgp.dot -o bgp.svg");

  auto docker = std::make_shared<CompileArgs>();
  CLI::App* d = sub.add_subcommand("docker", "A docker compose project (SEED-compatible names)");
  addCommon(*d, *docker);
  addDockerOptions(*d, *docker, false);
  d->callback([docker] { runDocker(*docker, false); });

  auto swarm = std::make_shared<CompileArgs>();
  CLI::App* s = sub.add_subcommand("swarm", "A Docker Swarm stack spanning several Docker hosts");
  addCommon(*s, *swarm);
  addDockerOptions(*s, *swarm, true);
  s->callback([swarm] { runDocker(*swarm, true); });

  auto graph = std::make_shared<CompileArgs>();
  CLI::App* g = sub.add_subcommand("graphviz", "Graphviz dot files: L2 topology and eBGP peerings");
  addCommon(*g, *graph);
  g->callback([graph] {
    auto start = std::chrono::steady_clock::now();
    plan::Plan plan = loadPlan(graph->topo);
    auto summary = compile::writeOutput(compile::compileGraphviz(plan), graph->out, graph->force);
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    report(*graph, graph->json ? "graphviz" : "graphviz (l2.dot, bgp.dot)", plan, summary,
           took.count());
  });
}

}  // namespace asemu::cli
