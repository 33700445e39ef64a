#include "asemu/runtime/realization.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "asemu/core/error.h"
#include "small_plans.h"

namespace asemu::runtime {
namespace {

std::vector<std::string> described(const Batch& b) {
  std::vector<std::string> out;
  for (const auto& op : b.ops) out.push_back(describe(op));
  return out;
}

TEST(Realization, FabricFirstThenNodesInPlanOrder) {
  Realization r = realize(testing::twoHostsAndRouter(), "small");
  EXPECT_EQ(r.fabric, "asemu-small.fabric");
  EXPECT_EQ(r.namespaces,
            (std::vector<std::string>{"asemu-small.fabric", "asemu-small.as150.host_0",
                                      "asemu-small.as150.host_1", "asemu-small.as150.router0"}));
}

TEST(Realization, OneBridgeAndOneVethPerInterfaceInTheFabric) {
  Realization r = realize(testing::twoHostsAndRouter(), "small");
  EXPECT_EQ(r.fabric_batch.ns, "asemu-small.fabric");
  EXPECT_EQ(described(r.fabric_batch),
            (std::vector<std::string>{
                "bridge br0",
                "veth net0@asemu-small.as150.host_0 <-> p0i0 master br0",
                "veth net0@asemu-small.as150.host_1 <-> p1i0 master br0",
                "veth net0@asemu-small.as150.router0 <-> p2i0 master br0",
            }));
  ASSERT_EQ(r.ports.size(), 3u);
  EXPECT_EQ(r.ports[2], (Port{"p2i0", "br0", "as150/router0", "net0", "as150/net0"}));
}

TEST(Realization, NodeBatchesHoldAddressesLoopbackAndRoutes) {
  Realization r = realize(testing::twoHostsAndRouter(), "small");
  ASSERT_EQ(r.nodes.size(), 3u);
  EXPECT_EQ(described(r.nodes[0].batch),
            (std::vector<std::string>{"up lo", "address 10.150.0.71/24 dev net0",
                                      "route 0.0.0.0/0 via 10.150.0.254"}));
  EXPECT_FALSE(r.nodes[0].bird);
  EXPECT_EQ(described(r.nodes[2].batch),
            (std::vector<std::string>{"up lo", "address 10.150.0.254/24 dev net0",
                                      "loopback dummy0", "address 10.0.0.1/32 dev dummy0"}));
  EXPECT_TRUE(r.nodes[2].bird);
  // IPv6 off first, then the plan's own.
  ASSERT_EQ(r.nodes[2].sysctls.size(), 5u);
  EXPECT_EQ(r.nodes[2].sysctls[0].key, "net.ipv6.conf.all.disable_ipv6");
  EXPECT_EQ(r.nodes[2].sysctls[2].key, "net.ipv4.ip_forward");
  EXPECT_EQ(r.fabric_sysctls.size(), 2u);
}

TEST(Realization, BridgesOnlyForNetworksInUseWithPlanIndexes) {
  plan::Plan p = testing::twoRoutersEbgp();
  p.networks.insert(p.networks.begin(), {"as9/unused",
                                         "unused",
                                         plan::NetworkKind::Local,
                                         9,
                                         *Ipv4Prefix::parse("10.9.0.0/24"),
                                         "",
                                         {}});
  Realization r = realize(p, "e");
  std::vector<std::string> bridges;
  for (const auto& op : r.fabric_batch.ops)
    if (op.kind == LinkOp::Kind::Bridge) bridges.push_back(op.dev + "=" + op.object);
  EXPECT_EQ(bridges, (std::vector<std::string>{"br1=ix/ix100", "br2=as2/net0", "br3=as3/net0"}));
}

TEST(Realization, ACrossConnectIsABridgeWithItsTwoRouters) {
  plan::Plan p = testing::twoRoutersEbgp();
  p.networks[0] = {"xc/xc0",
                   "xc0",
                   plan::NetworkKind::CrossConnect,
                   0,
                   *Ipv4Prefix::parse("10.50.0.0/30"),
                   "",
                   LinkProperties{4, 0, 0}};
  int n = 0;
  for (auto& node : p.nodes)
    for (auto& i : node.interfaces)
      if (i.network == "ix/ix100") i = {"xc0", "xc/xc0", Ipv4Address(10, 50, 0, 1 + n++), 30};
  ASSERT_EQ(n, 2);
  Realization r = realize(p, "e");
  std::vector<std::string> onLink;
  for (const auto& op : r.fabric_batch.ops) {
    std::string text = describe(op);
    if (text.find("br0") != std::string::npos) onLink.push_back(text);
  }
  EXPECT_EQ(onLink, (std::vector<std::string>{"bridge br0",
                                              "veth xc0@asemu-e.as2.router0 <-> p1i1 master br0",
                                              "veth xc0@asemu-e.as3.router0 <-> p3i1 master br0"}));
  std::vector<std::string> router = described(r.nodes[1].batch);
  EXPECT_NE(std::find(router.begin(), router.end(), "address 10.50.0.1/30 dev xc0"), router.end());
  EXPECT_NE(std::find(router.begin(), router.end(), "shape xc0 latency 4ms bandwidth 0bit loss 0%"),
            router.end());
}

TEST(Realization, LinkPropertiesBecomeShapeOps) {
  plan::Plan p = testing::twoHostsAndRouter();
  p.networks[0].link.latency_ms = 5;
  Realization r = realize(p, "small");
  EXPECT_EQ(described(r.nodes[0].batch)[2], "shape net0 latency 5ms bandwidth 0bit loss 0%");
}

TEST(Realization, InterfaceOnUnknownNetworkIsAnError) {
  plan::Plan p = testing::twoHostsAndRouter();
  p.nodes[1].interfaces[0].network = "as150/nope";
  try {
    realize(p, "small");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "as150/host_1 net0: interface on unknown network 'as150/nope'");
  }
}

TEST(Realization, InterfaceNamedLikeTheLoopbackIsAnError) {
  plan::Plan p = testing::twoHostsAndRouter();
  p.nodes[2].interfaces[0].name = "dummy0";
  try {
    realize(p, "small");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "as150/router0: an interface is named 'dummy0', the name of the loopback device");
  }
}

TEST(Realization, NodesThatMapToOneNameAreAnError) {
  plan::Plan p = testing::twoHostsAndRouter();
  p.nodes[1].id = "as150.host_0";
  EXPECT_THROW(realize(p, "small"), Error);
}

TEST(Realization, ANetworkOfMoreThanOneBridgeHoldsIsSplitIntoJoinedBridges) {
  Realization r = realize(testing::hostsOnOneNetwork(2500), "lan");
  std::map<std::string, int> portsOf;  // bridge -> ports enslaved to it
  std::vector<std::string> bridges;
  for (const auto& o : r.fabric_batch.ops) {
    if (o.kind == LinkOp::Kind::Bridge) bridges.push_back(o.dev);
    if (o.kind == LinkOp::Kind::Veth) ++portsOf[o.master];
    if (o.kind == LinkOp::Kind::Trunk) {
      EXPECT_EQ(o.master, "br0");
      ++portsOf[o.master];
      ++portsOf[o.peer_master];
    }
  }
  EXPECT_EQ(bridges, (std::vector<std::string>{"br0", "br0s1", "br0s2"}));
  EXPECT_EQ(r.bridges, 3u);
  EXPECT_EQ(portsOf["br0"], 1002);  // 1,000 members and two trunks
  EXPECT_EQ(portsOf["br0s1"], 1001);
  EXPECT_EQ(portsOf["br0s2"], 501);
  for (const auto& [bridge, ports] : portsOf) EXPECT_LE(ports, kBridgePorts) << bridge;
  // Every trunk comes after the bridges it joins, every member after its bridge.
  std::set<std::string> made;
  for (const auto& o : r.fabric_batch.ops) {
    if (o.kind == LinkOp::Kind::Bridge) made.insert(o.dev);
    if (o.kind == LinkOp::Kind::Veth) {
      EXPECT_TRUE(made.count(o.master)) << o.dev;
    }
    if (o.kind == LinkOp::Kind::Trunk) {
      EXPECT_TRUE(made.count(o.peer_master)) << o.dev;
    }
  }
  // The map learns a member's real bridge.
  EXPECT_EQ(r.ports[999].bridge, "br0");
  EXPECT_EQ(r.ports[1000].bridge, "br0s1");
  EXPECT_EQ(r.ports[2499].bridge, "br0s2");
}

// The first bridge holds a trunk to every other one: with many bridges it gives up members for
// them, so that no bridge has more ports than the kernel allows.
TEST(Realization, EveryBridgeOfAVeryLargeNetworkFitsTheKernelsPortLimit) {
  const int members = 30000;
  Realization r = realize(testing::hostsOnOneNetwork(members), "lan");
  std::map<std::string, size_t> portsOf;
  size_t veths = 0;
  for (const auto& o : r.fabric_batch.ops) {
    if (o.kind == LinkOp::Kind::Veth) ++portsOf[o.master], ++veths;
    if (o.kind == LinkOp::Kind::Trunk) ++portsOf[o.master], ++portsOf[o.peer_master];
  }
  EXPECT_EQ(veths, size_t(members));
  EXPECT_EQ(portsOf.size(), r.bridges);
  for (const auto& [bridge, ports] : portsOf) EXPECT_LE(ports, kBridgePorts) << bridge;
}

TEST(Realization, ANetworkTooLargeToBridgeIsAnError) {
  EXPECT_EQ(bridgeCapacity(), kBridgePorts * kMembersPerBridge);
  plan::Plan p = testing::hostsOnOneNetwork(1);
  // As many members as one more than the bridges can hold, without building a million nodes.
  p.nodes[0].interfaces.resize(bridgeCapacity() + 1, p.nodes[0].interfaces[0]);
  try {
    realize(p, "lan");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 ("as20/net0: " + std::to_string(bridgeCapacity() + 1) +
                  " members; one network holds at most " + std::to_string(bridgeCapacity()))
                     .c_str());
  }
}

TEST(Realization, ANetworkThatFitsOneBridgeHasNoTrunk) {
  Realization r = realize(testing::hostsOnOneNetwork(1000), "lan");
  for (const auto& o : r.fabric_batch.ops) EXPECT_NE(o.kind, LinkOp::Kind::Trunk);
}

}  // namespace
}  // namespace asemu::runtime
