#include "asemu/layers/ibgp.h"

#include <map>
#include <numeric>
#include <unordered_map>

namespace asemu {
namespace {

// Union-find over the routers of one AS.
struct Parts {
  std::vector<size_t> parent;
  explicit Parts(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(size_t a, size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

void Ibgp::render(RenderContext& ctx) const {
  auto& nodes = ctx.plan.nodes;
  std::unordered_map<std::string, plan::NetworkKind> kindOf;
  for (const auto& n : ctx.plan.networks) kindOf[n.id] = n.kind;

  // Routers of each AS, in creation order (plan order).
  std::map<int, std::vector<size_t>> routersOf;
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].isRouter() && nodes[i].loopback && nodes[i].bird)
      routersOf[nodes[i].asn].push_back(i);

  for (const auto& [asn, routers] : routersOf) {
    if (routers.size() < 2) continue;
    Parts parts(routers.size());
    std::unordered_map<std::string, size_t> firstOnNetwork;  // local network -> router position
    for (size_t r = 0; r < routers.size(); ++r) {
      for (const auto& iface : nodes[routers[r]].interfaces) {
        if (kindOf.at(iface.network) != plan::NetworkKind::Local) continue;
        auto [it, fresh] = firstOnNetwork.emplace(iface.network, r);
        if (!fresh) parts.unite(r, it->second);
      }
    }
    for (size_t r = 0; r < routers.size(); ++r) {
      plan::Node& self = nodes[routers[r]];
      int k = 0;
      for (size_t o = 0; o < routers.size(); ++o) {
        if (o == r || parts.find(o) != parts.find(r)) continue;
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
