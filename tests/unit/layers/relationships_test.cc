// Session names, route classes and export policies of each relationship, and iBGP per connected
// part of an AS, on small hand-built topologies.
#include <gtest/gtest.h>

#include "asemu/plan/bird_config.h"
#include "small_topologies.h"

namespace asemu {
namespace {

using plan::BgpSession;
using plan::ExportPolicy;
using plan::RouteClass;
using plan::SessionKind;

class Relationships : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { plan_ = new plan::Plan(testing::makeThreeAsTopology().render()); }
  static void TearDownTestSuite() { delete plan_; }

  static const plan::Node& router(int asn) {
    return *plan_->findNode("as" + std::to_string(asn) + "/r0");
  }
  static std::vector<std::string> names(int asn) {
    std::vector<std::string> out;
    for (const auto& s : router(asn).bird->sessions) out.push_back(s.name);
    return out;
  }
  static const BgpSession& at(int asn, const std::string& name) {
    const BgpSession* s = router(asn).bird->findSession(name);
    EXPECT_NE(s, nullptr) << "as" << asn << " " << name;
    static const BgpSession none;
    return s ? *s : none;
  }
  static void expectPolicy(int asn, const std::string& name, RouteClass cls, int pref,
                           ExportPolicy exportPolicy) {
    const BgpSession& s = at(asn, name);
    EXPECT_EQ(s.kind, SessionKind::Ebgp) << name;
    EXPECT_EQ(s.import_class, cls) << "as" << asn << " " << name;
    EXPECT_EQ(s.local_pref, pref) << "as" << asn << " " << name;
    EXPECT_EQ(s.export_policy, exportPolicy) << "as" << asn << " " << name;
  }

  static plan::Plan* plan_;
};
plan::Plan* Relationships::plan_ = nullptr;

TEST_F(Relationships, SessionNamesOnEachSide) {
  EXPECT_EQ(names(2), (std::vector<std::string>{"x_as3", "p_as4"}));
  EXPECT_EQ(names(3), (std::vector<std::string>{"x_as2", "c_as4"}));
  EXPECT_EQ(names(4), (std::vector<std::string>{"p_as2", "u_as3", "p_as5"}));
  EXPECT_EQ(names(5), (std::vector<std::string>{"p_as4"}));
}

TEST_F(Relationships, UnfilteredExportsEverythingBothWays) {
  // The first AS treats the second as a customer, the second the first as a provider.
  expectPolicy(2, "x_as3", RouteClass::Customer, 30, ExportPolicy::All);
  expectPolicy(3, "x_as2", RouteClass::Provider, 10, ExportPolicy::All);
}

TEST_F(Relationships, PeersExportOwnAndCustomerRoutes) {
  expectPolicy(2, "p_as4", RouteClass::Peer, 20, ExportPolicy::OwnAndCustomers);
  expectPolicy(4, "p_as2", RouteClass::Peer, 20, ExportPolicy::OwnAndCustomers);
}

TEST_F(Relationships, ProviderAndCustomer) {
  expectPolicy(3, "c_as4", RouteClass::Customer, 30, ExportPolicy::All);
  expectPolicy(4, "u_as3", RouteClass::Provider, 10, ExportPolicy::OwnAndCustomers);
}

TEST_F(Relationships, SessionsRunBetweenExchangeAddresses) {
  const BgpSession& s = at(2, "x_as3");
  EXPECT_EQ(s.local_address.str(), "10.100.0.2");
  EXPECT_EQ(s.local_as, 2);
  EXPECT_EQ(s.neighbor_address.str(), "10.100.0.3");
  EXPECT_EQ(s.neighbor_as, 3);
  EXPECT_EQ(s.neighbor_node, "as3/r0");
  EXPECT_EQ(at(3, "x_as2").neighbor_node, "as2/r0");
}

TEST_F(Relationships, BirdConfigCarriesThePolicy) {
  const std::string conf = plan::birdConfig(router(3));
  EXPECT_NE(conf.find("define LOCAL_COMM = (3, 0, 0);"), std::string::npos);
  EXPECT_NE(conf.find("protocol bgp x_as2 {\n"
                      "    ipv4 {\n"
                      "        table t_bgp;\n"
                      "        import filter {\n"
                      "            bgp_large_community.add(PROVIDER_COMM);\n"
                      "            bgp_local_pref = 10;\n"
                      "            accept;\n"
                      "        };\n"
                      "        export all;\n"
                      "        next hop self;\n"
                      "    };\n"
                      "    local 10.100.0.3 as 3;\n"
                      "    neighbor 10.100.0.2 as 2;\n"),
            std::string::npos)
      << conf;
  const std::string peer = plan::birdConfig(router(2));
  EXPECT_NE(peer.find("            bgp_large_community.add(PEER_COMM);\n"
                      "            bgp_local_pref = 20;\n"
                      "            accept;\n"
                      "        };\n"
                      "        export where bgp_large_community ~ [LOCAL_COMM, CUSTOMER_COMM];\n"),
            std::string::npos)
      << peer;
}

TEST_F(Relationships, RouterWithoutLocalNetworksAnnouncesNothingOfItsOwn) {
  // A direct protocol with no interfaces would take them all (dummy0, ix100) as local networks.
  const plan::Node& r = router(5);
  EXPECT_TRUE(r.bird->direct_interfaces.empty());
  const std::string conf = plan::birdConfig(r);
  EXPECT_EQ(conf.find("protocol direct"), std::string::npos) << conf;
  EXPECT_NE(router(2).bird->direct_interfaces.empty(), true);
  EXPECT_NE(plan::birdConfig(router(2)).find("protocol direct local_nets {"), std::string::npos);
}

class IbgpParts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { plan_ = new plan::Plan(testing::makeIbgpTopology().render()); }
  static void TearDownTestSuite() { delete plan_; }

  // "ibgp1 -> as7/a1" for each iBGP session of the node.
  static std::vector<std::string> ibgp(const std::string& id) {
    std::vector<std::string> out;
    const plan::Node& n = *plan_->findNode(id);
    for (const auto& s : n.bird->sessions) {
      if (s.kind != SessionKind::Ibgp) continue;
      EXPECT_EQ(s.local_address, *n.loopback);
      EXPECT_EQ(s.neighbor_address, *plan_->findNode(s.neighbor_node)->loopback);
      EXPECT_EQ(s.local_as, n.asn);
      EXPECT_EQ(s.neighbor_as, n.asn);
      out.push_back(s.name + " -> " + s.neighbor_node);
    }
    return out;
  }

  static plan::Plan* plan_;
};
plan::Plan* IbgpParts::plan_ = nullptr;

TEST_F(IbgpParts, HalvesThatShareNoNetworkHaveNoIbgpBetweenThem) {
  // a0 and b0 are both on ix100: an exchange does not join the halves.
  EXPECT_EQ(ibgp("as7/a0"), (std::vector<std::string>{"ibgp1 -> as7/a1"}));
  EXPECT_EQ(ibgp("as7/a1"), (std::vector<std::string>{"ibgp1 -> as7/a0"}));
  EXPECT_EQ(ibgp("as7/b0"), (std::vector<std::string>{"ibgp1 -> as7/b1"}));
  EXPECT_EQ(ibgp("as7/b1"), (std::vector<std::string>{"ibgp1 -> as7/b0"}));
}

TEST_F(IbgpParts, AConnectedAsGetsAFullMesh) {
  // r0 and r2 share no network but reach each other through r1.
  EXPECT_EQ(ibgp("as8/r0"), (std::vector<std::string>{"ibgp1 -> as8/r1", "ibgp2 -> as8/r2"}));
  EXPECT_EQ(ibgp("as8/r1"), (std::vector<std::string>{"ibgp1 -> as8/r0", "ibgp2 -> as8/r2"}));
}

TEST_F(IbgpParts, SessionsAreNumberedInSeedsDepthFirstOrder) {
  // As SEED does: from r2 through its networks (netB: r1), then on from r1 (netA: r0). The
  // numbers follow that walk, not the order the routers were created in.
  EXPECT_EQ(ibgp("as8/r2"), (std::vector<std::string>{"ibgp1 -> as8/r1", "ibgp2 -> as8/r0"}));
}

TEST_F(IbgpParts, OnlyRoutersWithEbgpTagTheirOwnNetworks) {
  // As in SEED, the pipe that tags local networks LOCAL_COMM (local-pref 40) comes with eBGP; a
  // router with iBGP alone hands them to t_bgp as they are, and defines no communities.
  const std::string internal = plan::birdConfig(*plan_->findNode("as7/a1"));
  EXPECT_EQ(internal.find("define LOCAL_COMM"), std::string::npos) << internal;
  EXPECT_NE(internal.find("protocol pipe {\n"
                          "    table t_direct;\n"
                          "    peer table t_bgp;\n"
                          "    import none;\n"
                          "    export all;\n"
                          "}\n"),
            std::string::npos)
      << internal;
  // Routers with eBGP keep both: the golden configs of the anycast demo show them.
}

TEST_F(IbgpParts, IbgpUsesOspfForNextHops) {
  const std::string conf = plan::birdConfig(*plan_->findNode("as8/r1"));
  EXPECT_NE(conf.find("protocol bgp ibgp2 {\n"
                      "    ipv4 {\n"
                      "        table t_bgp;\n"
                      "        import all;\n"
                      "        export all;\n"
                      "        igp table t_ospf;\n"
                      "    };\n"),
            std::string::npos)
      << conf;
}

}  // namespace
}  // namespace asemu
