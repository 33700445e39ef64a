// Counts of a plan, shared by the verbs that summarize one.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "asemu/plan/plan.h"

namespace asemu::cli {

struct PlanStats {
  size_t ases = 0, exchanges = 0, networks = 0, hosts = 0, routers = 0, route_servers = 0,
         bgp_sessions = 0;

  size_t nodes() const { return hosts + routers + route_servers; }
  std::string summary() const;
  nlohmann::json toJson() const;
};

PlanStats planStats(const plan::Plan& plan);

}  // namespace asemu::cli
