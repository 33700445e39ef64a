// Rendering speed and memory: the anycast demo, and generated Internets of growing size.
//
// Each size runs in a child process so that its peak RSS is its own. The "us/obj" column (time
// per node plus BGP session, render and emit together) shows whether the work stays linear in
// the size of the emulation: it should stay roughly flat as the AS count doubles. (Sessions grow
// faster than ASes here because every transit AS has a router at every exchange, in an iBGP mesh.)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "asemu/layers/emulator.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "asemu/layers/synthetic.h"
#include "asemu/plan/bird_config.h"
#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Figures {
  double buildMs = 0, renderMs = 0, emitMs = 0;
  size_t nodes = 0, sessions = 0, configBytes = 0, jsonBytes = 0;
  long peakKb = 0;
};

// Best of `runs` for render and for emitting every bird.conf plus the plan JSON.
template <class Make>
Figures measure(Make make, int runs) {
  Figures f;
  f.renderMs = f.emitMs = 1e18;
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    asemu::Emulator emu = make();
    f.buildMs = msSince(t0);
    auto t1 = Clock::now();
    asemu::plan::Plan plan = emu.render("bench");
    f.renderMs = std::min(f.renderMs, msSince(t1));
    auto t2 = Clock::now();
    size_t bytes = 0, sessions = 0;
    for (const auto& n : plan.nodes)
      if (n.bird) {
        bytes += asemu::plan::birdConfig(n).size();
        sessions += n.bird->sessions.size();
      }
    size_t json = asemu::plan::toJsonText(plan).size();
    f.emitMs = std::min(f.emitMs, msSince(t2));
    f.nodes = plan.nodes.size();
    f.sessions = sessions;
    f.configBytes = bytes;
    f.jsonBytes = json;
  }
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  f.peakKb = ru.ru_maxrss;
  return f;
}

asemu::Emulator synthetic(int stubs) {
  asemu::Emulator emu;
  asemu::Base base;
  asemu::Ebgp ebgp;
  asemu::makeSyntheticInternet(base, ebgp, {.stubs = stubs});
  emu.addLayer(base);
  emu.addLayer(asemu::Routing());
  emu.addLayer(ebgp);
  emu.addLayer(asemu::Ospf());
  emu.addLayer(asemu::Ibgp());
  return emu;
}

// Runs `work` in a child and reads its figures back through a pipe.
template <class Work>
Figures inChild(Work work) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(1);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Figures f = work();
    if (write(fds[1], &f, sizeof f) != sizeof f) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  Figures f;
  if (read(fds[0], &f, sizeof f) != sizeof f) {
    std::fprintf(stderr, "render_bench: a measurement failed\n");
    std::exit(1);
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  int maxStubs = argc > 1 ? std::atoi(argv[1]) : 4000;

  Figures demo =
      inChild([] { return measure([] { return asemu::topo::example("ip-anycast"); }, 20); });
  std::printf(
      "anycast demo: %zu nodes, %zu BGP sessions: render %.2f ms, bird.conf + JSON %.2f ms "
      "(%zu + %zu bytes), peak RSS %.1f MiB\n\n",
      demo.nodes, demo.sessions, demo.renderMs, demo.emitMs, demo.configBytes, demo.jsonBytes,
      demo.peakKb / 1024.0);

  std::printf("%8s %8s %9s %10s %10s %10s %9s %11s\n", "ASes", "nodes", "sessions", "build ms",
              "render ms", "emit ms", "us/obj", "peak MiB");
  double firstPerAs = 0;
  for (int stubs = 250; stubs <= maxStubs; stubs *= 2) {
    Figures f = inChild([stubs] { return measure([stubs] { return synthetic(stubs); }, 3); });
    int ases = asemu::syntheticAses({.stubs = stubs});
    double perAs = 1000.0 * (f.renderMs + f.emitMs) / double(f.nodes + f.sessions);
    if (firstPerAs == 0) firstPerAs = perAs;
    std::printf("%8d %8zu %9zu %10.1f %10.1f %10.1f %9.1f %11.1f   (x%.2f of the smallest)\n", ases,
                f.nodes, f.sessions, f.buildMs, f.renderMs, f.emitMs, perAs, f.peakKb / 1024.0,
                perAs / firstPerAs);
  }
  return 0;
}
