// The map's view of a Plan: the graph the browser draws and the node list the API serves.
//
// Networks (exchanges and local networks) and nodes are both vertices; an edge joins a node to
// each network it has an interface on and carries the address. Every vertex carries its AS so the
// page can group and colour by AS without knowing the Plan's types.
#pragma once

#include <nlohmann/json.hpp>

#include "asemu/plan/plan.h"

namespace asemu::map {

// A network's vertex id: "net:" + its plan id, since a route server and its exchange share one
// plan id ("ix/ix100"). Node vertices use the node's plan id.
std::string networkVertexId(const std::string& networkId);

// {"name", "vertices": [...], "edges": [...]}: vertex kinds "exchange", "network", "router",
// "host", "route-server"; labels "asn/name" or the exchange's display name, as SEED's map.
nlohmann::json graphJson(const plan::Plan& plan);

// One node in detail: id, label, role, container name, asn, loopback, interfaces.
nlohmann::json nodeJson(const plan::Node& node);

}  // namespace asemu::map
