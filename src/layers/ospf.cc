// Ospf: the intra-AS IGP. Active on local networks (hello 1, dead count 2), stub on dummy0 and
// exchange interfaces. A local network that links exactly two routers runs point-to-point: the
// same routes, but the adjacency forms at the first hello rather than after a 2-second
// designated-router election per hop, which is most of an emulation's start-up time.
#include "asemu/layers/ospf.h"

#include <unordered_map>

namespace asemu {

void Ospf::render(RenderContext& ctx) const {
  std::unordered_map<std::string, plan::NetworkKind> kindOf;
  for (const auto& n : ctx.plan.networks) kindOf[n.id] = n.kind;
  std::unordered_map<std::string, int> routersOn;
  for (const auto& node : ctx.plan.nodes)
    if (node.isRouter())
      for (const auto& i : node.interfaces) ++routersOn[i.network];

  for (auto& node : ctx.plan.nodes) {
    if (!node.isRouter() || !node.bird) continue;
    plan::Ospf ospf;
    // The loopback and exchange prefixes are announced but never form adjacencies: iBGP
    // sessions between loopbacks and next hops on exchanges resolve through them.
    ospf.stub_interfaces.push_back("dummy0");
    for (const auto& i : node.interfaces) {
      if (kindOf.at(i.network) == plan::NetworkKind::Local) {
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
