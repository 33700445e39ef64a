// The eBGP view: who provides transit to whom, who peers, who uses which route server. Edges are
// built from the typed sessions of both ends and merged, so a relationship shows once however
// many exchanges carry it.
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "asemu/compile/graphviz.h"
#include "dot_text.h"

namespace asemu::compile {

namespace {

enum class EdgeKind { Transit, Peer, RouteServer };

struct EdgeKey {
  EdgeKind kind;
  std::string from;  // provider for transit; the smaller vertex otherwise
  std::string to;
  auto operator<=>(const EdgeKey&) const = default;
};

struct EdgeInfo {
  std::set<std::string> where;  // networks carrying the sessions
  bool unfiltered = false;
};

std::string asVertex(int asn) {
  return "AS" + std::to_string(asn);
}
std::string rsVertex(const plan::Node& rs) {
  return "RS:" + rs.id;
}

}  // namespace

std::string bgpDot(const plan::Plan& plan) {
  std::map<Ipv4Address, const plan::Node*> byAddress;
  std::map<std::pair<std::string, Ipv4Address>, std::string> networkOf;  // (node, addr) -> name
  for (const auto& node : plan.nodes)
    for (const auto& i : node.interfaces) {
      byAddress.emplace(i.address, &node);
      networkOf[{node.id, i.address}] = i.name;
    }

  std::set<int> ases;
  std::map<std::string, const plan::Node*> routeServers;
  std::map<EdgeKey, EdgeInfo> edges;
  for (const auto& node : plan.nodes) {
    if (!node.bird) continue;
    if (node.role == plan::Role::RouteServer) routeServers[rsVertex(node)] = &node;
    for (const auto& s : node.bird->sessions) {
      if (s.kind == plan::SessionKind::Ibgp) continue;
      auto net = networkOf.find({node.id, s.local_address});
      std::string where = net == networkOf.end() ? "" : net->second;
      auto peer = byAddress.find(s.neighbor_address);
      const plan::Node* neighbor = peer == byAddress.end() ? nullptr : peer->second;

      EdgeKey key;
      bool unfiltered = false;
      if (s.kind == plan::SessionKind::RouteServerClient) {
        ases.insert(s.neighbor_as);
        key = {EdgeKind::RouteServer, asVertex(s.neighbor_as), rsVertex(node)};
      } else if (neighbor && neighbor->role == plan::Role::RouteServer) {
        ases.insert(s.local_as);
        routeServers[rsVertex(*neighbor)] = neighbor;
        key = {EdgeKind::RouteServer, asVertex(s.local_as), rsVertex(*neighbor)};
      } else {
        ases.insert(s.local_as);
        ases.insert(s.neighbor_as);
        std::string local = asVertex(s.local_as), remote = asVertex(s.neighbor_as);
        switch (s.import_class) {
          case plan::RouteClass::Customer:
            key = {EdgeKind::Transit, local, remote};
            break;
          case plan::RouteClass::Provider:
            key = {EdgeKind::Transit, remote, local};
            // A customer that exports everything to its provider is an unfiltered peering.
            unfiltered = s.export_policy == plan::ExportPolicy::All;
            break;
          case plan::RouteClass::Peer:
            key = {EdgeKind::Peer, std::min(local, remote), std::max(local, remote)};
            break;
        }
      }
      auto& info = edges[key];
      if (!where.empty()) info.where.insert(where);
      info.unfiltered = info.unfiltered || unfiltered;
    }
  }

  std::ostringstream out;
  out << "digraph " << dotQuote(plan.name + " eBGP") << " {\n"
      << "  graph [fontname=\"Helvetica\", label="
      << dotQuote(
             "eBGP sessions: solid provider -> customer, dashed peer, dotted route server, bold "
             "unfiltered")
      << ", fontsize=10];\n"
      << "  node [fontname=\"Helvetica\", fontsize=10, shape=ellipse];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=8];\n";
  for (int asn : ases) out << "  " << dotQuote(asVertex(asn)) << ";\n";
  for (const auto& [vertex, rs] : routeServers)
    out << "  " << dotQuote(vertex)
        << " [shape=diamond, label=" << dotQuote(rs->name + "\nroute server") << "];\n";
  for (const auto& [key, info] : edges) {
    std::string label;
    for (const auto& w : info.where) label += (label.empty() ? "" : ", ") + w;
    std::string style;
    switch (key.kind) {
      case EdgeKind::Transit:
        style = info.unfiltered ? "style=bold" : "style=solid";
        break;
      case EdgeKind::Peer:
        style = "style=dashed, dir=none";
        break;
      case EdgeKind::RouteServer:
        style = "style=dotted, dir=none";
        break;
    }
    out << "  " << dotQuote(key.from) << " -> " << dotQuote(key.to) << " [" << style
        << ", label=" << dotQuote(label) << "];\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace asemu::compile
