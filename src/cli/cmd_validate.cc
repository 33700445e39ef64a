// asemu validate TOPO: load and render, then report either a one-line summary or every problem.
#include <iostream>
#include <nlohmann/json.hpp>

#include "asemu/core/error.h"
#include "asemu/topo/topology.h"
#include "commands.h"
#include "plan_stats.h"
#include "topology_arg.h"

namespace asemu::cli {
namespace {

nlohmann::json errorJson(const Error& e) {
  nlohmann::json j = {{"object", e.object()}, {"message", e.message()}, {"text", e.what()}};
  if (e.where().known()) {
    j["file"] = e.where().file;
    j["line"] = e.where().line;
    j["column"] = e.where().column;
  }
  return j;
}

}  // namespace

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
    nlohmann::json out;
    std::vector<Error> errors;
    try {
      PlanStats s = planStats(topo::renderTopology(*topo));
      out = {{"ok", true}, {"topology", *topo}, {"stats", s.toJson()}};
    } catch (const ErrorList& e) {
      errors = e.errors();
    } catch (const Error& e) {
      errors.push_back(e);
    }
    if (!errors.empty()) {
      out = {{"ok", false}, {"topology", *topo}, {"errors", nlohmann::json::array()}};
      for (const auto& e : errors) out["errors"].push_back(errorJson(e));
    }
    std::cout << out.dump(2) << "\n";
    if (!errors.empty()) throw CLI::RuntimeError(1);
  });
}

}  // namespace asemu::cli
