#include "asemu/map/graph.h"

namespace asemu::map {

namespace {

std::string vertexKind(const plan::Node& n) {
  switch (n.role) {
    case plan::Role::Host:
      return "host";
    case plan::Role::RouteServer:
      return "route-server";
    default:
      return "router";
  }
}

std::string nodeLabel(const plan::Node& n) {
  if (!n.display_name.empty()) return n.display_name;
  if (n.role == plan::Role::RouteServer) return n.name;
  return std::to_string(n.asn) + "/" + n.name;
}

std::string networkLabel(const plan::Network& n) {
  if (!n.display_name.empty()) return n.display_name;
  if (n.kind != plan::NetworkKind::Local) return n.name;
  return std::to_string(n.scope) + "/" + n.name;
}

}  // namespace

std::string networkVertexId(const std::string& networkId) {
  return "net:" + networkId;
}

nlohmann::json nodeJson(const plan::Node& n) {
  nlohmann::json j;
  j["id"] = n.id;
  j["name"] = n.name;
  j["label"] = nodeLabel(n);
  j["asn"] = n.asn;
  j["kind"] = vertexKind(n);
  j["role"] = plan::roleName(n.role);
  j["container"] = plan::seedContainerName(n);
  j["bgp"] = n.bird && !n.bird->sessions.empty();
  if (n.loopback) j["loopback"] = n.loopback->str();
  j["interfaces"] = nlohmann::json::array();
  for (const auto& i : n.interfaces)
    j["interfaces"].push_back(
        {{"name", i.name},
         {"network", i.network},
         {"address", i.address.str() + "/" + std::to_string(i.prefix_length)}});
  return j;
}

nlohmann::json graphJson(const plan::Plan& plan) {
  nlohmann::json vertices = nlohmann::json::array();
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& n : plan.networks) {
    bool ix = n.kind == plan::NetworkKind::Exchange;
    vertices.push_back({{"id", networkVertexId(n.id)},
                        {"network", n.id},
                        {"kind", ix ? "exchange" : "network"},
                        {"label", networkLabel(n)},
                        {"name", n.name},
                        {"asn", ix ? 0 : n.scope},
                        {"ix", ix ? n.scope : 0},
                        {"prefix", n.prefix.str()}});
  }
  for (const auto& n : plan.nodes) {
    nlohmann::json v = nodeJson(n);
    v.erase("interfaces");
    // A route server belongs to its exchange, not to an AS of that number.
    if (n.exchange) {
      v["ix"] = n.exchange;
      v["asn"] = 0;
    }
    std::vector<std::string> addresses;
    for (const auto& i : n.interfaces) {
      addresses.push_back(i.address.str());
      edges.push_back({{"from", n.id},
                       {"to", networkVertexId(i.network)},
                       {"interface", i.name},
                       {"address", i.address.str()}});
    }
    if (n.loopback) addresses.push_back(n.loopback->str());
    v["addresses"] = addresses;
    vertices.push_back(std::move(v));
  }
  return {{"name", plan.name}, {"vertices", vertices}, {"edges", edges}};
}

}  // namespace asemu::map
