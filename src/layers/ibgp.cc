#include "asemu/layers/ibgp.h"

#include <map>
#include <unordered_map>

#include "asemu/layers/base.h"
#include "asemu/layers/emulator.h"

namespace asemu {
namespace {

// The routers an iBGP mesh links `start` to, in the order SEED numbers its sessions: a
// depth-first walk from `start` that takes a router's interfaces in the order it joined them
// and, on each local network, the routers in the order they joined it.
void visit(size_t r, const std::vector<std::vector<size_t>>& networksOf,
           const std::vector<std::vector<size_t>>& routersOn, std::vector<bool>& seen,
           std::vector<size_t>& order) {
  if (seen[r]) return;
  seen[r] = true;
  order.push_back(r);
  for (size_t net : networksOf[r])
    for (size_t next : routersOn[net]) visit(next, networksOf, routersOn, seen, order);
}

}  // namespace

Ibgp::Ibgp() : masked_(std::make_shared<std::map<int, SourceLocation>>()) {}

Ibgp& Ibgp::maskAsn(int asn, SourceLocation at) {
  masked_->emplace(asn, std::move(at));
  return *this;
}

bool Ibgp::isMaskedAsn(int asn) const {
  return masked_->count(asn) > 0;
}

void Ibgp::render(RenderContext& ctx) const {
  const Base& base = ctx.emulator.getLayer<Base>();
  for (const auto& [asn, at] : *masked_)
    if (!base.findAutonomousSystem(asn))
      ctx.diagnostics.add("Ibgp", "masks as" + std::to_string(asn) + ", which does not exist", at);

  auto& nodes = ctx.plan.nodes;
  std::unordered_map<std::string, plan::NetworkKind> kindOf;
  for (const auto& n : ctx.plan.networks) kindOf[n.id] = n.kind;

  // Routers of each AS, in creation order (plan order).
  std::map<int, std::vector<size_t>> routersOf;
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].isRouter() && nodes[i].loopback && nodes[i].bird)
      routersOf[nodes[i].asn].push_back(i);

  for (const auto& [asn, routers] : routersOf) {
    if (routers.size() < 2 || isMaskedAsn(asn)) continue;
    // Positions of the AS's local networks in the order the routers reach them.
    std::unordered_map<std::string, size_t> netIndex;
    std::vector<std::vector<size_t>> networksOf(routers.size()), routersOn;
    for (size_t r = 0; r < routers.size(); ++r)
      for (const auto& iface : nodes[routers[r]].interfaces) {
        if (kindOf.at(iface.network) != plan::NetworkKind::Local) continue;
        auto [it, fresh] = netIndex.emplace(iface.network, routersOn.size());
        if (fresh) routersOn.emplace_back();
        networksOf[r].push_back(it->second);
        routersOn[it->second].push_back(r);
      }
    for (size_t r = 0; r < routers.size(); ++r) {
      std::vector<bool> seen(routers.size(), false);
      std::vector<size_t> order;
      visit(r, networksOf, routersOn, seen, order);
      plan::Node& self = nodes[routers[r]];
      if (order.size() > 1 && !self.bird->ospf) {
        // iBGP next hops are the peers' loopbacks, which only OSPF (table t_ospf) resolves.
        ctx.fail(self.id,
                 "has iBGP sessions but runs no OSPF, which iBGP needs to reach the other "
                 "routers' loopbacks; mask as" +
                     std::to_string(asn) + " from iBGP too (ibgp: false), or let OSPF run",
                 ctx.node_origin[self.id]);
        continue;
      }
      int k = 0;
      for (size_t o : order) {
        if (o == r) continue;
        const plan::Node& peer = nodes[routers[o]];
        plan::BgpSession s;
        s.name = "ibgp" + std::to_string(++k);
        s.kind = plan::SessionKind::Ibgp;
        s.local_address = *self.loopback;
        s.local_as = asn;
        s.neighbor_address = *peer.loopback;
        s.neighbor_as = asn;
        s.neighbor_node = peer.id;
        self.bird->sessions.push_back(std::move(s));
      }
    }
  }
}

}  // namespace asemu
