// asemu show TOPO: a summary a person reads: exchanges, then each AS with its networks and nodes,
// addresses, and the BGP sessions of each router.
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "asemu/plan/plan.h"
#include "asemu/topo/topology.h"
#include "commands.h"
#include "json_errors.h"
#include "plan_stats.h"
#include "topology_arg.h"

namespace asemu::cli {
namespace {

std::string describeSession(const plan::BgpSession& s) {
  std::string kind;
  switch (s.kind) {
    case plan::SessionKind::Ibgp:
      kind = "iBGP";
      break;
    case plan::SessionKind::RouteServerClient:
      kind = "route-server client";
      break;
    case plan::SessionKind::Ebgp:
      kind = plan::routeClassName(s.import_class) + ", pref " + std::to_string(s.local_pref) +
             (s.export_policy == plan::ExportPolicy::All ? ", exports all"
                                                         : ", exports own+customers");
      break;
  }
  return s.name + "  " + s.local_address.str() + " -> " + s.neighbor_address.str() + " AS" +
         std::to_string(s.neighbor_as) + "  (" + kind + ")";
}

// "xc0  10.50.0.0/30  as2/r1 10.50.0.1 -- as3/r0 10.50.0.2"; nothing without cross-connects.
void printCrossConnects(const plan::Plan& plan) {
  std::map<std::string, std::vector<std::string>> ends;  // network id -> "node address"
  for (const auto& n : plan.nodes)
    for (const auto& i : n.interfaces) ends[i.network].push_back(n.id + " " + i.address.str());
  bool first = true;
  for (const auto& net : plan.networks) {
    if (net.kind != plan::NetworkKind::CrossConnect) continue;
    if (first) std::cout << "\nCross-connects\n";
    first = false;
    std::cout << "  " << net.name << "  " << net.prefix.str() << " ";
    const char* between = " ";
    for (const auto& end : ends[net.id]) {
      std::cout << between << end;
      between = " -- ";
    }
    std::cout << "\n";
  }
}

void printText(const plan::Plan& plan) {
  std::cout << (plan.name.empty() ? "topology" : plan.name) << ": " << planStats(plan).summary()
            << "\n\nExchanges\n";
  for (const auto& n : plan.networks) {
    if (n.kind != plan::NetworkKind::Exchange) continue;
    std::cout << "  " << n.name << "  " << n.prefix.str();
    if (!n.display_name.empty()) std::cout << "  \"" << n.display_name << "\"";
    std::cout << "\n";
  }
  printCrossConnects(plan);
  std::map<int, std::vector<const plan::Node*>> byAs;
  std::vector<const plan::Node*> routeServers;
  std::vector<int> asOrder;
  for (const auto& n : plan.nodes) {
    if (n.role == plan::Role::RouteServer) {
      routeServers.push_back(&n);
      continue;
    }
    if (!byAs.count(n.asn)) asOrder.push_back(n.asn);
    byAs[n.asn].push_back(&n);
  }
  auto printNode = [](const plan::Node& n) {
    std::cout << "    " << plan::roleName(n.role) << " " << n.name << "  ("
              << plan::seedContainerName(n) << ")\n";
    for (const auto& i : n.interfaces)
      std::cout << "      " << i.name << "  " << i.address.str() << "/" << i.prefix_length << "\n";
    if (n.loopback) std::cout << "      dummy0  " << n.loopback->str() << "/32\n";
    for (const auto& r : n.routes)
      std::cout << "      route " << r.destination.str() << " via " << r.via.str() << "\n";
    if (n.bird)
      for (const auto& s : n.bird->sessions)
        std::cout << "      bgp " << describeSession(s) << "\n";
  };
  for (int asn : asOrder) {
    std::cout << "\nAS" << asn << "\n";
    for (const auto& net : plan.networks)
      if (net.kind == plan::NetworkKind::Local && net.scope == asn)
        std::cout << "  network " << net.name << "  " << net.prefix.str() << "\n";
    for (const auto* n : byAs[asn]) printNode(*n);
  }
  std::cout << "\nRoute servers\n";
  for (const auto* n : routeServers) printNode(*n);
}

}  // namespace

void setupShow(CLI::App& sub) {
  auto topo = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  addTopologyArg(sub, *topo);
  sub.add_flag(
      "--json", *json,
      "Print the counts as JSON, or the errors as JSON (use `render --json` for everything)");
  sub.callback([topo, json] {
    if (*json) {
      reportErrorsAsJson(*topo, [&] {
        plan::Plan plan = topo::renderTopology(*topo);
        std::cout << nlohmann::json{{"ok", true},
                                    {"name", plan.name},
                                    {"stats", planStats(plan).toJson()}}
                         .dump(2)
                  << "\n";
      });
      return;
    }
    printText(topo::renderTopology(*topo));
  });
}

}  // namespace asemu::cli
