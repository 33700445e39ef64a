// Cross-connects: the xc networks Base makes, how Routing, OSPF and iBGP treat them, the sessions
// Ebgp renders over them, and the errors of each way to get them wrong.
#include <gtest/gtest.h>

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "render_errors.h"
#include "small_topologies.h"

namespace asemu {
namespace {

using ::asemu::testing::errorsOf;
using ::asemu::testing::renderErrors;
using Lines = std::vector<std::string>;

class CrossConnects : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plan_ = new plan::Plan(testing::makeCrossConnectTopology().render());
  }
  static void TearDownTestSuite() { delete plan_; }

  static const plan::Node& node(const std::string& id) {
    const plan::Node* n = plan_->findNode(id);
    EXPECT_NE(n, nullptr) << id;
    return *n;
  }
  static Lines interfaces(const std::string& id) {
    Lines out;
    for (const auto& i : node(id).interfaces)
      out.push_back(i.name + " " + i.address.str() + "/" + std::to_string(i.prefix_length));
    return out;
  }
  static Lines sessions(const std::string& id) {
    Lines out;
    for (const auto& s : node(id).bird->sessions)
      out.push_back(s.name + " " + s.local_address.str() + " > " + s.neighbor_address.str() + " " +
                    s.neighbor_node);
    return out;
  }

  static plan::Plan* plan_;
};
plan::Plan* CrossConnects::plan_ = nullptr;

TEST_F(CrossConnects, ANetworkPerPairNamedInTheOrderFirstDeclared) {
  // as2/r1 declares its cross-connect before as3/r0 (AS creation order), so its is xc0 even
  // though as3/r0 declares the one to as4 first.
  const plan::Network* xc0 = plan_->findNetwork("xc/xc0");
  const plan::Network* xc1 = plan_->findNetwork("xc/xc1");
  ASSERT_NE(xc0, nullptr);
  ASSERT_NE(xc1, nullptr);
  EXPECT_EQ(xc0->name, "xc0");
  EXPECT_EQ(xc0->kind, plan::NetworkKind::CrossConnect);
  EXPECT_EQ(xc0->prefix.str(), "10.50.0.0/30");
  EXPECT_EQ(xc0->link, (LinkProperties{5, 0, 0}));
  EXPECT_EQ(xc1->prefix.str(), "10.50.0.8/30");
  EXPECT_EQ(xc1->link, LinkProperties{});
  EXPECT_EQ(plan_->networks.size(), 5u);  // three net0 and two cross-connects
}

TEST_F(CrossConnects, InterfacesFollowTheJoinsInDeclarationOrder) {
  EXPECT_EQ(interfaces("as2/r1"), (Lines{"net0 10.2.0.253/24", "xc0 10.50.0.1/30"}));
  EXPECT_EQ(interfaces("as3/r0"),
            (Lines{"net0 10.3.0.254/24", "xc1 10.50.0.9/30", "xc0 10.50.0.2/30"}));
  EXPECT_EQ(interfaces("as4/r0"), (Lines{"net0 10.4.0.254/24", "xc1 10.50.0.10/30"}));
}

TEST_F(CrossConnects, ARouterWithACrossConnectIsABorderRouter) {
  EXPECT_EQ(node("as2/r0").role, plan::Role::Router);
  EXPECT_EQ(node("as2/r1").role, plan::Role::BorderRouter);
  EXPECT_EQ(node("as3/r0").role, plan::Role::BorderRouter);
  EXPECT_EQ(node("as4/r0").role, plan::Role::BorderRouter);
}

TEST_F(CrossConnects, NotADirectNetworkAndAnOspfStub) {
  const plan::Bird& bird = *node("as3/r0").bird;
  EXPECT_EQ(bird.direct_interfaces, Lines{"net0"});
  EXPECT_EQ(bird.ospf->active_interfaces, Lines{"net0"});
  EXPECT_EQ(bird.ospf->stub_interfaces, (Lines{"dummy0", "xc1", "xc0"}));
  EXPECT_EQ(bird.ospf->point_to_point_interfaces, Lines{});
}

TEST_F(CrossConnects, IbgpStaysInsideEachAs) {
  Lines ibgp;
  for (const auto& s : node("as2/r1").bird->sessions)
    if (s.kind == plan::SessionKind::Ibgp) ibgp.push_back(s.name + " " + s.neighbor_node);
  EXPECT_EQ(ibgp, Lines{"ibgp1 as2/r0"});
  for (const auto& s : node("as3/r0").bird->sessions)
    EXPECT_NE(s.kind, plan::SessionKind::Ibgp) << s.name;
}

TEST_F(CrossConnects, PeeringsRunBetweenTheCrossConnectAddresses) {
  EXPECT_EQ(sessions("as2/r0"), Lines{"ibgp1 10.0.0.1 > 10.0.0.2 as2/r1"});
  EXPECT_EQ(sessions("as2/r1"),
            (Lines{"c_as3 10.50.0.1 > 10.50.0.2 as3/r0", "ibgp1 10.0.0.2 > 10.0.0.1 as2/r0"}));
  EXPECT_EQ(sessions("as3/r0"),
            (Lines{"u_as2 10.50.0.2 > 10.50.0.1 as2/r1", "p_as4 10.50.0.9 > 10.50.0.10 as4/r0"}));
  EXPECT_EQ(sessions("as4/r0"), Lines{"p_as3 10.50.0.10 > 10.50.0.9 as3/r0"});
}

TEST_F(CrossConnects, SessionsAreFilteredAsPrivatePeerings) {
  const plan::BgpSession& customer = *node("as2/r1").bird->findSession("c_as3");
  EXPECT_EQ(customer.import_class, plan::RouteClass::Customer);
  EXPECT_EQ(customer.local_pref, 30);
  EXPECT_EQ(customer.export_policy, plan::ExportPolicy::All);
  const plan::BgpSession& provider = *node("as3/r0").bird->findSession("u_as2");
  EXPECT_EQ(provider.import_class, plan::RouteClass::Provider);
  EXPECT_EQ(provider.local_pref, 10);
  EXPECT_EQ(provider.export_policy, plan::ExportPolicy::OwnAndCustomers);
  const plan::BgpSession& peer = *node("as4/r0").bird->findSession("p_as3");
  EXPECT_EQ(peer.import_class, plan::RouteClass::Peer);
  EXPECT_EQ(peer.local_pref, 20);
  EXPECT_EQ(peer.export_policy, plan::ExportPolicy::OwnAndCustomers);
}

// Two ASes, each with one router r on net0; the tests add cross-connects and peerings.
class CrossConnectErrors : public ::testing::Test {
 protected:
  CrossConnectErrors() {
    for (int asn : {2, 3}) {
      AutonomousSystem& as = base.createAutonomousSystem(asn);
      as.createNetwork("net0");
      as.createRouter("r").joinNetwork("net0");
    }
    emu.addLayer(base);
    emu.addLayer(Routing());
    emu.addLayer(ebgp);
    emu.addLayer(Ibgp());
    emu.addLayer(Ospf());
  }
  Node& router(int asn, const std::string& name = "r") {
    return base.getAutonomousSystem(asn).getRouter(name);
  }

  Base base;
  Ebgp ebgp;
  Emulator emu;
};

TEST_F(CrossConnectErrors, BothSidesWithMatchingAddressesRender) {
  router(2).crossConnect(3, "r", "10.50.0.1/31");
  router(3).crossConnect(2, "r", "10.50.0.0/31");
  ebgp.addCrossConnectPeering(2, 3, PeerRelationship::Unfiltered);
  plan::Plan plan = emu.render();
  EXPECT_NE(plan.findNode("as2/r")->bird->findSession("x_as3"), nullptr);
  EXPECT_NE(plan.findNode("as3/r")->bird->findSession("x_as2"), nullptr);
}

TEST_F(CrossConnectErrors, DeclaredOnOneSideOnly) {
  router(2).crossConnect(3, "r", "10.50.0.1/30");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as2/r: cross-connect to as3/r: as3/r has no cross-connect to as2/r; declare "
                  "it on both routers, each with its own address"});
}

TEST_F(CrossConnectErrors, AddressesInDifferentNetworks) {
  router(2).crossConnect(3, "r", "10.50.0.1/30");
  router(3).crossConnect(2, "r", "10.50.0.5/30");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as2/r: cross-connect to as3/r: its address 10.50.0.1/30 and as3/r's "
                  "10.50.0.5/30 are not in one network; give both ends addresses in one prefix"});
}

TEST_F(CrossConnectErrors, TheSameAddressOnBothEnds) {
  router(2).crossConnect(3, "r", "10.50.0.1/30");
  router(3).crossConnect(2, "r", "10.50.0.1/30");
  EXPECT_EQ(renderErrors(emu), Lines{"as2/r: cross-connect to as3/r: both ends have address "
                                     "10.50.0.1; give each its own"});
}

TEST_F(CrossConnectErrors, MalformedAddresses) {
  router(2).crossConnect(3, "r", "10.50.0.1");
  router(3).crossConnect(2, "r", "10.50.0.0/30");
  EXPECT_EQ(renderErrors(emu),
            (Lines{"as2/r: cross-connect to as3/r: address '10.50.0.1' is not an IPv4 address "
                   "with a prefix length, such as 10.50.0.1/30",
                   "as3/r: cross-connect to as2/r: address 10.50.0.0/30 is the network or "
                   "broadcast address of 10.50.0.0/30; give a host address"}));
}

TEST_F(CrossConnectErrors, LinkPropertiesThatDiffer) {
  router(2).crossConnect(3, "r", "10.50.0.1/30", 10);
  router(3).crossConnect(2, "r", "10.50.0.2/30", 10, 1000000);
  EXPECT_EQ(renderErrors(emu),
            Lines{"as2/r: cross-connect to as3/r: link properties differ between the ends "
                  "(latency 10 ms, bandwidth 0 bps, loss 0% here, latency 10 ms, bandwidth "
                  "1000000 bps, loss 0% on as3/r); give both the same"});
}

TEST_F(CrossConnectErrors, APeerThatDoesNotExist) {
  router(2).crossConnect(3, "rr", "10.50.0.1/30");
  router(2).crossConnect(9, "r", "10.50.0.5/30");
  EXPECT_EQ(renderErrors(emu),
            (Lines{"as2/r: cross-connect to as3/rr: unknown router 'rr' (known: r); did you "
                   "mean 'r'?",
                   "as2/r: cross-connect to as9/r: unknown AS '9' (known: 2, 3)"}));
}

TEST_F(CrossConnectErrors, WithinOneAs) {
  base.getAutonomousSystem(2).createRouter("r2").joinNetwork("net0");
  router(2).crossConnect(2, "r2", "10.50.0.1/30");
  router(2, "r2").crossConnect(2, "r", "10.50.0.2/30");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as2/r: cross-connect to as2/r2: both routers are in as2; a cross-connect "
                  "links routers of two ASes (join a network of the AS instead)"});
}

TEST_F(CrossConnectErrors, OnlyRoutersOnceEachAndNotToThemselves) {
  base.getAutonomousSystem(2).createHost("h").joinNetwork("net0");
  EXPECT_EQ(errorsOf([&] {
              base.getAutonomousSystem(2).getHost("h").crossConnect(3, "r", "10.50.0.1/30");
            }),
            Lines{"as2/h: a host cannot cross-connect to as3/r; only routers have cross-connects"});
  EXPECT_EQ(errorsOf([&] { router(2).crossConnect(2, "r", "10.50.0.1/30"); }),
            Lines{"as2/r: a router cannot cross-connect to itself"});
  router(2).crossConnect(3, "r", "10.50.0.1/30");
  EXPECT_EQ(errorsOf([&] { router(2).crossConnect(3, "r", "10.50.0.5/30"); }),
            Lines{"as2/r: already has a cross-connect to as3/r; a router has one cross-connect "
                  "per peer router"});
}

TEST_F(CrossConnectErrors, APeeringWithoutACrossConnect) {
  ebgp.addCrossConnectPeering(2, 3, PeerRelationship::Provider);
  EXPECT_EQ(renderErrors(emu),
            Lines{"cross-connect peering as2-as3: no router of as2 has a cross-connect to a router "
                  "of as3; cross-connect two of their routers (on both routers) first"});
}

TEST_F(CrossConnectErrors, APeeringTwiceEitherWayRound) {
  router(2).crossConnect(3, "r", "10.50.0.1/30");
  router(3).crossConnect(2, "r", "10.50.0.2/30");
  ebgp.addCrossConnectPeering(2, 3, PeerRelationship::Provider);
  ebgp.addCrossConnectPeering(3, 2, PeerRelationship::Peer);
  ebgp.addCrossConnectPeering(2, 2);
  ebgp.addCrossConnectPeering(2, 7);
  EXPECT_EQ(renderErrors(emu),
            (Lines{"cross-connect peering as3-as2: as3 and as2 are already peered over a "
                   "cross-connect (Provider)",
                   "cross-connect peering as2-as2: an AS cannot peer with itself",
                   "cross-connect peering as2-as7: unknown AS '7' (known: 2, 3)"}));
}

TEST_F(CrossConnectErrors, TheSamePeeringAtAnExchangeToo) {
  base.createInternetExchange(100);
  base.getAutonomousSystem(2).getRouter("r").joinNetwork("ix100");
  base.getAutonomousSystem(3).getRouter("r").joinNetwork("ix100");
  router(2).crossConnect(3, "r", "10.50.0.1/30");
  router(3).crossConnect(2, "r", "10.50.0.2/30");
  ebgp.addCrossConnectPeering(2, 3);
  ebgp.addPrivatePeering(100, 2, 3);
  const std::string why =
      "; a router can peer with an AS in one relationship at one exchange or cross-connect only";
  EXPECT_EQ(renderErrors(emu),
            (Lines{"ix100 peering as2-as3: as2/r would have two BGP sessions named p_as3 (on xc0 "
                   "and ix100)" +
                       why,
                   "ix100 peering as2-as3: as3/r would have two BGP sessions named p_as2 (on xc0 "
                   "and ix100)" +
                       why}));
}

TEST_F(CrossConnectErrors, ARouterWithOnlyACrossConnectJoinsANetwork) {
  base.getAutonomousSystem(3).createRouter("edge").crossConnect(2, "r", "10.50.0.2/30");
  router(2).crossConnect(3, "edge", "10.50.0.1/30");
  plan::Plan plan = emu.render();
  ASSERT_NE(plan.findNode("as3/edge"), nullptr);
  EXPECT_EQ(plan.findNode("as3/edge")->interfaces.size(), 1u);
}

}  // namespace
}  // namespace asemu
