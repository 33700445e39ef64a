#include "asemu/compile/compose_names.h"

#include "asemu/core/names.h"

namespace asemu::compile {

std::string dockerSafeName(std::string name) {
  return withNameChars(std::move(name));
}

std::string composeServiceName(const plan::Node& node) {
  switch (node.role) {
    case plan::Role::Host:
      return dockerSafeName("hnode_" + std::to_string(node.asn) + "_" + node.name);
    case plan::Role::Router:
      return dockerSafeName("rnode_" + std::to_string(node.asn) + "_" + node.name);
    case plan::Role::BorderRouter:
      return dockerSafeName("brdnode_" + std::to_string(node.asn) + "_" + node.name);
    case plan::Role::RouteServer:
      return dockerSafeName("rs_ix_" + node.name);
  }
  return {};
}

std::string composeNetworkName(const plan::Network& network) {
  if (network.kind == plan::NetworkKind::Exchange) return dockerSafeName("net_ix_" + network.name);
  if (network.kind == plan::NetworkKind::CrossConnect)
    return dockerSafeName("net_xc_" + network.name);
  return dockerSafeName("net_" + std::to_string(network.scope) + "_" + network.name);
}

}  // namespace asemu::compile
