#include "asemu/layers/ospf.h"

#include <unordered_map>

namespace asemu {

void Ospf::render(RenderContext& ctx) const {
  std::unordered_map<std::string, plan::NetworkKind> kindOf;
  for (const auto& n : ctx.plan.networks) kindOf[n.id] = n.kind;
  for (auto& node : ctx.plan.nodes) {
    if (!node.isRouter() || !node.bird) continue;
    plan::Ospf ospf;
    // The loopback and exchange prefixes are announced but never form adjacencies: iBGP
    // sessions between loopbacks and next hops on exchanges resolve through them.
    ospf.stub_interfaces.push_back("dummy0");
    for (const auto& i : node.interfaces) {
      if (kindOf.at(i.network) == plan::NetworkKind::Local)
        ospf.active_interfaces.push_back(i.name);
      else
        ospf.stub_interfaces.push_back(i.name);
    }
    node.bird->ospf = std::move(ospf);
  }
}

}  // namespace asemu
