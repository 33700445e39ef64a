// Ospf: the intra-AS IGP. Active on local networks (hello 1, dead count 2), stub on dummy0 and
// exchange interfaces. A local network that links exactly two routers runs point-to-point: the
// same routes, but the adjacency forms at the first hello rather than after a 2-second
// designated-router election per hop, which is most of an emulation's start-up time.
#include "asemu/layers/ospf.h"

#include <unordered_map>

#include "asemu/layers/base.h"
#include "asemu/layers/emulator.h"

namespace asemu {

Ospf::Ospf() : state_(std::make_shared<State>()) {}

Ospf& Ospf::markAsStub(int asn, const std::string& network, SourceLocation at) {
  state_->stubs.emplace(NetworkKey{asn, network}, std::move(at));
  return *this;
}

Ospf& Ospf::maskNetwork(int asn, const std::string& network, SourceLocation at) {
  state_->masked.emplace(NetworkKey{asn, network}, std::move(at));
  return *this;
}

Ospf& Ospf::maskAsn(int asn, SourceLocation at) {
  state_->maskedAsns.emplace(asn, std::move(at));
  return *this;
}

bool Ospf::isStub(int asn, const std::string& network) const {
  return state_->stubs.count({asn, network}) > 0;
}
bool Ospf::isMasked(int asn, const std::string& network) const {
  return state_->masked.count({asn, network}) > 0;
}
bool Ospf::isMaskedAsn(int asn) const {
  return state_->maskedAsns.count(asn) > 0;
}

void Ospf::render(RenderContext& ctx) const {
  // Every AS and network the settings name exists: a misspelt one would silently do nothing.
  const Base& base = ctx.emulator.getLayer<Base>();
  for (const auto& [asn, at] : state_->maskedAsns)
    if (!base.findAutonomousSystem(asn))
      ctx.diagnostics.add("Ospf", "masks as" + std::to_string(asn) + ", which does not exist", at);
  for (const auto* settings : {&state_->stubs, &state_->masked})
    for (const auto& [key, at] : *settings) {
      const auto& [asn, network] = key;
      std::string what = settings == &state_->stubs ? "marks as a stub" : "masks";
      const AutonomousSystem* as = base.findAutonomousSystem(asn);
      if (!as)
        ctx.diagnostics.add("Ospf",
                            what + " network " + network + " of as" + std::to_string(asn) +
                                ", which does not exist",
                            at);
      else if (!as->findNetwork(network))
        ctx.diagnostics.add("Ospf",
                            what + " as" + std::to_string(asn) + "/" + network +
                                ", which is not a network of as" + std::to_string(asn),
                            at);
    }

  std::unordered_map<std::string, const plan::Network*> networkOf;
  for (const auto& n : ctx.plan.networks) networkOf[n.id] = &n;
  std::unordered_map<std::string, int> routersOn;
  for (const auto& node : ctx.plan.nodes)
    if (node.isRouter())
      for (const auto& i : node.interfaces) ++routersOn[i.network];

  for (auto& node : ctx.plan.nodes) {
    if (!node.isRouter() || !node.bird || isMaskedAsn(node.asn)) continue;
    plan::Ospf ospf;
    // The loopback and exchange prefixes are announced but never form adjacencies: iBGP
    // sessions between loopbacks and next hops on exchanges resolve through them.
    ospf.stub_interfaces.push_back("dummy0");
    for (const auto& i : node.interfaces) {
      const plan::Network& net = *networkOf.at(i.network);
      bool local = net.kind == plan::NetworkKind::Local;
      if (local && isMasked(net.scope, net.name)) continue;
      if (local && !isStub(net.scope, net.name)) {
        ospf.active_interfaces.push_back(i.name);
        if (routersOn[i.network] == 2) ospf.point_to_point_interfaces.push_back(i.name);
      } else {
        ospf.stub_interfaces.push_back(i.name);
      }
    }
    node.bird->ospf = std::move(ospf);
  }
}

}  // namespace asemu
