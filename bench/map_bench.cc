// Speed of the map's capture path on a running anycast demo (needs root): packets per second the
// one fabric capture takes in and summarizes while a host pings the anycast address as fast as it
// can (ping -f, bounded by count), whether the kernel had to drop any, how many events reach a
// page after aggregation; and the CPU an idle `asemu map` server uses.
//
//   map_bench [--pings N]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "asemu/map/capture.h"
#include "asemu/map/emulation.h"
#include "asemu/map/server.h"
#include "asemu/runtime/node_lookup.h"
#include "asemu/runtime/runtime.h"
#include "asemu/topo/topology.h"

namespace rt = asemu::runtime;
namespace map = asemu::map;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// utime + stime of a process, in seconds.
double cpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string f;
  unsigned long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stoul(f);
    if (i == 15) stime = std::stoul(f);
  }
  return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

void capturePath(rt::Runtime& runtime, const std::string& name, int pings) {
  auto emulation = map::runningEmulation(runtime, name);
  map::Aggregator aggregator;
  std::atomic<uint64_t> packets{0};
  map::CaptureOptions o;
  o.netns = emulation->fabricNamespace();
  o.filter = "icmp";
  map::Capture capture(o, emulation->ports(), [&](map::Event e) {
    ++packets;
    aggregator.add(std::move(e));
  });
  // What a page would receive: one flush every 100 ms, as the server does.
  std::atomic<bool> done{false};
  uint64_t events = 0, flushes = 0, dropped = 0;
  std::thread flusher([&] {
    while (!done) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      map::Batch b = aggregator.flush();
      events += b.events.size();
      dropped += b.dropped;
      ++flushes;
    }
  });
  const auto& plan = emulation->plan();
  auto start = Clock::now();
  int rc = runtime.kernel().runIn(
      runtime.view(name, rt::resolveNode(plan, "10.150.0.71")),
      {"/bin/sh", "-c",
       "exec ping -f -q -c " + std::to_string(pings) + " 10.180.0.100 >/dev/null"});
  double seconds = since(start);
  // The capture may still be working through its ring buffer: count until it has caught up.
  uint64_t last = packets;
  double drained = since(start);
  for (int quiet = 0; quiet < 20; ++quiet) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (packets != last) {
      last = packets;
      drained = since(start);
      quiet = 0;
    }
  }
  capture.stop();
  done = true;
  flusher.join();
  map::CaptureStats st = capture.stats();
  std::printf("capture: ping -f -c %d from 10.150.0.71 to 10.180.0.100 took %.2f s (exit %d)\n",
              pings, seconds, rc);
  std::printf(
      "capture: %llu packets captured and summarized in %.2f s: %.0f per second; kernel drops "
      "%llu\n",
      (unsigned long long)st.packets, drained, double(st.packets) / drained,
      (unsigned long long)st.kernel_drops);
  std::printf("capture: %.1f packets per ping (each crossing of a bridge port is one packet)\n",
              double(st.packets) / pings);
  std::printf(
      "capture: %llu events sent after aggregation in %llu flushes (%.0f per second), %llu "
      "left out by the cap\n",
      (unsigned long long)events, (unsigned long long)flushes, double(events) / seconds,
      (unsigned long long)dropped);
}

void idleServer(rt::Runtime& runtime, const std::string& name, double seconds) {
  auto emulation = map::runningEmulation(runtime, name);
  pid_t pid = fork();
  if (pid == 0) {
    map::ServerOptions o;
    o.port = 0;
    o.on_listen = [](const std::string&) {};
    try {
      map::serve(*emulation, o);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      _exit(1);
    }
    _exit(0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  double before = cpuSeconds(pid);
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  double used = cpuSeconds(pid) - before;
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  std::printf("idle map server: %.3f s CPU in %.0f s (%.2f%% of one core)\n", used, seconds,
              100.0 * used / seconds);
}

}  // namespace

int main(int argc, char** argv) {
  int pings = 20000;
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--pings") && i + 1 < argc) pings = std::atoi(argv[++i]);
  auto kernel = rt::linuxKernel();
  if (std::string why = kernel->missingPrerequisite(); !why.empty()) {
    std::printf("map_bench: skipped: %s\n", why.c_str());
    return 0;
  }
  rt::Runtime runtime(*kernel);
  std::string name = "mapbench" + std::to_string(getpid());
  rt::UpOptions o;
  o.name = name;
  int code = 0;
  try {
    runtime.up(asemu::topo::renderTopology("ip-anycast"), o);
    capturePath(runtime, name, pings);
    idleServer(runtime, name, 10);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "map_bench: %s\n", e.what());
    code = 1;
  }
  try {
    runtime.down(name);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "map_bench: down: %s\n", e.what());
    code = 1;
  }
  return code;
}
