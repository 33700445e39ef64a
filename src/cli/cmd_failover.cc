// asemu failover ADDRESS --cause CAUSE SITE_ROUTER: a stopwatch for losing one anycast site.
#include <iostream>

#include "asemu/core/error.h"
#include "asemu/map/failover.h"
#include "asemu/runtime/catchment.h"
#include "commands.h"
#include "running.h"

namespace asemu::cli {

void setupFailover(CLI::App& sub) {
  struct Options {
    std::string emulation, address, cause, site;
    std::vector<int> from;
    double duration = 30;
    int interval = 10;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::Option* e = sub.add_option("-e,--emulation", o->emulation,
                                  "Emulation name (may be omitted when one emulation runs)");
  sub.add_option("ADDRESS", o->address, "The IPv4 address to probe (10.180.0.100)")->required();
  sub.add_option("--cause", o->cause,
                 "disable (its BGP sessions), link-down (its exchange "
                 "interfaces) or kill (its BIRD, SIGKILL)")
      ->required();
  sub.add_option("SITE_ROUTER", o->site, "The router of the site that goes away (as180/router1)")
      ->required();
  sub.add_option("--from", o->from, "Probe only from these ASNs (2,3,150); default: every AS")
      ->delimiter(',');
  sub.add_option("--interval", o->interval, "Milliseconds between probes (default 10)")
      ->check(integer(1, 1000));
  sub.add_option("--duration", o->duration,
                 "Seconds to probe after the cause at most (default 30; stops earlier once every "
                 "AS answers again)")
      ->check(seconds(1, 30));
  sub.add_flag("--json", o->json, "Print as JSON");
  sub.footer(
      "Every AS (one probe node each, as for catchment) sends an ICMP echo to ADDRESS every\n"
      "interval; a capture on the fabric sees where each one arrives. After 0.5 s the cause is\n"
      "applied to SITE_ROUTER (time 0). Per AS: LOST probes, the LOSS WINDOW (first probe lost\n"
      "after time 0 to the first one answered after the last lost; 0 when none was lost) and\n"
      "SWITCH (time 0 to the first answered probe that arrived at another place than BEFORE,\n"
      "where they arrived before time 0: answered there, or dropped there by a hijacker),\n"
      "then median and worst of each. Afterwards the site is restored: sessions enabled,\n"
      "interfaces up, or BIRD started again as `up` starts it; then BGP is awaited (30 s).\n"
      "JSON: {address, site, cause, interval, duration, probes_sent, ases: [{asn, probe, before,\n"
      "after, lost, loss_window, switch}], losing, not_recovered, loss_window: {median, worst},\n"
      "switch: {median, worst}, restored}; times in seconds, null when there is none.\n"
      "A link-down is seen by the peers only when their BGP hold timer expires (240 s under\n"
      "SEED's timers, 3 s with `up --bgp-timers fast`) or by BFD (`up --bfd`, about 0.3 s).\n"
      "Examples:\n"
      "  asemu failover 10.180.0.100 --cause disable as180/router1\n"
      "  asemu failover -e ip-anycast 10.180.0.100 --cause kill as180/router0 --from 2,3 --json\n"
      "  asemu failover 10.153.0.71 --cause disable as199/router0   (prefix-hijack: the attacker)");
  sub.callback([o, e] {
    Ipv4Address address = runtime::parseCatchmentAddress(o->address);
    map::FailoverOptions options;
    options.cause = map::parseFailoverCause(o->cause);
    options.site = o->site;
    options.from = o->from;
    options.interval = std::chrono::milliseconds(o->interval);
    options.duration = std::chrono::milliseconds(int64_t(o->duration * 1000));
    Running running(given(e, o->emulation));
    if (runtime::addressHolders(running.plan, address).empty())
      throw Error("failover", "no node holds " + address.str() +
                                  "; failover measures an address that sites hold");
    auto report = map::runFailover(running.rt, running.name, running.plan, address, options);
    std::cout << (o->json ? map::failoverJson(report) + "\n" : map::failoverTable(report));
  });
}

}  // namespace asemu::cli
