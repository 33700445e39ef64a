// A saved emulation loads back to the same plan (SEED's "save as component, load and extend").
#include <gtest/gtest.h>

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"
#include "mini_internet_model.h"
#include "small_topologies.h"
#include "test_files.h"

namespace asemu::topo {
namespace {

using testing::ScratchDir;
using testing::thrownText;

Emulator reloaded(const Emulator& emu) {
  Emulator again;
  loadString(again, dumpString(emu), "saved.yaml");
  return again;
}

// Saving `emu` writes each of `written`, and what is saved loads back to the same plan and
// saves as the same text.
void expectRoundTrip(const Emulator& emu, const std::vector<std::string>& written) {
  const std::string text = dumpString(emu);
  for (const auto& w : written) EXPECT_NE(text.find(w), std::string::npos) << w << " in\n" << text;
  Emulator again = reloaded(emu);
  EXPECT_EQ(plan::toJson(again.render()), plan::toJson(emu.render()));
  EXPECT_EQ(dumpString(again), text);
}

TEST(TopologyDump, ExamplesRoundTripToTheSamePlan) {
  for (const auto& name : exampleNames()) {
    SCOPED_TRACE(name);
    Emulator emu = example(name);
    Emulator again = reloaded(emu);
    EXPECT_EQ(plan::toJson(again.render(name)), plan::toJson(emu.render(name)));
    // Saving what was loaded from a save gives the same text.
    EXPECT_EQ(dumpString(again), dumpString(emu));
  }
}

TEST(TopologyDump, CrossConnectsRoundTrip) {
  expectRoundTrip(asemu::testing::makeCrossConnectTopology(),
                  {"cross_connects:", "cross_connect:"});
}

TEST(TopologyDump, AnnouncementsRoundTrip) {
  Emulator emu = asemu::testing::makeThreeAsTopology();
  emu.getLayer<Base>()
      .getAutonomousSystem(4)
      .getRouter("r0")
      .announce("10.153.0.0/25")
      .announce("10.153.0.128/25");
  expectRoundTrip(emu, {"announce: [10.153.0.0/25, 10.153.0.128/25]"});
}

TEST(TopologyDump, BgpTimersAndBfdRoundTrip) {
  Emulator emu = asemu::testing::makeThreeAsTopology();
  EXPECT_EQ(dumpString(emu).find("bgp_timers"), std::string::npos);
  emu.getLayer<Ebgp>().setBgpTimers(plan::BgpTimers::Fast).enableBfd();
  expectRoundTrip(emu, {"bgp_timers: fast\nbfd: true\n"});
}

TEST(TopologyDump, ApiBuiltEmulationRoundTrips) {
  Emulator emu;
  examples::buildMiniInternet(emu, 3);
  EXPECT_EQ(plan::toJson(reloaded(emu).render()), plan::toJson(emu.render()));
}

TEST(TopologyDump, KeepsEveryFieldAndQuotesWhatNeedsIt) {
  Emulator emu;
  Base base;
  Ebgp ebgp;
  base.createInternetExchange(7, "10.77.0.0/24", "a \"quoted\": name # with 'marks' & {braces}")
      .setRouteServerAddress("10.77.0.200")
      .setDefaultLinkProperties(12, 5000000, 0.25);
  base.createInternetExchange(8).setDisplayName("yes");
  base.createInternetExchange(9).setDisplayName("123");
  AutonomousSystem& as = base.createAutonomousSystem(70);
  as.createNetwork("null", "10.70.1.0/24").setDisplayName("Zürich # 1").setDefaultLinkProperties(3);
  as.createNetwork("1.5");
  as.createHost("h").setDisplayName("Web: #1").joinNetwork("null", "10.70.1.9").joinNetwork("1.5");
  as.createRouter("r").joinNetwork("1.5").joinNetwork("ix7");
  ebgp.addPrivatePeering(7, 70, 71, PeerRelationship::Unfiltered);
  ebgp.addPrivatePeering(7, 70, 72, PeerRelationship::Unfiltered);
  ebgp.addPrivatePeering(7, 71, 72);
  ebgp.addRsPeers(7, {70});
  emu.addLayer(base);
  emu.addLayer(ebgp);

  Emulator again = reloaded(emu);
  const Base& b = again.getLayer<Base>();
  ASSERT_EQ(b.internetExchanges().size(), 3u);
  const InternetExchange& ix = b.internetExchanges()[0];
  EXPECT_EQ(ix.prefix(), "10.77.0.0/24");
  EXPECT_EQ(ix.displayName(), "a \"quoted\": name # with 'marks' & {braces}");
  EXPECT_EQ(ix.routeServerAddress(), "10.77.0.200");
  EXPECT_EQ(ix.linkProperties(), (LinkProperties{12, 5000000, 0.25}));
  EXPECT_EQ(b.internetExchanges()[1].displayName(), "yes");
  EXPECT_EQ(b.internetExchanges()[2].displayName(), "123");
  const AutonomousSystem& as2 = b.autonomousSystems().at(0);
  EXPECT_EQ(as2.networks().at(0).name(), "null");
  EXPECT_EQ(as2.networks()[0].displayName(), "Zürich # 1");
  EXPECT_EQ(as2.networks()[0].linkProperties(), (LinkProperties{3, 0, 0}));
  EXPECT_EQ(as2.networks().at(1).name(), "1.5");
  EXPECT_EQ(as2.networks()[1].prefix(), "auto");
  ASSERT_EQ(as2.hosts().at(0).joins().size(), 2u);
  EXPECT_EQ(as2.hosts()[0].joins()[0].address, "10.70.1.9");
  EXPECT_EQ(as2.hosts()[0].displayName(), "Web: #1");
  EXPECT_EQ(as2.routers().at(0).displayName(), "");
  EXPECT_EQ(as2.hosts()[0].joins()[1].network, "1.5");
  EXPECT_EQ(as2.routers().at(0).joins()[1].network, "ix7");

  const Ebgp& e = again.getLayer<Ebgp>();
  ASSERT_EQ(e.privatePeerings().size(), 3u);
  EXPECT_EQ(e.privatePeerings()[1].b, 72);
  EXPECT_EQ(e.privatePeerings()[1].relationship, PeerRelationship::Unfiltered);
  EXPECT_EQ(e.privatePeerings()[2].a, 71);
  EXPECT_EQ(e.privatePeerings()[2].relationship, PeerRelationship::Peer);
  ASSERT_EQ(e.rsPeerings().size(), 1u);
  EXPECT_EQ(e.rsPeerings()[0].asn, 70);
  EXPECT_EQ(dumpString(again), dumpString(emu));
}

TEST(TopologyDump, WritesTheNameWhenGiven) {
  Emulator emu;
  EXPECT_EQ(dumpString(emu, "my-net"),
            "# asemu topology (docs/topology-format.md)\nname: my-net\n");
  std::string name;
  Emulator again;
  loadString(again, dumpString(emu, "my-net"), "x.yaml", &name);
  EXPECT_EQ(name, "my-net");
}

TEST(TopologyDump, ComponentFileCanBeLoadedAndExtended) {
  ScratchDir dir;
  Emulator emu;
  examples::buildMiniInternet(emu);
  dumpFile(emu, dir.path("component.yaml"));
  std::string top = dir.write("top.yaml", "include: component.yaml\nases: [{asn: 180}]\n");
  Emulator extended;
  loadFile(extended, top);
  EXPECT_EQ(extended.getLayer<Base>().autonomousSystems().back().asn(), 180);
  EXPECT_EQ(extended.getLayer<Base>().autonomousSystems().size(), 18u);
}

TEST(TopologyDump, UnwritableFile) {
  EXPECT_EQ(thrownText([] { dumpFile(Emulator(), "/nonexistent/dir/x.yaml"); }),
            "/nonexistent/dir/x.yaml: cannot open its directory: No such file or directory");
}

}  // namespace
}  // namespace asemu::topo
