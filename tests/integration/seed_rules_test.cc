// SEED's routing rules, shown on running emulations of its own examples.
#include <gtest/gtest.h>

#include <unistd.h>

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/makers.h"
#include "live_emulation.h"
#include "seed_basic_models.h"

namespace asemu::runtime::testing {
namespace {

// Runs `command` in `node` until it succeeds, for at most `tries` half-second rounds.
bool eventually(LiveEmulation& emu, const std::string& node, const std::string& command,
                int tries = 40) {
  for (int i = 0; i < tries; ++i) {
    if (emu.sh(node, command) == 0) return true;
    usleep(500000);
  }
  return false;
}

// SEED's transit AS, plus AS-160 peering with the transit AS-2 at ix101. AS-2's net1
// (10.2.1.0/24) links only its internal routers r2 and r3, which have no eBGP: they pass it into
// iBGP without LOCAL_COMM, so AS-2 exports it to customers (AS-151) but not to its peer.
TEST(SeedRules, NetworkOfInternalRoutersReachesCustomersButNotPeers) {
  Emulator model;
  examples::buildTransitAs(model);
  makeStubAsWithHosts(model.getLayer<Base>(), 160, 101, 1);
  model.getLayer<Ebgp>().addPrivatePeering(101, 2, 160, PeerRelationship::Peer);

  LiveEmulation emu;
  emu.up(model.render("seed-rules"));
  // Converged: the peer reaches AS-2's customer, and the customer reaches the peer.
  ASSERT_TRUE(eventually(emu, "as160/host_0", "ping -c1 -W1 10.151.0.71 >/dev/null"));
  ASSERT_TRUE(eventually(emu, "as151/host0", "ping -c1 -W1 10.160.0.71 >/dev/null"));

  // The customer reaches r2 on net1.
  EXPECT_TRUE(eventually(emu, "as151/host0", "ping -c1 -W1 10.2.1.254 >/dev/null"));
  // The peer reaches r4's own network (tagged LOCAL_COMM by a router with eBGP) ...
  EXPECT_TRUE(eventually(emu, "as160/host_0", "ping -c1 -W1 10.2.2.253 >/dev/null"));
  // ... but has no route to net1, so r2 is out of its reach.
  EXPECT_NE(emu.bird("as160/router0", "show route for 10.2.1.254").find("not found"),
            std::string::npos)
      << emu.bird("as160/router0", "show route for 10.2.1.254");
  EXPECT_NE(emu.sh("as160/host_0", "ping -c2 -W1 10.2.1.254 >/dev/null"), 0);
  emu.down();
}

// SEED's simple AS: routing layers only. Three stubs reach each other through the route server
// alone, with no OSPF running anywhere.
TEST(SeedRules, SimpleAsRoutesThroughTheRouteServerWithoutOspf) {
  Emulator model;
  examples::buildSimpleAs(model);
  LiveEmulation emu;
  emu.up(model.render("simple-as"));
  EXPECT_TRUE(eventually(emu, "as150/web", "ping -c1 -W1 10.152.0.71 >/dev/null"));
  EXPECT_TRUE(eventually(emu, "as152/web", "ping -c1 -W1 10.151.0.71 >/dev/null"));
  EXPECT_EQ(emu.bird("as150/router0", "show protocols").find("OSPF"), std::string::npos);
  EXPECT_NE(emu.bird("ix/ix100", "show protocols").find("p_as151"), std::string::npos);
  emu.down();
}

// SEED's nano Internet: a node is reached by its SEED container name, display name included.
TEST(SeedRules, NanoInternetNodesAnswerToTheirContainerNames) {
  Emulator model;
  examples::buildNanoInternet(model);
  LiveEmulation emu;
  emu.up(model.render("nano-internet"));
  EXPECT_EQ(emu.node("as151h-Web-1-10.151.0.71").id, "as151/host0");
  EXPECT_TRUE(eventually(emu, "as151h-Web-1-10.151.0.71", "ping -c1 -W1 10.152.0.71 >/dev/null"));
  EXPECT_TRUE(eventually(emu, "as152h-Web-2-10.152.0.71", "ping -c1 -W1 10.153.0.72 >/dev/null"));
  emu.down();
}

}  // namespace
}  // namespace asemu::runtime::testing
