// asemu catchment ADDRESS: which place each AS reaches, measured with probes and predicted from
// BIRD's tables.
#include <iostream>

#include "asemu/core/error.h"
#include "asemu/map/probes.h"
#include "asemu/runtime/catchment.h"
#include "commands.h"
#include "running.h"

namespace asemu::cli {

void setupCatchment(CLI::App& sub) {
  struct Options {
    std::string emulation, address;
    bool json = false, measuredOnly = false, predictedOnly = false;
  };
  auto o = std::make_shared<Options>();
  CLI::Option* e = sub.add_option("-e,--emulation", o->emulation,
                                  "Emulation name (may be omitted when one emulation runs)");
  sub.add_option("ADDRESS", o->address, "The IPv4 address to reach (10.180.0.100)")->required();
  sub.add_flag("--json", o->json, "Print as JSON");
  CLI::Option* m =
      sub.add_flag("--measured-only", o->measuredOnly, "Only send probes; do not read BIRD");
  sub.add_flag("--predicted-only", o->predictedOnly, "Only read BIRD's tables; send nothing")
      ->excludes(m);
  sub.footer(
      "For every AS: where its traffic to ADDRESS arrives. Measured: one ICMP echo from a node\n"
      "of the AS (a host, else its router), seen arriving by a capture on the fabric. Predicted:\n"
      "BIRD's best route at the AS's first router, followed next hop by next hop to a router\n"
      "with a local route; nothing is sent. The table lists AS, probe node, measured and\n"
      "predicted origin, whether they agree and the predicted AS path, then a count per origin.\n"
      "JSON: {address, measured, predicted, all_agree, ases: [{asn, start, probe, measured,\n"
      "predicted ({origin, problem} or null), agree, as_path, hops}], counts}.\n"
      "Exit status: 0 when measured and predicted agree for every AS (or only one side was\n"
      "computed), 1 when they differ or on an error.\n"
      "Examples:\n"
      "  asemu catchment 10.180.0.100\n"
      "  asemu catchment -e ip-anycast 10.180.0.100 --json\n"
      "  asemu catchment 10.180.0.100 --predicted-only");
  sub.callback([o, e] {
    Ipv4Address address = runtime::parseCatchmentAddress(o->address);
    Running running(given(e, o->emulation));
    runtime::Catchment c = runtime::newCatchment(running.plan, address);
    bool noHolder = runtime::addressHolders(running.plan, address).empty();
    if (!o->measuredOnly || noHolder) {
      runtime::RouteQuery ask = [&](const plan::Node& router, const std::string& command) {
        return running.rt.birdCommand(running.name, router, command);
      };
      runtime::predictCatchment(running.plan, address, ask, c);
      runtime::requireOrigin(running.plan, c);
    }
    if (o->measuredOnly) {
      for (auto& a : c.ases) a.predicted.reset(), a.as_path.clear(), a.hops.clear();
      c.predicted = false;
    }
    if (!o->predictedOnly)
      map::measureCatchment(running.rt, running.name, running.plan, address, c);
    std::cout << (o->json ? runtime::catchmentJson(c).dump(
                                2, ' ', false, nlohmann::json::error_handler_t::replace) +
                                "\n"
                          : runtime::catchmentTable(c));
    std::cout.flush();
    if (!c.allAgree()) throw CLI::RuntimeError(1);
  });
}

}  // namespace asemu::cli
