// One test per user error the model and the layers must report: each is one line that names the
// object, and a render never returns a partial plan.
#include <gtest/gtest.h>

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "render_errors.h"

namespace asemu {
namespace {

using ::asemu::testing::errorsOf;
using ::asemu::testing::renderErrors;
using Lines = std::vector<std::string>;

// A world with ix100 and stub AS150 (net0, router0 on net0 and ix100, host_0), all five layers.
class Validation : public ::testing::Test {
 protected:
  Validation() {
    base.createInternetExchange(100);
    AutonomousSystem& as150 = base.createAutonomousSystem(150);
    as150.createNetwork("net0");
    as150.createRouter("router0").joinNetwork("net0").joinNetwork("ix100");
    as150.createHost("host_0").joinNetwork("net0");
    emu.addLayer(base);
    emu.addLayer(Routing());
    emu.addLayer(ebgp);
    emu.addLayer(Ibgp());
    emu.addLayer(Ospf());
  }

  AutonomousSystem& as150() { return base.getAutonomousSystem(150); }
  // A transit-like AS with one router `r` on ix100 and a local network.
  AutonomousSystem& addMember(int asn, const std::string& ix = "ix100") {
    AutonomousSystem& as = base.createAutonomousSystem(asn);
    as.createNetwork("net0");
    as.createRouter("r").joinNetwork("net0").joinNetwork(ix);
    return as;
  }

  Base base;
  Ebgp ebgp;
  Emulator emu;
};

TEST_F(Validation, TheBaseWorldRenders) {
  EXPECT_EQ(renderErrors(emu), Lines{});
}

TEST_F(Validation, DuplicateAsn) {
  EXPECT_EQ(errorsOf([&] { base.createAutonomousSystem(150); }),
            Lines{"as150: this AS was already created"});
}

TEST_F(Validation, DuplicateExchange) {
  EXPECT_EQ(errorsOf([&] { base.createInternetExchange(100); }),
            Lines{"ix100: this exchange was already created"});
}

TEST_F(Validation, DuplicateNetwork) {
  EXPECT_EQ(errorsOf([&] { as150().createNetwork("net0", "10.150.9.0/24"); }),
            Lines{"as150/net0: a network of this name already exists in as150"});
}

TEST_F(Validation, DuplicateNodeName) {
  EXPECT_EQ(errorsOf([&] { as150().createHost("host_0"); }),
            Lines{"as150/host_0: a host or router of this name already exists in as150"});
  // Hosts and routers share one namespace.
  EXPECT_EQ(errorsOf([&] { as150().createRouter("host_0"); }),
            Lines{"as150/host_0: a host or router of this name already exists in as150"});
}

TEST_F(Validation, UnknownNetworkInJoin) {
  as150().createHost("host_1").joinNetwork("net1");
  EXPECT_EQ(
      renderErrors(emu),
      Lines{"as150/host_1: unknown network 'net1' (known: ix100, net0); did you mean 'net0'?"});
}

TEST_F(Validation, UnknownExchangeInJoin) {
  as150().createRouter("router1").joinNetwork("net0").joinNetwork("ix101");
  EXPECT_EQ(
      renderErrors(emu),
      Lines{"as150/router1: unknown network 'ix101' (known: ix100, net0); did you mean 'ix100'?"});
}

TEST_F(Validation, ExplicitAddressOutsideThePrefix) {
  as150().createHost("host_1").joinNetwork("net0", "10.151.0.5");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as150/host_1: address 10.151.0.5 is outside net0 (10.150.0.0/24)"});
}

TEST_F(Validation, ExplicitAddressIsTheBroadcastAddress) {
  as150().createHost("host_1").joinNetwork("net0", "10.150.0.255");
  EXPECT_EQ(renderErrors(emu), Lines{"as150/host_1: address 10.150.0.255 is the network or "
                                     "broadcast address of net0 (10.150.0.0/24)"});
}

TEST_F(Validation, ExplicitAddressNotAnAddress) {
  as150().createHost("host_1").joinNetwork("net0", "10.150.0.500");
  EXPECT_EQ(renderErrors(emu), Lines{"as150/host_1: address '10.150.0.500' on net0 is not an "
                                     "IPv4 address (or \"auto\")"});
}

TEST_F(Validation, ExplicitAddressEqualToAnotherNodesOnTheSameNetwork) {
  as150().createHost("host_1").joinNetwork("net0", "10.150.0.5");
  as150().createHost("host_2").joinNetwork("net0", "10.150.0.5");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as150/host_2: address 10.150.0.5 on net0 is already used by as150/host_1"});
}

TEST_F(Validation, ExplicitExchangeAddressOfTheRouteServer) {
  AutonomousSystem& as2 = base.createAutonomousSystem(2);
  as2.createNetwork("net0");
  as2.createRouter("r").joinNetwork("net0").joinNetwork("ix100", "10.100.0.100");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as2/r: address 10.100.0.100 on ix100 is already used by ix/ix100"});
}

TEST_F(Validation, AutoPrefixForAnAsnAbove255) {
  base.createAutonomousSystem(300).createNetwork("net0");
  EXPECT_EQ(renderErrors(emu), Lines{"as300/net0: an automatic prefix (10.ASN.n.0/24) needs an "
                                     "ASN up to 255; give this network an explicit prefix"});
}

TEST_F(Validation, AutoPrefixForAnExchangeAbove255) {
  base.createInternetExchange(300);
  EXPECT_EQ(renderErrors(emu), Lines{"ix300: an automatic prefix (10.N.0.0/24) needs an exchange "
                                     "number up to 255; give this exchange an explicit prefix"});
}

TEST_F(Validation, ExplicitPrefixesLiftThe255Limit) {
  base.createInternetExchange(300, "10.201.0.0/24").setRouteServerAddress("10.201.0.1");
  AutonomousSystem& as = base.createAutonomousSystem(1000);
  as.createNetwork("net0", "10.202.0.0/24");
  as.createRouter("r").joinNetwork("net0").joinNetwork("ix300", "10.201.0.9");
  as.createHost("h").joinNetwork("net0");
  ebgp.addRsPeer(300, 1000);
  plan::Plan plan = emu.render();
  EXPECT_EQ(plan.findNode("ix/ix300")->interfaces.at(0).address.str(), "10.201.0.1");
  EXPECT_EQ(plan.findNode("as1000/h")->interfaces.at(0).address.str(), "10.202.0.71");
  EXPECT_EQ(plan.findNode("as1000/r")->bird->findSession("p_rs300")->neighbor_address.str(),
            "10.201.0.1");
}

TEST_F(Validation, RouteServerAutomaticAddressOutsideTheExchange) {
  base.createInternetExchange(300, "10.201.0.0/24");
  EXPECT_EQ(renderErrors(emu), Lines{"ix300: the route server's automatic address (10.201.0.0/24 "
                                     "+ 300) is not a usable address of that prefix; give the "
                                     "route server an explicit address"});
}

TEST_F(Validation, ExchangeAddressForAnAsnOutside2To254) {
  for (int asn : {1, 255, 300}) {
    Base world;
    world.createInternetExchange(100);
    world.createAutonomousSystem(asn).createRouter("r").joinNetwork("ix100");
    Emulator e;
    e.addLayer(world);
    EXPECT_EQ(renderErrors(e),
              Lines{"as" + std::to_string(asn) +
                    "/r: cannot derive an address on ix100 (10.100.0.0/24) from ASN " +
                    std::to_string(asn) +
                    ": an automatic exchange address needs an ASN in 2..254; give an explicit "
                    "address"});
  }
}

TEST_F(Validation, ExchangeAddressAtTheEdgesOf2To254) {
  addMember(2);
  addMember(254);
  plan::Plan plan = emu.render();
  EXPECT_EQ(plan.findNode("as2/r")->findInterface("ix100")->address.str(), "10.100.0.2");
  EXPECT_EQ(plan.findNode("as254/r")->findInterface("ix100")->address.str(), "10.100.0.254");
}

TEST_F(Validation, AutoHostRangeExhausted) {
  // host_0 already holds .71; 28 more fill .72-.99, the next one finds nothing left.
  for (int i = 1; i <= 29; ++i) as150().createHost("host_" + std::to_string(i)).joinNetwork("net0");
  EXPECT_EQ(renderErrors(emu), Lines{"as150/host_29: no automatic host address left on net0 "
                                     "(.71-.99 used); give an explicit address"});
}

TEST_F(Validation, AutoRouterRangeExhausted) {
  // router0 already holds .254; 54 more fill .253-.200.
  for (int i = 1; i <= 55; ++i)
    as150().createRouter("router" + std::to_string(i)).joinNetwork("net0");
  EXPECT_EQ(renderErrors(emu), Lines{"as150/router55: no automatic router address left on net0 "
                                     "(.254-.200 used); give an explicit address"});
}

TEST_F(Validation, InterfaceNameOver15Characters) {
  as150().createNetwork("backbone_network");
  as150().getRouter("router0").joinNetwork("backbone_network");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as150/backbone_network: interface name 'backbone_network' is 16 characters; "
                  "Linux allows at most 15 (use a shorter network name)"});
}

TEST_F(Validation, PeeringAnAsWithNoRouterOnThatExchange) {
  base.createInternetExchange(101);
  addMember(2, "ix101");
  ebgp.addPrivatePeering(101, 2, 150, PeerRelationship::Provider);
  EXPECT_EQ(renderErrors(emu), Lines{"ix101 peering as2-as150: as150 has no router on ix101; join "
                                     "one of its routers to ix101 first"});
}

TEST_F(Validation, RouteServerPeerWithNoRouterOnThatExchange) {
  base.createInternetExchange(101);
  ebgp.addRsPeer(101, 150);
  EXPECT_EQ(renderErrors(emu), Lines{"ix101 route server peering with as150: as150 has no router "
                                     "on ix101; join one of its routers to ix101 first"});
}

TEST_F(Validation, PeeringAnUnknownAsOrExchange) {
  addMember(2);
  ebgp.addPrivatePeering(100, 2, 99, PeerRelationship::Provider);
  ebgp.addPrivatePeering(102, 2, 150, PeerRelationship::Provider);
  EXPECT_EQ(renderErrors(emu),
            (Lines{"ix100 peering as2-as99: unknown AS '99' (known: 2, 150)",
                   "ix102 peering as2-as150: unknown exchange 'ix102' (known: ix100); did you "
                   "mean 'ix100'?"}));
}

TEST_F(Validation, PeeringAnAsWithItself) {
  ebgp.addPrivatePeering(100, 150, 150, PeerRelationship::Peer);
  EXPECT_EQ(renderErrors(emu), Lines{"ix100 peering as150-as150: an AS cannot peer with itself"});
}

TEST_F(Validation, TwoRoutersOfOneAsOnOneExchangePeerThroughTheFirst) {
  // As SEED: the first router of the AS (in creation order) on the exchange holds the AS's
  // sessions there; the other is a border router on the exchange without them.
  addMember(2).createRouter("r2").joinNetwork("net0").joinNetwork("ix100", "10.100.0.20");
  as150().createRouter("router1").joinNetwork("net0").joinNetwork("ix100", "10.100.0.151");
  ebgp.addRsPeer(100, 2);
  ebgp.addPrivatePeering(100, 2, 150, PeerRelationship::Provider);
  plan::Plan plan = emu.render();
  auto sessions = [&](const std::string& id) {
    std::vector<std::string> out;
    for (const auto& s : plan.findNode(id)->bird->sessions)
      if (s.kind != plan::SessionKind::Ibgp) out.push_back(s.name + " " + s.local_address.str());
    return out;
  };
  EXPECT_EQ(sessions("as2/r"), (Lines{"p_rs100 10.100.0.2", "c_as150 10.100.0.2"}));
  EXPECT_EQ(sessions("as2/r2"), Lines{});
  EXPECT_EQ(sessions("as150/router0"), Lines{"u_as2 10.100.0.150"});
  EXPECT_EQ(sessions("as150/router1"), Lines{});
  EXPECT_EQ(plan.findNode("as2/r2")->role, plan::Role::BorderRouter);
  EXPECT_EQ(plan.findNode("as150/router1")->role, plan::Role::BorderRouter);
  EXPECT_EQ(plan.findNode("as2/r2")->bird->ospf->stub_interfaces, (Lines{"dummy0", "ix100"}));
}

TEST_F(Validation, TheSamePeeringTwice) {
  addMember(2);
  ebgp.addPrivatePeering(100, 2, 150, PeerRelationship::Provider);
  ebgp.addPrivatePeering(100, 2, 150, PeerRelationship::Provider);
  EXPECT_EQ(renderErrors(emu), Lines{"ix100 peering as2-as150: as2 and as150 are already peered "
                                     "at ix100 (Provider)"});
}

TEST_F(Validation, TheSamePairPeeredTwiceInEitherOrder) {
  addMember(2);
  ebgp.addPrivatePeering(100, 2, 150, PeerRelationship::Provider);
  ebgp.addPrivatePeering(100, 150, 2, PeerRelationship::Peer);
  EXPECT_EQ(renderErrors(emu), Lines{"ix100 peering as150-as2: as150 and as2 are already peered "
                                     "at ix100 (Provider)"});
}

TEST_F(Validation, TheSameRouteServerPeerTwice) {
  ebgp.addRsPeers(100, {150, 150});
  EXPECT_EQ(renderErrors(emu), Lines{"ix100 route server peering with as150: as150 is listed "
                                     "twice as a route server peer of ix100"});
}

TEST_F(Validation, HostOnNoNetwork) {
  as150().createHost("host_1");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as150/host_1: host joins no network; a host joins exactly one"});
}

TEST_F(Validation, HostOnTwoNetworks) {
  as150().createNetwork("net1");
  as150().getRouter("router0").joinNetwork("net1");
  as150().createHost("host_1").joinNetwork("net0").joinNetwork("net1");
  EXPECT_EQ(renderErrors(emu), Lines{"as150/host_1: host joins 2 networks (net0, net1); a host "
                                     "joins exactly one"});
}

TEST_F(Validation, HostOnANetworkWithoutRouter) {
  as150().createNetwork("net1");
  as150().createHost("host_1").joinNetwork("net1");
  EXPECT_EQ(renderErrors(emu), Lines{"as150/host_1: network net1 has no router, so the host has "
                                     "no default route; join a router of as150 to net1"});
}

TEST_F(Validation, HostOnAnExchange) {
  as150().createHost("host_1").joinNetwork("ix100");
  EXPECT_EQ(renderErrors(emu), Lines{"as150/host_1: a host cannot join exchange ix100; only "
                                     "routers join exchanges"});
}

TEST_F(Validation, TwoSessionsWithOneNameOnOneRouter) {
  // One as2 router on two exchanges, peering as3 (one router on each) on both.
  base.createInternetExchange(101);
  AutonomousSystem& as2 = base.createAutonomousSystem(2);
  as2.createNetwork("net0");
  as2.createRouter("r1").joinNetwork("net0").joinNetwork("ix100").joinNetwork("ix101");
  AutonomousSystem& as3 = base.createAutonomousSystem(3);
  as3.createNetwork("net0");
  as3.createRouter("r100").joinNetwork("net0").joinNetwork("ix100");
  as3.createRouter("r101").joinNetwork("net0").joinNetwork("ix101");
  ebgp.addPrivatePeering(100, 2, 3, PeerRelationship::Provider);
  ebgp.addPrivatePeering(101, 2, 3, PeerRelationship::Provider);
  EXPECT_EQ(renderErrors(emu),
            Lines{"ix101 peering as2-as3: as2/r1 would have two BGP sessions named c_as3 (on "
                  "ix100 and ix101); a router can peer with an AS in one relationship at one "
                  "exchange or cross-connect only"});
}

TEST_F(Validation, EveryProblemOfARenderIsReported) {
  base.createInternetExchange(300);
  as150().createNetwork("backbone_network");
  as150().createHost("host_1").joinNetwork("net0", "10.151.0.5");
  as150().createHost("host_2").joinNetwork("net9");
  try {
    emu.render();
    FAIL() << "rendered";
  } catch (const ErrorList& list) {
    ASSERT_EQ(list.errors().size(), 4u);
    EXPECT_STREQ(list.what(),
                 "ix300: an automatic prefix (10.N.0.0/24) needs an exchange number up to 255; "
                 "give this exchange an explicit prefix\n"
                 "as150/backbone_network: interface name 'backbone_network' is 16 characters; "
                 "Linux allows at most 15 (use a shorter network name)\n"
                 "as150/host_2: unknown network 'net9' (known: backbone_network, ix100, ix300, "
                 "net0); did you mean 'net0'?\n"
                 "as150/host_1: address 10.151.0.5 is outside net0 (10.150.0.0/24)");
  }
}

TEST_F(Validation, ErrorsPointAtTheirDeclaration) {
  Node& host = as150().createHost("host_1");
  host.origin = {"demo.yaml", 12, 5};
  host.joinNetwork("net0", "10.151.0.5", {"demo.yaml", 13, 7});
  as150().createHost("host_2").origin = {"demo.yaml", 20, 5};
  EXPECT_EQ(renderErrors(emu),
            (Lines{"demo.yaml:13:7: as150/host_1: address 10.151.0.5 is outside net0 "
                   "(10.150.0.0/24)",
                   "demo.yaml:20:5: as150/host_2: host joins no network; a host joins exactly "
                   "one"}));
  // Routing's problems point at the node too.
  Emulator second;
  Base world;
  world.createAutonomousSystem(150).createHost("h").origin = {"demo.yaml", 3, 5};
  second.addLayer(world);
  second.addLayer(Routing());
  EXPECT_EQ(renderErrors(second),
            Lines{"demo.yaml:3:5: as150/h: host joins no network; a host joins exactly one"});
}

TEST_F(Validation, PrefixesThatCoverReservedSpace) {
  as150().createNetwork("net1", "0.0.0.0/0");
  as150().createNetwork("net2", "127.0.0.0/24");
  base.createInternetExchange(101, "224.1.0.0/24");
  base.createInternetExchange(102, "0.0.0.0/8");
  EXPECT_EQ(renderErrors(emu),
            (Lines{"ix101: prefix 224.1.0.0/24 overlaps 224.0.0.0/3, multicast and reserved "
                   "addresses; give a prefix of private space such as 10.150.0.0/24",
                   "ix102: prefix 0.0.0.0/8 overlaps 0.0.0.0/8, 'this network', never a source or "
                   "destination; give a prefix of private space such as 10.150.0.0/24",
                   "as150/net1: prefix 0.0.0.0/0 covers every address (it is the default route); "
                   "give a prefix of private space such as 10.150.0.0/24",
                   "as150/net2: prefix 127.0.0.0/24 overlaps 127.0.0.0/8, the loopback range; "
                   "give a prefix of private space such as 10.150.0.0/24"}));
}

TEST_F(Validation, ANodeOnANetworkInErrorIsNotReportedAgain) {
  as150().createNetwork("net1", "0.0.0.0/0");
  as150().createHost("host_1").joinNetwork("net1");
  // The host has no interface left, but its problem is the network's.
  EXPECT_EQ(renderErrors(emu),
            Lines{"as150/net1: prefix 0.0.0.0/0 covers every address (it is the default route); "
                  "give a prefix of private space such as 10.150.0.0/24"});
}

TEST_F(Validation, NetworkNamesOfDevicesAndExchanges) {
  auto fix = std::string("; choose another name, such as net0");
  EXPECT_EQ(errorsOf([&] { as150().createNetwork("lo"); }),
            Lines{"as150/lo: network name 'lo' is the loopback device of every node" + fix});
  EXPECT_EQ(errorsOf([&] { as150().createNetwork("dummy0"); }),
            Lines{"as150/dummy0: network name 'dummy0' is the device that holds a router's "
                  "loopback address" +
                  fix});
  EXPECT_EQ(errorsOf([&] { as150().createNetwork("sit0"); }),
            Lines{"as150/sit0: network name 'sit0' is a tunnel device Linux creates in every "
                  "network namespace" +
                  fix});
  EXPECT_EQ(errorsOf([&] { as150().createNetwork("eth0"); }),
            Lines{"as150/eth0: network name 'eth0' is a name Docker and SEED give container "
                  "interfaces" +
                  fix});
  EXPECT_EQ(errorsOf([&] { as150().createNetwork("ix100"); }),
            Lines{"as150/ix100: network name 'ix100' is how nodes join exchange ix100; exchange "
                  "names (ix<N>) are reserved" +
                  fix});
  EXPECT_EQ(errorsOf([&] { as150().createNetwork("ix7"); }),
            Lines{"as150/ix7: network name 'ix7' is how nodes join exchange ix7; exchange "
                  "names (ix<N>) are reserved" +
                  fix});
  EXPECT_EQ(errorsOf([&] { as150().createNetwork("xc0"); }),
            Lines{"as150/xc0: network name 'xc0' is the interface name of cross-connect xc0; "
                  "cross-connect names (xc<N>) are reserved" +
                  fix});
  // Names that only start like them are fine.
  for (const char* name :
       {"ix", "ixp", "ix1a", "eth", "ethernet", "lo0", "dummy", "net_lo", "xc", "xc1a", "xcnet"})
    EXPECT_EQ(errorsOf([&] { as150().createNetwork(name); }), Lines{}) << name;
}

TEST_F(Validation, DotNamesAreRefusedEverywhere) {
  for (const char* name : {".", ".."}) {
    std::string id = std::string("as150/") + name;
    std::string why = id + ": name '" + name + "' is reserved";
    EXPECT_EQ(errorsOf([&] { as150().createNetwork(name); }), Lines{why});
    EXPECT_EQ(errorsOf([&] { as150().createHost(name); }), Lines{why});
    EXPECT_EQ(errorsOf([&] { as150().createRouter(name); }), Lines{why});
  }
}

TEST_F(Validation, AnAddressEqualToARouterLoopback) {
  as150().createNetwork("net1", "10.0.0.0/24");
  as150().getRouter("router0").joinNetwork("net1");
  as150().createHost("host_1").joinNetwork("net1", "10.0.0.1");
  EXPECT_EQ(renderErrors(emu),
            Lines{"as150/host_1: address 10.0.0.1 on net1 is the loopback address of "
                  "as150/router0 (routers get 10.0.0.0/16 addresses in creation order); give "
                  "another address"});
}

TEST_F(Validation, ProblemsOfEveryLayerComeInOneRender) {
  // Base: a router on no network; Routing: a host on no network; Ebgp: an unknown AS.
  as150().createRouter("router1");
  as150().createHost("host_1");
  ebgp.addPrivatePeering(100, 150, 99, PeerRelationship::Provider);
  EXPECT_EQ(renderErrors(emu),
            (Lines{"as150/router1: router joins no network",
                   "as150/host_1: host joins no network; a host joins exactly one",
                   "ix100 peering as150-as99: unknown AS '99' (known: 150)"}));
}

TEST_F(Validation, ConsequencesOfAProblemAreNotReported) {
  // as2's only router has a bad address on both its networks: the peering that needs it is not
  // reported as "no router on ix100", nor host h as having no router.
  AutonomousSystem& as2 = base.createAutonomousSystem(2);
  as2.createNetwork("net0");
  as2.createRouter("r").joinNetwork("net0", "10.9.9.9").joinNetwork("ix100", "10.100.0.300");
  as2.createHost("h").joinNetwork("net0");
  ebgp.addPrivatePeering(100, 2, 150, PeerRelationship::Provider);
  EXPECT_EQ(renderErrors(emu),
            (Lines{"as2/r: address '10.100.0.300' on ix100 is not an IPv4 address (or \"auto\")",
                   "as2/r: address 10.9.9.9 is outside net0 (10.2.0.0/24)"}));
}

TEST(EmulatorLayers, MissingDependencyNamesTheAddedLayers) {
  Emulator emu;
  emu.addLayer(Base());
  emu.addLayer(Ebgp());
  EXPECT_EQ(renderErrors(emu), Lines{"emulator: layer Ebgp needs layer Routing, which was not "
                                     "added (added: Base, Ebgp)"});
}

TEST(EmulatorLayers, LayerAddedTwice) {
  Emulator emu;
  emu.addLayer(Base());
  EXPECT_EQ(errorsOf([&] { emu.addLayer(Base()); }), Lines{"emulator: layer Base was added twice"});
}

TEST(EmulatorLayers, UnknownLayerLookup) {
  Emulator emu;
  emu.addLayer(Base());
  emu.addLayer(Routing());
  EXPECT_EQ(errorsOf([&] { emu.getLayer("Routnig"); }),
            Lines{"emulator: unknown layer 'Routnig' (known: Base, Routing); did you mean "
                  "'Routing'?"});
}

}  // namespace
}  // namespace asemu
