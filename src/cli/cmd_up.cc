// asemu up TOPO: run an emulation on this machine (network namespaces + BIRD).
#include <algorithm>
#include <iostream>

#include "asemu/runtime/runtime.h"
#include "asemu/topo/topology.h"
#include "commands.h"
#include "topology_arg.h"

namespace asemu::cli {

void setupUp(CLI::App& sub) {
  struct Options {
    std::string topo, name;
    bool noWait = false, quiet = false, bfd = false;
    double timeout = 60;
    std::string timers, ospf_timers;
  };
  auto o = std::make_shared<Options>();
  addTopologyArg(sub, o->topo);
  sub.add_option("-n,--name", o->name, "Emulation name (default: the topology's name)");
  sub.add_flag("--no-wait", o->noWait, "Return once every daemon runs, without waiting for BGP");
  sub.add_option("--timeout", o->timeout, "Seconds to wait for BGP sessions (default 60)")
      ->check(seconds(0, 24 * 60 * 60, "(one day)"));
  sub.add_flag("-q,--quiet", o->quiet, "No progress lines on stderr");
  sub.add_option("--bgp-timers", o->timers,
                 "BGP timer profile of every session, in place of the topology's: seed (hold "
                 "240 s, keepalive 80 s) or fast (hold 3 s, keepalive 1 s)")
      ->check(CLI::IsMember({"seed", "fast"}));
  sub.add_flag("--bfd", o->bfd,
               "BFD on every eBGP session, so a lost link or daemon is noticed in about 0.3 s "
               "(with --bgp-timers, or the topology's timers)");
  sub.add_option("--ospf-timers", o->ospf_timers,
                 "OSPF timers of every router: seed (hello 1 s, dead 2 s) or standard (hello "
                 "10 s, dead 40 s, RFC 2328's; keeps adjacencies up on a loaded machine, for "
                 "hundreds of ASes)")
      ->check(CLI::IsMember({"seed", "standard"}));
  sub.footer(
      "Creates one network namespace per node and one bridge per network, starts one BIRD per\n"
      "router and route server, and returns once every BGP session is Established.\n"
      "Needs root, iproute2 and bird2. State lives in /run/asemu/NAME.\n"
      "Examples:\n"
      "  asemu up ip-anycast\n"
      "  asemu up my-topology.yaml --name lab2 --no-wait\n"
      "  asemu up ip-anycast --bgp-timers fast --bfd   (failover in well under a second)\n"
      "  asemu up internet-1000 --ospf-timers standard --timeout 900");
  sub.callback([o] {
    plan::Plan plan = topo::renderTopology(o->topo);
    if (!o->timers.empty() || o->bfd) {  // what is not given stays as the topology has it
      auto bird = std::find_if(plan.nodes.begin(), plan.nodes.end(),
                               [](const plan::Node& n) { return n.bird.has_value(); });
      plan::BgpTimers timers =
          bird != plan.nodes.end() ? bird->bird->timers : plan::BgpTimers::Seed;
      if (!o->timers.empty())
        timers = o->timers == "fast" ? plan::BgpTimers::Fast : plan::BgpTimers::Seed;
      plan::setBgpProfile(plan, timers, o->bfd || (bird != plan.nodes.end() && bird->bird->bfd));
    }
    if (o->ospf_timers == "standard") plan::setOspfTimers(plan, plan::OspfTimers::Standard);
    auto kernel = runtime::linuxKernel();
    runtime::Runtime rt(*kernel);
    runtime::UpOptions up;
    up.name = o->name;
    up.wait = !o->noWait;
    up.timeout = std::chrono::milliseconds(int64_t(o->timeout * 1000));
    if (!o->quiet) up.progress = [](const std::string& line) { std::cerr << line << std::endl; };
    std::string name = rt.up(plan, up);
    std::cout << name << "\n";
  });
}

}  // namespace asemu::cli
