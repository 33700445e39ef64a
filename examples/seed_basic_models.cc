#include "seed_basic_models.h"

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/makers.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"

namespace asemu::examples {
namespace {

// A stub AS of one network, one router on `exchange` and the named hosts.
AutonomousSystem& stubAs(Base& base, int asn, int exchange, const std::vector<std::string>& hosts) {
  AutonomousSystem& as = base.createAutonomousSystem(asn);
  as.createNetwork("net0");
  as.createRouter("router0").joinNetwork("net0").joinNetwork("ix" + std::to_string(exchange));
  for (const auto& name : hosts) as.createHost(name).joinNetwork("net0");
  return as;
}

// Four routers in a line: ix{west} - r1 - net0 - r2 - net1 - r3 - net2 - r4 - ix{east}.
// r1 and r4 are border routers; r2 and r3 only run OSPF and iBGP.
void lineTransitAs(Base& base, int asn, int west, int east) {
  AutonomousSystem& as = base.createAutonomousSystem(asn);
  as.createNetwork("net0");
  as.createNetwork("net1");
  as.createNetwork("net2");
  as.createRouter("r1").joinNetwork("net0").joinNetwork("ix" + std::to_string(west));
  as.createRouter("r2").joinNetwork("net0").joinNetwork("net1");
  as.createRouter("r3").joinNetwork("net1").joinNetwork("net2");
  as.createRouter("r4").joinNetwork("net2").joinNetwork("ix" + std::to_string(east));
}

}  // namespace

void buildSimpleAs(Emulator& emu) {
  Base base;
  Routing routing;
  Ebgp ebgp;

  base.createInternetExchange(100);

  // Three stub ASes, each with a router on ix100 and a host `web`
  for (int asn : {150, 151, 152}) stubAs(base, asn, 100, {"web"});

  // Each peers with the route server of ix100
  ebgp.addRsPeers(100, {150, 151, 152});

  // Only the routing layers: no OSPF and no iBGP
  emu.addLayer(base);
  emu.addLayer(routing);
  emu.addLayer(ebgp);
}

void buildTransitAs(Emulator& emu) {
  Base base;
  Ebgp ebgp;

  base.createInternetExchange(100);
  base.createInternetExchange(101);

  // AS-2, the transit provider
  lineTransitAs(base, 2, 100, 101);

  // Its customers: AS-151 at ix100, AS-152 and AS-153 at ix101
  stubAs(base, 151, 100, {"host0"});
  stubAs(base, 152, 101, {"host0"});
  stubAs(base, 153, 101, {"host0"});

  ebgp.addPrivatePeering(100, 2, 151, PeerRelationship::Provider);
  ebgp.addPrivatePeering(101, 2, 152, PeerRelationship::Provider);
  ebgp.addPrivatePeering(101, 2, 153, PeerRelationship::Provider);
  // AS-152 and AS-153 peer as equals
  ebgp.addPrivatePeering(101, 152, 153, PeerRelationship::Peer);

  emu.addLayer(base);
  emu.addLayer(Routing());
  emu.addLayer(ebgp);
  emu.addLayer(Ibgp());
  emu.addLayer(Ospf());
}

void buildNanoInternet(Emulator& emu) {
  Base base;
  Ebgp ebgp;

  base.createInternetExchange(100).setDisplayName("New York-100");
  base.createInternetExchange(101).setDisplayName("Chicago-101");

  // AS-3, the transit provider
  lineTransitAs(base, 3, 100, 101);

  // AS-151: the web host (display name Web-1) and a host at a chosen address
  AutonomousSystem& as151 = stubAs(base, 151, 100, {"host0"});
  as151.getHost("host0").setDisplayName("Web-1");
  as151.createHost("host1").joinNetwork("net0", "10.151.0.80");

  // AS-152: the second web host (Web-2) and two more hosts
  AutonomousSystem& as152 = stubAs(base, 152, 101, {"host0", "host1", "host2"});
  as152.getHost("host0").setDisplayName("Web-2");

  // AS-153 from the maker: host_0 and host_1
  makeStubAsWithHosts(base, 153, 101, 2);

  ebgp.addPrivatePeering(100, 3, 151, PeerRelationship::Provider);
  ebgp.addPrivatePeerings(101, {3}, {152, 153}, PeerRelationship::Provider);
  ebgp.addPrivatePeering(101, 152, 153, PeerRelationship::Peer);

  emu.addLayer(base);
  emu.addLayer(ebgp);
  emu.addLayer(Routing());
  emu.addLayer(Ibgp());
  emu.addLayer(Ospf());
}

}  // namespace asemu::examples
