// The AS graph read from Base and Ebgp, and the routes SEED's policies make of it: customer
// routes first, then peer routes, then provider routes, and never a valley.
#include <gtest/gtest.h>

#include "asemu/layers/as_graph.h"

namespace asemu {
namespace {

struct Graph {
  Base base;
  Ebgp ebgp;
  explicit Graph(const std::vector<int>& asns) {
    base.createInternetExchange(100);
    for (int asn : asns) base.createAutonomousSystem(asn);
  }
  size_t at(const AsGraph& g, int asn) const { return g.index.at(asn); }
};

TEST(AsGraph, RelationshipsAndRouteServersBecomeProvidersCustomersAndPeers) {
  Graph t({2, 3, 4, 5, 6});
  t.ebgp.addPrivatePeering(100, 2, 3, PeerRelationship::Provider);
  t.ebgp.addPrivatePeering(100, 2, 4, PeerRelationship::Unfiltered);
  t.ebgp.addRsPeers(100, {3, 4, 5});
  AsGraph g = asGraph(t.base, t.ebgp);
  EXPECT_EQ(g.customers[t.at(g, 2)], (std::vector<size_t>{t.at(g, 3), t.at(g, 4)}));
  EXPECT_EQ(g.providers[t.at(g, 4)], (std::vector<size_t>{t.at(g, 2)}));
  EXPECT_EQ(g.peers[t.at(g, 5)], (std::vector<size_t>{t.at(g, 3), t.at(g, 4)}));
  EXPECT_EQ(g.sessions[t.at(g, 3)], 2);
  EXPECT_EQ(g.tier(t.at(g, 2)), 1);
  EXPECT_EQ(g.tier(t.at(g, 3)), 3);
  EXPECT_EQ(g.tier(t.at(g, 6)), 1);  // alone: no provider
}

TEST(AsGraph, RoutesPreferCustomersThenPeersThenProvidersAndHaveNoValleys) {
  // 2 and 3 peer; 4 is 2's customer, 5 is 3's, 6 is 4's and 5's; 7 peers with 6 only, 8 with 7.
  Graph t({2, 3, 4, 5, 6, 7, 8});
  t.ebgp.addPrivatePeering(100, 2, 3);
  t.ebgp.addPrivatePeering(100, 2, 4, PeerRelationship::Provider);
  t.ebgp.addPrivatePeering(100, 3, 5, PeerRelationship::Provider);
  t.ebgp.addPrivatePeering(100, 4, 6, PeerRelationship::Provider);
  t.ebgp.addPrivatePeering(100, 5, 6, PeerRelationship::Provider);
  t.ebgp.addPrivatePeering(100, 6, 7);
  t.ebgp.addPrivatePeering(100, 7, 8);
  AsGraph g = asGraph(t.base, t.ebgp);
  std::vector<int> to6 = routeLengths(g, t.at(g, 6));
  EXPECT_EQ(to6[t.at(g, 6)], 0);
  EXPECT_EQ(to6[t.at(g, 4)], 1);  // customer route
  EXPECT_EQ(to6[t.at(g, 2)], 2);
  EXPECT_EQ(to6[t.at(g, 7)], 1);   // peer route
  EXPECT_EQ(to6[t.at(g, 8)], -1);  // 7 does not pass a peer's route to another peer
  std::vector<int> to4 = routeLengths(g, t.at(g, 4));
  // 5 prefers its customer 6's route (5 6 4) over the route through its provider, and 6
  // exports its provider's route only to its customers: none. 3 learns 4 from its peer 2.
  EXPECT_EQ(to4[t.at(g, 6)], 1);
  EXPECT_EQ(to4[t.at(g, 3)], 2);
  EXPECT_EQ(to4[t.at(g, 5)], 3);   // down from 3: 5 3 2 4 (6 sends 5 no provider route)
  EXPECT_EQ(to4[t.at(g, 7)], -1);  // 6's route to 4 is a provider route; peers do not get it
  EXPECT_TRUE(providerCycle(g).empty());
}

TEST(AsGraph, FindsAProviderCycle) {
  Graph t({2, 3, 4, 5});
  t.ebgp.addPrivatePeering(100, 5, 2, PeerRelationship::Provider);
  t.ebgp.addPrivatePeering(100, 2, 3, PeerRelationship::Provider);
  t.ebgp.addPrivatePeering(100, 3, 4, PeerRelationship::Provider);
  t.ebgp.addPrivatePeering(100, 4, 2, PeerRelationship::Provider);
  AsGraph g = asGraph(t.base, t.ebgp);
  std::vector<size_t> cycle = providerCycle(g);
  std::sort(cycle.begin(), cycle.end());
  EXPECT_EQ(cycle, (std::vector<size_t>{t.at(g, 2), t.at(g, 3), t.at(g, 4)}));
}

}  // namespace
}  // namespace asemu
