#include "ip_anycast_model.h"

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"

namespace asemu::examples {

void addAnycastAs(Emulator& emu) {
  Base& base = emu.getLayer<Base>();
  Ebgp& ebgp = emu.getLayer<Ebgp>();

  // AS-180 with two networks of the same prefix, and one host on each with the same address
  AutonomousSystem& as180 = base.createAutonomousSystem(180);
  as180.createNetwork("net0", "10.180.0.0/24");
  as180.createNetwork("net1", "10.180.0.0/24");
  as180.createHost("host-0").joinNetwork("net0", "10.180.0.100");
  as180.createHost("host-1").joinNetwork("net1", "10.180.0.100");

  // One part of the AS connects at ix100, the other at ix105
  as180.createRouter("router0").joinNetwork("net0").joinNetwork("ix100");
  ebgp.addPrivatePeerings(100, {3, 4}, {180}, PeerRelationship::Provider);

  as180.createRouter("router1").joinNetwork("net1").joinNetwork("ix105");
  ebgp.addPrivatePeerings(105, {2, 3}, {180}, PeerRelationship::Provider);
}

}  // namespace asemu::examples
