#include "mini_internet_model.h"

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/makers.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"

namespace asemu::examples {

void buildMiniInternet(Emulator& emu, int hostsTotalPerAs) {
  Base base;
  Routing routing;
  Ebgp ebgp;
  Ibgp ibgp;
  Ospf ospf;

  // Internet exchanges
  InternetExchange& ix100 = base.createInternetExchange(100);
  InternetExchange& ix101 = base.createInternetExchange(101);
  InternetExchange& ix102 = base.createInternetExchange(102);
  InternetExchange& ix103 = base.createInternetExchange(103);
  InternetExchange& ix104 = base.createInternetExchange(104);
  InternetExchange& ix105 = base.createInternetExchange(105);

  // Display names
  ix100.setDisplayName("NYC-100");
  ix101.setDisplayName("San Jose-101");
  ix102.setDisplayName("Chicago-102");
  ix103.setDisplayName("Miami-103");
  ix104.setDisplayName("Boston-104");
  ix105.setDisplayName("Huston-105");

  // Transit ASes: tier 1
  makeTransitAs(base, 2, {100, 101, 102, 105}, {{100, 101}, {101, 102}, {100, 105}});
  makeTransitAs(base, 3, {100, 103, 104, 105}, {{100, 103}, {100, 105}, {103, 105}, {103, 104}});
  makeTransitAs(base, 4, {100, 102, 104}, {{100, 104}, {102, 104}});

  // Transit ASes: tier 2
  makeTransitAs(base, 11, {102, 105}, {{102, 105}});
  makeTransitAs(base, 12, {101, 104}, {{101, 104}});

  // Single-homed stub ASes
  makeStubAsWithHosts(base, 150, 100, hostsTotalPerAs);
  makeStubAsWithHosts(base, 151, 100, hostsTotalPerAs);

  makeStubAsWithHosts(base, 152, 101, hostsTotalPerAs);
  makeStubAsWithHosts(base, 153, 101, hostsTotalPerAs);

  makeStubAsWithHosts(base, 154, 102, hostsTotalPerAs);

  makeStubAsWithHosts(base, 160, 103, hostsTotalPerAs);
  makeStubAsWithHosts(base, 161, 103, hostsTotalPerAs);
  makeStubAsWithHosts(base, 162, 103, hostsTotalPerAs);

  makeStubAsWithHosts(base, 163, 104, hostsTotalPerAs);
  makeStubAsWithHosts(base, 164, 104, hostsTotalPerAs);

  makeStubAsWithHosts(base, 170, 105, hostsTotalPerAs);
  makeStubAsWithHosts(base, 171, 105, hostsTotalPerAs);

  // A host with an address chosen by hand
  AutonomousSystem& as154 = base.getAutonomousSystem(154);
  as154.createHost("host_new").joinNetwork("net0", "10.154.0.129");

  // Peering through the route servers
  ebgp.addRsPeers(100, {2, 3, 4});
  ebgp.addRsPeers(102, {2, 4});
  ebgp.addRsPeers(104, {3, 4});
  ebgp.addRsPeers(105, {2, 3});

  // Private peerings
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

  // Layers
  emu.addLayer(base);
  emu.addLayer(routing);
  emu.addLayer(ebgp);
  emu.addLayer(ibgp);
  emu.addLayer(ospf);
}

}  // namespace asemu::examples
