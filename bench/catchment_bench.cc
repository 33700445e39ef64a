// Speed of `asemu catchment` on real namespaces and BIRD (needs root): the predicted catchment
// (every router's BIRD asked once) and the measured one (one echo per AS, seen on the fabric)
// of the anycast demo's 10.180.0.100; with --stubs N, the predicted catchment of the generated
// Internet of N stub ASes for the address of its last host; with --example NAME, the same for a
// built-in example (internet-1000). --timeout S: seconds to wait for every BGP session.
//
//   catchment_bench [--stubs N | --example NAME] [--repeat R] [--timeout S]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "asemu/map/probes.h"
#include "asemu/runtime/catchment.h"
#include "asemu/runtime/runtime.h"
#include "asemu/topo/topology.h"
#include "synthetic_plan.h"

namespace rt = asemu::runtime;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

void bench(rt::Runtime& runtime, const std::string& name, const asemu::plan::Plan& plan,
           asemu::Ipv4Address address, bool measure, int repeat) {
  rt::RouteQuery ask = [&](const asemu::plan::Node& router, const std::string& command) {
    return runtime.birdCommand(name, router, command);
  };
  double predicted = 1e9, measured = 1e9;
  rt::Catchment c;
  for (int i = 0; i < repeat; ++i) {
    c = rt::newCatchment(plan, address);
    auto t = Clock::now();
    rt::predictCatchment(plan, address, ask, c);
    predicted = std::min(predicted, since(t));
    if (measure) {
      t = Clock::now();
      asemu::map::measureCatchment(runtime, name, plan, address, c);
      measured = std::min(measured, since(t));
    }
  }
  int routers = 0;
  for (const auto& n : plan.nodes) routers += n.isRouter();
  std::printf("  %zu ASes, %d routers, address %s\n", c.ases.size(), routers,
              address.str().c_str());
  std::printf("  predicted catchment                        %6.3f s\n", predicted);
  std::printf("  ASes whose predicted path reaches it       %6d of %zu\n",
              int(std::count_if(c.ases.begin(), c.ases.end(),
                                [](const rt::AsCatchment& a) { return a.predicted->reached(); })),
              c.ases.size());
  if (measure) {
    std::printf("  measured catchment                         %6.3f s\n", measured);
    std::printf("  ASes where measured and predicted agree    %6d of %zu\n",
                int(std::count_if(c.ases.begin(), c.ases.end(),
                                  [](const rt::AsCatchment& a) { return a.agree(); })),
                c.ases.size());
  }
}

}  // namespace

int main(int argc, char** argv) {
  int stubs = 0, repeat = 3;
  double timeout = 60;
  std::string example;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--stubs") == 0 && i + 1 < argc) stubs = std::atoi(argv[++i]);
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::atoi(argv[++i]);
    if (std::strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) timeout = std::atof(argv[++i]);
    if (std::strcmp(argv[i], "--example") == 0 && i + 1 < argc) example = argv[++i];
  }
  auto kernel = rt::linuxKernel();
  if (std::string why = kernel->missingPrerequisite(); !why.empty()) {
    std::fprintf(stderr, "catchment_bench: %s\n", why.c_str());
    return 1;
  }
  rt::Runtime runtime(*kernel);
  std::string name = "cbench" + std::to_string(getpid());
  try {
    rt::UpOptions up;
    up.name = name;
    up.timeout = std::chrono::milliseconds(int64_t(timeout * 1000));
    if (stubs > 0 || !example.empty()) {
      asemu::plan::Plan plan =
          example.empty() ? syntheticPlan(stubs) : asemu::topo::renderTopology(example);
      asemu::Ipv4Address address;
      for (const auto& n : plan.nodes)
        if (n.role == asemu::plan::Role::Host) address = n.interfaces.front().address;
      auto t = Clock::now();
      runtime.up(plan, up);
      std::printf("%s: every BGP session Established after %.1f s\n",
                  example.empty() ? ("synthetic, " + std::to_string(stubs) + " stubs").c_str()
                                  : example.c_str(),
                  since(t));
      bench(runtime, name, plan, address, false, repeat);
    } else {
      asemu::plan::Plan plan = asemu::topo::renderTopology("ip-anycast");
      runtime.up(plan, up);
      std::printf("ip-anycast\n");
      bench(runtime, name, plan, *asemu::Ipv4Address::parse("10.180.0.100"), true, repeat);
    }
    runtime.down(name);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "catchment_bench: %s\n", e.what());
    for (const auto& n : runtime.emulations())
      if (n == name) runtime.down(name);
    return 1;
  }
  return 0;
}
