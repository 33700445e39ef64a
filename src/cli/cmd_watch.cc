// asemu watch: the map's packet events as text lines (or JSON lines) in the terminal.
#include <csignal>
#include <iostream>
#include <thread>

#include "asemu/core/error.h"
#include "asemu/map/capture.h"
#include "asemu/map/emulation.h"
#include "asemu/runtime/runtime.h"
#include "commands.h"
#include "running.h"

namespace asemu::cli {
namespace {

volatile std::sig_atomic_t gStop = 0;
void onSignal(int) {
  gStop = 1;
}

}  // namespace

void setupWatch(CLI::App& sub) {
  struct Options {
    std::string emulation, filter;
    bool json = false;
    uint64_t count = 0;
    double duration = 0;
  };
  auto o = std::make_shared<Options>();
  CLI::Option* e = sub.add_option("-e,--emulation", o->emulation,
                                  "Emulation name (may be omitted when one emulation runs)");
  sub.add_option("-f,--filter", o->filter, "BPF expression (libpcap syntax); empty: every packet");
  sub.add_flag("--json", o->json, "One JSON object per line (time, node, network, summary, ...)");
  sub.add_option("-c,--count", o->count, "Stop after this many lines")
      ->check(integer(1, 1000000000));
  sub.add_option("-d,--duration", o->duration, "Stop after this many seconds")
      ->check(seconds(0, 24 * 60 * 60, "(one day)"));
  sub.footer(
      "Each line names the node and interface where a packet was seen (<- the node received it,\n"
      "-> it sent it). Packets of one place within 100 ms are one line with a count (xN).\n"
      "Examples:\n"
      "  asemu watch --filter icmp\n"
      "  asemu watch -e ip-anycast --filter 'udp port 9090' --json --count 10");
  sub.callback([o, e] {
    if (std::string why = map::filterProblem(o->filter); !why.empty())
      throw Error("--filter", "invalid filter '" + o->filter + "': " + why);
    auto kernel = runtime::linuxKernel();
    runtime::Runtime rt(*kernel);
    std::string name = rt.resolveEmulation(given(e, o->emulation));
    auto emulation = map::runningEmulation(rt, name);
    map::Aggregator aggregator;
    map::CaptureOptions co;
    co.netns = emulation->fabricNamespace();
    co.filter = o->filter;
    map::Capture capture(co, emulation->ports(),
                         [&aggregator](map::Event e) { aggregator.add(std::move(e)); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    auto start = std::chrono::steady_clock::now();
    uint64_t printed = 0;
    while (!gStop) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      map::Batch batch = aggregator.flush();
      for (const auto& e : batch.events) {
        std::cout << (o->json ? map::toJson(e).dump() : map::textLine(e)) << "\n";
        if (o->count && ++printed >= o->count) break;
      }
      if (batch.dropped && !o->json)
        std::cout << "(" << batch.dropped << " more places within 100 ms not shown)\n";
      std::cout.flush();
      if (o->count && printed >= o->count) break;
      if (o->duration > 0 &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >=
              o->duration)
        break;
    }
    capture.stop();
  });
}

}  // namespace asemu::cli
