#include <gtest/gtest.h>

#include "asemu/core/names.h"
#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"
#include "small_topologies.h"
#include "test_files.h"

namespace asemu::topo {
namespace {

Emulator loaded(const std::string& yaml, std::string* name = nullptr) {
  Emulator emu;
  loadString(emu, yaml, "t.yaml", name);
  return emu;
}

TEST(TopologyLoad, AddsTheStandardLayersEvenForAnEmptyFile) {
  Emulator emu = loaded("");
  EXPECT_EQ(emu.layerNames(),
            (std::vector<std::string>{"Base", "Routing", "Ebgp", "Ospf", "Ibgp"}));
  EXPECT_TRUE(emu.getLayer<Base>().autonomousSystems().empty());
}

TEST(TopologyLoad, KeepsLayersThatAreAlreadyThere) {
  Emulator emu;
  Base base;
  base.createAutonomousSystem(7);
  emu.addLayer(base);
  loadString(emu, "ases: [{asn: 8}]", "t.yaml");
  ASSERT_EQ(emu.getLayer<Base>().autonomousSystems().size(), 2u);
  EXPECT_EQ(emu.getLayer<Base>().autonomousSystems()[0].asn(), 7);
  EXPECT_EQ(emu.getLayer<Base>().autonomousSystems()[1].asn(), 8);
  EXPECT_EQ(emu.layerNames().size(), 5u);
}

TEST(TopologyLoad, ReadsExchangesWithEveryField) {
  Emulator emu = loaded(R"(
exchanges:
  - id: 100
  - id: 300
    prefix: 10.200.0.0/24
    display_name: "Big: Exchange"
    route_server_address: 10.200.0.250
    link: {latency_ms: 5, bandwidth_bps: 1000000, loss_percent: 0.5}
)");
  const auto& ixes = emu.getLayer<Base>().internetExchanges();
  ASSERT_EQ(ixes.size(), 2u);
  EXPECT_EQ(ixes[0].id(), 100);
  EXPECT_EQ(ixes[0].prefix(), "auto");
  EXPECT_EQ(ixes[0].routeServerAddress(), "auto");
  EXPECT_TRUE(ixes[0].linkProperties().empty());
  EXPECT_EQ(ixes[1].prefix(), "10.200.0.0/24");
  EXPECT_EQ(ixes[1].displayName(), "Big: Exchange");
  EXPECT_EQ(ixes[1].routeServerAddress(), "10.200.0.250");
  EXPECT_EQ(ixes[1].linkProperties(), (LinkProperties{5, 1000000, 0.5}));
  EXPECT_EQ(ixes[1].origin.str(), "t.yaml:4:5");
}

TEST(TopologyLoad, ReadsPlainAutonomousSystems) {
  Emulator emu = loaded(R"(
ases:
  - asn: 180
    networks:
      - {name: net0, prefix: 10.180.0.0/24, display_name: left}
      - name: net1
        link: {latency_ms: 20}
    hosts:
      - {name: host-0, joins: [{network: net0, address: 10.180.0.100}]}
      - {name: host-1, joins: [net1]}
    routers:
      - {name: router0, joins: [net0, {network: ix100}, {network: net1, address: auto}]}
)");
  const AutonomousSystem& as = emu.getLayer<Base>().autonomousSystems().at(0);
  EXPECT_EQ(as.asn(), 180);
  EXPECT_EQ(as.origin.str(), "t.yaml:3:5");
  ASSERT_EQ(as.networks().size(), 2u);
  EXPECT_EQ(as.networks()[0].prefix(), "10.180.0.0/24");
  EXPECT_EQ(as.networks()[0].displayName(), "left");
  EXPECT_EQ(as.networks()[0].origin.str(), "t.yaml:5:9");
  EXPECT_EQ(as.networks()[1].prefix(), "auto");
  EXPECT_EQ(as.networks()[1].linkProperties(), (LinkProperties{20, 0, 0}));
  ASSERT_EQ(as.hosts().size(), 2u);
  EXPECT_EQ(as.hosts()[0].joins().at(0).address, "10.180.0.100");
  EXPECT_EQ(as.hosts()[1].joins().at(0).network, "net1");
  EXPECT_EQ(as.hosts()[1].joins().at(0).address, "auto");
  ASSERT_EQ(as.routers().size(), 1u);
  const Node& r = as.routers()[0];
  ASSERT_EQ(r.joins().size(), 3u);
  EXPECT_EQ(r.joins()[0].network, "net0");
  EXPECT_EQ(r.joins()[0].origin.str(), "t.yaml:12:33");
  EXPECT_EQ(r.joins()[1].network, "ix100");
  EXPECT_EQ(r.joins()[1].address, "auto");
  EXPECT_EQ(r.joins()[2].address, "auto");
  EXPECT_EQ(r.origin.str(), "t.yaml:12:9");
}

TEST(TopologyLoad, MakersBuildWhatTheCppMakersBuildAndAreLocated) {
  Emulator emu = loaded(R"(
ases:
  - asn: 2
    transit: {exchanges: [100, 101], internal_links: [[100, 101]]}
  - asn: 150
    stub: {exchange: 100, hosts: 3}
    hosts: [{name: extra, joins: [net0]}]
)");
  const auto& ases = emu.getLayer<Base>().autonomousSystems();
  ASSERT_EQ(ases.size(), 2u);
  const AutonomousSystem& transit = ases[0];
  ASSERT_EQ(transit.routers().size(), 2u);
  EXPECT_EQ(transit.routers()[0].name(), "r100");
  EXPECT_EQ(transit.routers()[1].name(), "r101");
  ASSERT_EQ(transit.networks().size(), 1u);
  EXPECT_EQ(transit.networks()[0].name(), "net_100_101");
  EXPECT_EQ(transit.routers()[0].origin.str(), "t.yaml:4:14");
  EXPECT_EQ(transit.networks()[0].origin.str(), "t.yaml:4:14");

  const AutonomousSystem& stub = ases[1];
  std::vector<std::string> hosts;
  for (const auto& h : stub.hosts()) hosts.push_back(h.name());
  EXPECT_EQ(hosts, (std::vector<std::string>{"host_0", "host_1", "host_2", "extra"}));
  EXPECT_EQ(stub.routers().at(0).joins().at(1).network, "ix100");
  EXPECT_EQ(stub.hosts()[0].origin.str(), "t.yaml:6:11");
  EXPECT_EQ(stub.hosts()[3].origin.str(), "t.yaml:7:13");
}

TEST(TopologyLoad, ExtendAddsToAnExistingAs) {
  Emulator emu = loaded(R"(
ases:
  - {asn: 154, stub: {exchange: 102, hosts: 1}}
  - asn: 154
    extend: true
    hosts: [{name: host_new, joins: [{network: net0, address: 10.154.0.129}]}]
)");
  const auto& ases = emu.getLayer<Base>().autonomousSystems();
  ASSERT_EQ(ases.size(), 1u);
  ASSERT_EQ(ases[0].hosts().size(), 2u);
  EXPECT_EQ(ases[0].hosts()[1].name(), "host_new");
}

TEST(TopologyLoad, PeeringsExpandInOrder) {
  Emulator emu = loaded(R"(
peerings:
  private:
    - {ix: 102, a: [2, 4], b: [11, 154], relationship: Provider}
    - {ix: 100, a: 5, b: 6}
    - {ix: 100, a: 5, b: 7, relationship: Unfiltered}
  route_server:
    - {ix: 100, members: [2, 3]}
    - {ix: 101, members: 9}
)");
  const Ebgp& ebgp = emu.getLayer<Ebgp>();
  std::vector<std::string> priv;
  for (const auto& p : ebgp.privatePeerings())
    priv.push_back(std::to_string(p.ix) + ":" + std::to_string(p.a) + "-" + std::to_string(p.b) +
                   ":" + relationshipName(p.relationship) + "@" + p.origin.str());
  EXPECT_EQ(priv, (std::vector<std::string>{
                      "102:2-11:Provider@t.yaml:4:7", "102:2-154:Provider@t.yaml:4:7",
                      "102:4-11:Provider@t.yaml:4:7", "102:4-154:Provider@t.yaml:4:7",
                      "100:5-6:Peer@t.yaml:5:7", "100:5-7:Unfiltered@t.yaml:6:7"}));
  std::vector<std::string> rs;
  for (const auto& p : ebgp.rsPeerings())
    rs.push_back(std::to_string(p.ix) + ":" + std::to_string(p.asn) + "@" + p.origin.str());
  EXPECT_EQ(rs,
            (std::vector<std::string>{"100:2@t.yaml:8:7", "100:3@t.yaml:8:7", "101:9@t.yaml:9:7"}));
}

TEST(TopologyLoad, CrossConnectsRenderAsTheCppApiBuildsThem) {
  Emulator fromFile;
  std::string name;
  loadFile(fromFile, std::string(ASEMU_TOPO_TEST_DATA) + "/cross-connects.yaml", &name);
  EXPECT_EQ(name, "cross-connects");
  const Node& r0 = fromFile.getLayer<Base>().findAutonomousSystem(3)->routers().at(0);
  ASSERT_EQ(r0.crossConnects().size(), 2u);
  EXPECT_EQ(r0.crossConnects()[1].peerId(), "as2/r1");
  EXPECT_EQ(r0.crossConnects()[1].address, "10.50.0.2/30");
  EXPECT_EQ(r0.crossConnects()[1].link, (LinkProperties{5, 0, 0}));
  const auto& xc = fromFile.getLayer<Ebgp>().crossConnectPeerings();
  ASSERT_EQ(xc.size(), 2u);
  EXPECT_EQ(xc[0].relationship, PeerRelationship::Provider);
  EXPECT_EQ(xc[1].relationship, PeerRelationship::Peer);
  EXPECT_EQ(plan::toJson(fromFile.render(name)),
            plan::toJson(asemu::testing::makeCrossConnectTopology().render(name)));
}

TEST(TopologyLoad, RouterAnnouncementsLoadAsTheCppApiMakesThem) {
  Emulator emu = loaded(
      "ases: [{asn: 2, networks: [{name: net0}],\n"
      "        routers: [{name: r0, joins: [net0], announce: [10.153.0.0/25, "
      "10.153.0.128/25]}]}]\n");
  const Node& r0 = emu.getLayer<Base>().findAutonomousSystem(2)->routers().at(0);
  EXPECT_EQ(r0.announcements(), (std::vector<std::string>{"10.153.0.0/25", "10.153.0.128/25"}));
  ASSERT_EQ(emu.render("t").findNode("as2/r0")->bird->announced.size(), 2u);
}

TEST(TopologyLoad, BgpTimersAndBfdSetTheEbgpLayerAndTheFilesOwnWin) {
  Emulator plain = loaded("ases: []\n");
  EXPECT_EQ(plain.getLayer<Ebgp>().bgpTimers(), plan::BgpTimers::Seed);
  EXPECT_FALSE(plain.getLayer<Ebgp>().bfd());
  testing::ScratchDir dir;
  dir.write("base.yaml", "bgp_timers: seed\nbfd: false\n");
  Emulator emu;
  loadFile(emu, dir.write("top.yaml", "include: base.yaml\nbgp_timers: fast\nbfd: true\n"));
  EXPECT_EQ(emu.getLayer<Ebgp>().bgpTimers(), plan::BgpTimers::Fast);
  EXPECT_TRUE(emu.getLayer<Ebgp>().bfd());
}

TEST(TopologyLoad, ReturnsTheFilesOwnName) {
  std::string name;
  loaded("name: my-net\n", &name);
  EXPECT_EQ(name, "my-net");
  loaded("ases: []\n", &name);
  EXPECT_EQ(name, "");
}

// A plan is always named so that `asemu up` can run it under that name: after the file's own
// `name` (which must be an emulation name), else after the file's stem made one.
TEST(TopologyLoad, ThePlanNameIsAnEmulationName) {
  testing::ScratchDir dir;
  const std::string world = "ases: [{asn: 2}]\n";
  EXPECT_EQ(renderTopology(dir.write("lab.yaml", "name: lab-2_b\n" + world)).name, "lab-2_b");
  EXPECT_EQ(renderTopology(dir.write("my.lab.v2.yaml", world)).name, "my_lab_v2");
  EXPECT_EQ(renderTopology(dir.write("-lab.yaml", world)).name, "_lab");
  std::string longStem(40, 'x');
  EXPECT_EQ(renderTopology(dir.write(longStem + ".yaml", world)).name, std::string(32, 'x'));
  for (const char* file : {"lab.yaml", "my.lab.v2.yaml", "-lab.yaml"})
    EXPECT_EQ(emulationNameProblem(renderTopology(dir.path(file)).name), "") << file;
}

TEST(TopologyLoad, YamlAnchorsAndAliasesWork) {
  Emulator emu = loaded(R"(
exchanges:
  - {id: 1, link: &wan {latency_ms: 30}}
  - {id: 2, link: *wan}
)");
  EXPECT_EQ(emu.getLayer<Base>().internetExchanges()[1].linkProperties(),
            (LinkProperties{30, 0, 0}));
}

}  // namespace
}  // namespace asemu::topo
