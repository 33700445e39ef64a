#include "asemu/compile/seed_labels.h"

#include <cassert>

namespace asemu::compile {

namespace {

void put(Labels& labels, const std::string& key, std::string value) {
  labels.emplace_back(kSeedLabelPrefix + key, std::move(value));
}

}  // namespace

Labels nodeLabels([[maybe_unused]] const plan::Plan& plan, const plan::Node& node) {
  Labels labels;
  put(labels, "asn", std::to_string(node.asn));
  put(labels, "nodename", node.name);
  put(labels, "role", plan::roleName(node.role));
  if (!node.display_name.empty()) put(labels, "displayname", node.display_name);
  if (node.isRouter() && node.loopback) put(labels, "loopback_addr", node.loopback->str());
  for (size_t i = 0; i < node.interfaces.size(); ++i) {
    const auto& iface = node.interfaces[i];
    assert(plan.findNetwork(iface.network));
    std::string n = "net." + std::to_string(i) + ".";
    put(labels, n + "name", iface.name);  // an interface is named after its network
    put(labels, n + "address", iface.address.str() + "/" + std::to_string(iface.prefix_length));
  }
  return labels;
}

Labels networkLabels(const plan::Network& network) {
  Labels labels;
  // As SEED: type "global" for its scope "ix" only, so a cross-connect (scope "xc") is "local".
  bool exchange = network.kind == plan::NetworkKind::Exchange;
  bool crossConnect = network.kind == plan::NetworkKind::CrossConnect;
  put(labels, "type", exchange ? "global" : "local");
  put(labels, "scope", exchange ? "ix" : crossConnect ? "xc" : std::to_string(network.scope));
  put(labels, "name", network.name);
  put(labels, "prefix", network.prefix.str());
  if (!network.display_name.empty()) put(labels, "displayname", network.display_name);
  return labels;
}

}  // namespace asemu::compile
