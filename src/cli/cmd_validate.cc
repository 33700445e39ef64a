// asemu validate TOPO: load and render, then report either a one-line summary or every problem.
#include <iostream>
#include <nlohmann/json.hpp>

#include "asemu/topo/topology.h"
#include "commands.h"
#include "json_errors.h"
#include "plan_stats.h"
#include "topology_arg.h"

namespace asemu::cli {

void setupValidate(CLI::App& sub) {
  auto topo = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  addTopologyArg(sub, *topo);
  sub.add_flag("--json", *json, "Print the result as JSON (errors as a list of objects)");
  sub.callback([topo, json] {
    if (!*json) {
      plan::Plan plan = topo::renderTopology(*topo);
      PlanStats s = planStats(plan);
      std::cout << "ok: " << *topo << ": " << s.summary() << "\n";
      return;
    }
    reportErrorsAsJson(*topo, [&] {
      PlanStats s = planStats(topo::renderTopology(*topo));
      nlohmann::json out = {{"ok", true}, {"topology", *topo}, {"stats", s.toJson()}};
      std::cout << out.dump(2) << "\n";
    });
  });
}

}  // namespace asemu::cli
