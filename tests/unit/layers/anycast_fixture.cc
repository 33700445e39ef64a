#include "anycast_fixture.h"

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/makers.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"

namespace asemu::testing {

Emulator makeMiniInternet(int hostsPerStub) {
  Emulator emu;
  Base base;
  Routing routing;
  Ebgp ebgp;
  Ibgp ibgp;
  Ospf ospf;

  base.createInternetExchange(100).setDisplayName("NYC-100");
  base.createInternetExchange(101).setDisplayName("San Jose-101");
  base.createInternetExchange(102).setDisplayName("Chicago-102");
  base.createInternetExchange(103).setDisplayName("Miami-103");
  base.createInternetExchange(104).setDisplayName("Boston-104");
  base.createInternetExchange(105).setDisplayName("Huston-105");

  // Tier 1, then tier 2 transit ASes.
  makeTransitAs(base, 2, {100, 101, 102, 105}, {{100, 101}, {101, 102}, {100, 105}});
  makeTransitAs(base, 3, {100, 103, 104, 105}, {{100, 103}, {100, 105}, {103, 105}, {103, 104}});
  makeTransitAs(base, 4, {100, 102, 104}, {{100, 104}, {102, 104}});
  makeTransitAs(base, 11, {102, 105}, {{102, 105}});
  makeTransitAs(base, 12, {101, 104}, {{101, 104}});

  makeStubAsWithHosts(base, 150, 100, hostsPerStub);
  makeStubAsWithHosts(base, 151, 100, hostsPerStub);
  makeStubAsWithHosts(base, 152, 101, hostsPerStub);
  makeStubAsWithHosts(base, 153, 101, hostsPerStub);
  makeStubAsWithHosts(base, 154, 102, hostsPerStub);
  makeStubAsWithHosts(base, 160, 103, hostsPerStub);
  makeStubAsWithHosts(base, 161, 103, hostsPerStub);
  makeStubAsWithHosts(base, 162, 103, hostsPerStub);
  makeStubAsWithHosts(base, 163, 104, hostsPerStub);
  makeStubAsWithHosts(base, 164, 104, hostsPerStub);
  makeStubAsWithHosts(base, 170, 105, hostsPerStub);
  makeStubAsWithHosts(base, 171, 105, hostsPerStub);

  base.getAutonomousSystem(154).createHost("host_new").joinNetwork("net0", "10.154.0.129");

  ebgp.addRsPeers(100, {2, 3, 4});
  ebgp.addRsPeers(102, {2, 4});
  ebgp.addRsPeers(104, {3, 4});
  ebgp.addRsPeers(105, {2, 3});

  ebgp.addPrivatePeerings(100, {2}, {150, 151}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(100, {3}, {150}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(101, {2}, {12}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(101, {12}, {152, 153}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(102, {2, 4}, {11, 154}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(102, {11}, {154}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(103, {3}, {160, 161, 162}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(104, {3, 4}, {12}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(104, {4}, {163}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(104, {12}, {164}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(105, {3}, {11, 170}, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(105, {11}, {171}, PeerRelationship::Provider);

  emu.addLayer(base);
  emu.addLayer(routing);
  emu.addLayer(ebgp);
  emu.addLayer(ibgp);
  emu.addLayer(ospf);
  return emu;
}

Emulator makeAnycastDemo() {
  Emulator emu = makeMiniInternet();
  Base& base = emu.getLayer<Base>();
  Ebgp& ebgp = emu.getLayer<Ebgp>();

  AutonomousSystem& as180 = base.createAutonomousSystem(180);
  as180.createNetwork("net0", "10.180.0.0/24");
  as180.createNetwork("net1", "10.180.0.0/24");
  as180.createHost("host-0").joinNetwork("net0", "10.180.0.100");
  as180.createHost("host-1").joinNetwork("net1", "10.180.0.100");

  as180.createRouter("router0").joinNetwork("net0").joinNetwork("ix100");
  ebgp.addPrivatePeerings(100, {3, 4}, {180}, PeerRelationship::Provider);
  as180.createRouter("router1").joinNetwork("net1").joinNetwork("ix105");
  ebgp.addPrivatePeerings(105, {2, 3}, {180}, PeerRelationship::Provider);
  return emu;
}

const plan::Plan& anycastPlan() {
  static const plan::Plan plan = makeAnycastDemo().render("ip-anycast");
  return plan;
}

}  // namespace asemu::testing
