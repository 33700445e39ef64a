// Compile speed: the anycast demo and a generated 1,000-AS Internet, to a compose project with
// self-managed networks, a Swarm stack and Graphviz files. Each row shows the time to build the
// files in memory (best of several runs), the time to write them to a fresh directory, and how
// many files and bytes were written.
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>

#include "asemu/compile/docker.h"
#include "asemu/compile/graphviz.h"
#include "asemu/layers/emulator.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "asemu/layers/synthetic.h"
#include "asemu/topo/topology.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

asemu::plan::Plan synthetic(int stubs) {
  asemu::Emulator emu;
  asemu::Base base;
  asemu::Ebgp ebgp;
  asemu::makeSyntheticInternet(base, ebgp, {.stubs = stubs});
  emu.addLayer(base);
  emu.addLayer(asemu::Routing());
  emu.addLayer(ebgp);
  emu.addLayer(asemu::Ospf());
  emu.addLayer(asemu::Ibgp());
  return emu.render("synthetic-" + std::to_string(stubs));
}

void row(const std::string& name, const asemu::plan::Plan& plan, const std::string& mode,
         const std::function<asemu::compile::Output()>& compile, int runs,
         const fs::path& scratch) {
  double best = 1e18;
  asemu::compile::Output out;
  for (int r = 0; r < runs; ++r) {
    auto t = Clock::now();
    out = compile();
    best = std::min(best, msSince(t));
  }
  fs::path dir = scratch / (name + "-" + mode);
  auto t = Clock::now();
  auto summary = asemu::compile::writeOutput(out, dir.string(), false);
  double writeMs = msSince(t);
  std::printf("%-14s %6zu %6zu  %-12s %9.1f %9.1f %7zu %12zu\n", name.c_str(), plan.nodes.size(),
              plan.networks.size(), mode.c_str(), best, writeMs, summary.files, summary.bytes);
}

void bench(const std::string& name, const asemu::plan::Plan& plan, int runs,
           const fs::path& scratch) {
  asemu::compile::DockerOptions compose;
  compose.self_managed_network = true;
  asemu::compile::DockerOptions swarm;
  swarm.distributed = true;
  row(
      name, plan, "compose-smn", [&] { return asemu::compile::compileDocker(plan, compose); }, runs,
      scratch);
  row(
      name, plan, "swarm", [&] { return asemu::compile::compileDocker(plan, swarm); }, runs,
      scratch);
  row(
      name, plan, "graphviz", [&] { return asemu::compile::compileGraphviz(plan); }, runs, scratch);
}

}  // namespace

int main(int argc, char** argv) {
  int stubs = argc > 1 ? std::atoi(argv[1]) : 1000;
  fs::path scratch =
      fs::temp_directory_path() / ("asemu-compile-bench-" + std::to_string(getpid()));
  std::printf("%-14s %6s %6s  %-12s %9s %9s %7s %12s\n", "plan", "nodes", "nets", "output",
              "build ms", "write ms", "files", "bytes");
  try {
    bench("ip-anycast", asemu::topo::renderTopology("ip-anycast"), 5, scratch);
    auto t = Clock::now();
    auto big = synthetic(stubs);
    std::fprintf(stderr, "(rendered %d-stub Internet in %.0f ms)\n", stubs, msSince(t));
    bench(std::to_string(stubs) + "-AS", big, 3, scratch);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compile_bench: %s\n", e.what());
    fs::remove_all(scratch);
    return 1;
  }
  fs::remove_all(scratch);
  return 0;
}
