#include "small_topologies.h"

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"

namespace asemu::testing {
namespace {

Emulator withAllLayers(const Base& base, const Ebgp& ebgp) {
  Emulator emu;
  emu.addLayer(base);
  emu.addLayer(Routing());
  emu.addLayer(ebgp);
  emu.addLayer(Ibgp());
  emu.addLayer(Ospf());
  return emu;
}

}  // namespace

Emulator makeThreeAsTopology() {
  Base base;
  Ebgp ebgp;
  base.createInternetExchange(100);
  for (int asn : {2, 3, 4}) {
    AutonomousSystem& as = base.createAutonomousSystem(asn);
    as.createNetwork("net0");
    as.createRouter("r0").joinNetwork("net0").joinNetwork("ix100");
    as.createHost("h0").joinNetwork("net0");
  }
  base.createAutonomousSystem(5).createRouter("r0").joinNetwork("ix100");
  ebgp.addPrivatePeering(100, 2, 3, PeerRelationship::Unfiltered);
  ebgp.addPrivatePeering(100, 2, 4, PeerRelationship::Peer);
  ebgp.addPrivatePeering(100, 3, 4, PeerRelationship::Provider);
  ebgp.addPrivatePeering(100, 4, 5, PeerRelationship::Peer);
  return withAllLayers(base, ebgp);
}

Emulator makeIbgpTopology() {
  Base base;
  Ebgp ebgp;
  base.createInternetExchange(100);
  AutonomousSystem& as7 = base.createAutonomousSystem(7);
  as7.createNetwork("netA");
  as7.createNetwork("netB");
  as7.createRouter("a0").joinNetwork("netA").joinNetwork("ix100");
  as7.createRouter("a1").joinNetwork("netA");
  as7.createRouter("b0").joinNetwork("netB").joinNetwork("ix100", "10.100.0.17");
  as7.createRouter("b1").joinNetwork("netB");
  AutonomousSystem& as8 = base.createAutonomousSystem(8);
  as8.createNetwork("netA");
  as8.createNetwork("netB");
  as8.createRouter("r0").joinNetwork("netA");
  as8.createRouter("r1").joinNetwork("netA").joinNetwork("netB");
  as8.createRouter("r2").joinNetwork("netB");
  return withAllLayers(base, ebgp);
}

Emulator makeCrossConnectTopology() {
  Base base;
  Ebgp ebgp;
  for (int asn : {2, 3, 4}) {
    AutonomousSystem& as = base.createAutonomousSystem(asn);
    as.createNetwork("net0");
    as.createRouter("r0").joinNetwork("net0");
    as.createHost("h0").joinNetwork("net0");
  }
  base.getAutonomousSystem(2).createRouter("r1").joinNetwork("net0").crossConnect(
      3, "r0", "10.50.0.1/30", 5);
  base.getAutonomousSystem(3)
      .getRouter("r0")
      .crossConnect(4, "r0", "10.50.0.9/30")
      .crossConnect(2, "r1", "10.50.0.2/30", 5);
  base.getAutonomousSystem(4).getRouter("r0").crossConnect(3, "r0", "10.50.0.10/30");
  ebgp.addCrossConnectPeering(2, 3, PeerRelationship::Provider);
  ebgp.addCrossConnectPeering(3, 4, PeerRelationship::Peer);
  return withAllLayers(base, ebgp);
}

}  // namespace asemu::testing
