// The failover stopwatch on real namespaces and BIRD (needs root): the anycast demo's site 1
// (as180/router1) goes away by each cause, under each BGP timer profile, while every AS probes
// 10.180.0.100 every 10 ms. Prints one row per profile and cause: how many ASes lost the
// address, the median and worst loss window and switch time, and how many were not answered
// again within the probing time. The emulation is brought up once per profile; the site is
// restored after each cause.
//
//   failover_bench [--duration S]   seconds of probing after time 0 at most (default 10)
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "asemu/map/failover.h"
#include "asemu/runtime/runtime.h"
#include "asemu/topo/topology.h"

namespace rt = asemu::runtime;
namespace map = asemu::map;

namespace {

struct Profile {
  const char* name;
  asemu::plan::BgpTimers timers;
  bool bfd;
};

std::string seconds(std::optional<double> s) {
  if (!s) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", *s);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  double duration = 10;
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--duration") == 0 && i + 1 < argc) duration = std::atof(argv[++i]);
  if (!(duration >= 1 && duration <= 30)) {
    std::fprintf(stderr, "failover_bench: --duration must be 1 to 30 seconds\n");
    return 1;
  }
  auto kernel = rt::linuxKernel();
  if (std::string why = kernel->missingPrerequisite(); !why.empty()) {
    std::fprintf(stderr, "failover_bench: %s\n", why.c_str());
    return 1;
  }
  rt::Runtime runtime(*kernel);
  const std::string name = "fbench" + std::to_string(getpid());
  const Profile profiles[] = {{"seed", asemu::plan::BgpTimers::Seed, false},
                              {"fast", asemu::plan::BgpTimers::Fast, false},
                              {"fast + BFD", asemu::plan::BgpTimers::Fast, true}};
  const map::FailoverCause causes[] = {map::FailoverCause::Disable, map::FailoverCause::LinkDown,
                                       map::FailoverCause::Kill};
  std::printf(
      "ip-anycast: site as180/router1 goes away; every AS probes 10.180.0.100 every "
      "10 ms, for at most %.0f s after time 0\n",
      duration);
  std::printf("%-11s %-10s %8s %12s %12s %9s %12s %12s %14s\n", "PROFILE", "CAUSE", "LOSING",
              "LOSS MEDIAN", "LOSS WORST", "SWITCHED", "SWITCH MED", "SWITCH WORST",
              "NOT RECOVERED");
  try {
    for (const Profile& p : profiles) {
      asemu::plan::Plan plan = asemu::topo::renderTopology("ip-anycast");
      asemu::plan::setBgpProfile(plan, p.timers, p.bfd);
      rt::UpOptions up;
      up.name = name;
      runtime.up(plan, up);
      if (p.bfd) sleep(2);  // BFD sessions come up after their BGP sessions
      for (map::FailoverCause cause : causes) {
        map::FailoverOptions options;
        options.cause = cause;
        options.site = "as180/router1";
        options.duration = std::chrono::milliseconds(int64_t(duration * 1000));
        auto r = map::runFailover(runtime, name, plan, *asemu::Ipv4Address::parse("10.180.0.100"),
                                  options);
        int switched = 0;
        for (const auto& a : r.ases) switched += a.figures.switch_time.has_value();
        std::printf("%-11s %-10s %5d/%-2zu %12s %12s %6d/%-2zu %12s %12s %14d\n", p.name,
                    map::failoverCauseName(cause).c_str(), r.losing(), r.ases.size(),
                    seconds(r.medianLoss()).c_str(), seconds(r.worstLoss()).c_str(), switched,
                    r.ases.size(), seconds(r.medianSwitch()).c_str(),
                    seconds(r.worstSwitch()).c_str(), r.notRecovered());
        std::fflush(stdout);
      }
      runtime.down(name);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "failover_bench: %s\n", e.what());
    try {
      for (const auto& n : runtime.emulations())
        if (n == name) runtime.down(name);
    } catch (const std::exception& again) {
      std::fprintf(stderr, "failover_bench: cannot remove %s: %s\n", name.c_str(), again.what());
    }
    return 1;
  }
  std::printf(
      "LOSING: ASes that lost probes after time 0. SWITCHED: ASes answered from site 0 "
      "after site 1. NOT RECOVERED: losing ASes not answered again while probing.\n");
  return 0;
}
