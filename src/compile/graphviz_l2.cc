// The L2 view: which node sits on which network with which address, grouped by AS and exchange.
#include <map>
#include <sstream>
#include <vector>

#include "asemu/compile/graphviz.h"
#include "dot_text.h"

namespace asemu::compile {

namespace {

std::string networkVertex(const std::string& id) {
  return dotQuote("net:" + id);
}

struct Group {
  std::vector<const plan::Network*> networks;
  std::vector<const plan::Node*> nodes;
};

void emitNetwork(std::ostringstream& out, const plan::Network& net, const char* indent) {
  std::string label = net.name + "\n" + net.prefix.str();
  if (!net.display_name.empty()) label = net.display_name + "\n" + label;
  out << indent << networkVertex(net.id) << " [shape=box, style=filled, fillcolor="
      << (net.kind == plan::NetworkKind::Exchange ? "\"#cfe2f3\"" : "\"#eeeeee\"")
      << ", label=" << dotQuote(label) << "];\n";
}

void emitNode(std::ostringstream& out, const plan::Node& node, const char* indent) {
  std::string shape = "ellipse";
  std::string label = node.name;
  if (node.role == plan::Role::Host) shape = "hexagon";
  if (node.role == plan::Role::RouteServer) {
    shape = "diamond";
    label += "\nroute server";
  }
  if (node.loopback) label += "\n" + node.loopback->str();
  out << indent << dotQuote(node.id) << " [shape=" << shape << ", label=" << dotQuote(label)
      << "];\n";
}

}  // namespace

std::string l2Dot(const plan::Plan& plan) {
  // Groups keyed so that ASes come first in ASN order, then exchanges in IX order.
  std::map<std::pair<int, int>, Group> groups;
  std::vector<const plan::Network*> between;  // cross-connects belong to no one group
  for (const auto& net : plan.networks) {
    if (net.kind == plan::NetworkKind::CrossConnect) {
      between.push_back(&net);
      continue;
    }
    bool ix = net.kind == plan::NetworkKind::Exchange;
    groups[{ix ? 1 : 0, net.scope}].networks.push_back(&net);
  }
  for (const auto& node : plan.nodes) {
    bool rs = node.role == plan::Role::RouteServer;
    groups[{rs ? 1 : 0, node.asn}].nodes.push_back(&node);
  }

  std::ostringstream out;
  out << "graph " << dotQuote(plan.name + " L2")
      << " {\n"
      // Force-directed placement keeps ASes as compact boxes around their exchanges, like the
      // Internet Map; dot's ranked layout strings the clusters out in one long row.
      << "  graph [fontname=\"Helvetica\", layout=fdp];\n"
      << "  node [fontname=\"Helvetica\", fontsize=10];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=8];\n";
  for (const auto& [key, group] : groups) {
    std::string label = (key.first ? "IX" : "AS") + std::to_string(key.second);
    out << "  subgraph " << dotQuote("cluster_" + label) << " {\n"
        << "    label=" << dotQuote(label) << ";\n";
    for (const auto* net : group.networks) emitNetwork(out, *net, "    ");
    for (const auto* node : group.nodes) emitNode(out, *node, "    ");
    out << "  }\n";
  }
  for (const auto* net : between) emitNetwork(out, *net, "  ");
  for (const auto& node : plan.nodes)
    for (const auto& i : node.interfaces)
      out << "  " << dotQuote(node.id) << " -- " << networkVertex(i.network)
          << " [label=" << dotQuote(i.address.str()) << "];\n";
  out << "}\n";
  return out.str();
}

Output compileGraphviz(const plan::Plan& plan) {
  Output out;
  out.add("l2.dot", l2Dot(plan));
  out.add("bgp.dot", bgpDot(plan));
  return out;
}

}  // namespace asemu::compile
