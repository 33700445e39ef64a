// A topology chooses its layers (`layers:`) and masks ASes and networks from OSPF and iBGP, as a
// SEED program does with the layers it adds and with maskAsn / markAsStub / maskNetwork.
#include <gtest/gtest.h>

#include "asemu/layers/base.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"
#include "test_files.h"

namespace asemu::topo {
namespace {

using testing::thrownText;

Emulator loaded(const std::string& yaml) {
  Emulator emu;
  loadString(emu, yaml, "t.yaml");
  return emu;
}

std::string loadError(const std::string& yaml) {
  return thrownText([&] { loaded(yaml); });
}

std::string renderError(const std::string& yaml) {
  return thrownText([&] { loaded(yaml).render(); });
}

// One transit AS of three routers in a line (r1 - net0 - r2 - net1 - r3), r1 on ix100, and a
// host network on r3; `extra` is added to the AS entry and `top` to the file.
std::string transit(const std::string& extra, const std::string& top = "") {
  return top + R"(
exchanges: [{id: 100}]
ases:
  - asn: 2
    networks: [{name: net0}, {name: net1}, {name: hosts}]
    routers:
      - {name: r1, joins: [net0, ix100]}
      - {name: r2, joins: [net0, net1]}
      - {name: r3, joins: [net1, hosts]}
)" + extra;
}

const plan::Node& node(const plan::Plan& p, const std::string& id) {
  const plan::Node* n = p.findNode(id);
  if (!n) throw std::runtime_error("no node " + id);
  return *n;
}

TEST(TopologyLayers, LayersListedAreTheOnlyOnes) {
  Emulator emu = loaded(transit("", "layers: [Base, Routing, Ebgp]\n"));
  EXPECT_EQ(emu.layerNames(), (std::vector<std::string>{"Base", "Routing", "Ebgp"}));
  plan::Plan p = emu.render();
  // Without Ospf and Ibgp a router runs neither: simple_as.py's routers.
  for (const char* id : {"as2/r1", "as2/r2", "as2/r3"}) {
    ASSERT_TRUE(node(p, id).bird) << id;
    EXPECT_FALSE(node(p, id).bird->ospf) << id;
    EXPECT_TRUE(node(p, id).bird->sessions.empty()) << id;
  }
}

TEST(TopologyLayers, WithoutLayersAFileGetsAllFive) {
  plan::Plan p = loaded(transit("")).render();
  EXPECT_TRUE(node(p, "as2/r2").bird->ospf);
  EXPECT_EQ(node(p, "as2/r2").bird->sessions.size(), 2u);
}

TEST(TopologyLayers, ListingProblemsAreReportedWhereTheyAre) {
  EXPECT_EQ(loadError("layers: [Base, Routing, Ibgp]\n"),
            "t.yaml:1:9: topology: layer Ibgp needs layer Ospf; add Ospf to 'layers' or leave "
            "Ibgp out");
  EXPECT_EQ(loadError("layers: [Routing]\n"),
            "t.yaml:1:9: topology: 'layers' must list Base, the layer of every AS, exchange and "
            "node\n"
            "t.yaml:1:9: topology: layer Routing needs layer Base; add Base to 'layers' or "
            "leave Routing out");
  EXPECT_EQ(loadError("layers: [Base, Ospff]\n"),
            "t.yaml:1:16: layers: unknown layer 'Ospff' (known: Base, Ebgp, Ibgp, Ospf, Routing); "
            "did you mean 'Ospf'?");
  EXPECT_EQ(loadError("layers: [Base, Base]\n"), "t.yaml:1:16: layers: layer Base is listed twice");
  EXPECT_EQ(loadError("layers: [Base]\npeerings: {route_server: [{ix: 1, members: [2]}]}\n"),
            "t.yaml:2:11: topology: peerings need the Ebgp layer, which this topology leaves out; "
            "add Ebgp to 'layers'");
  EXPECT_EQ(loadError(transit("    ospf: false\n", "layers: [Base, Routing]\n")),
            "t.yaml:11:11: as2: 'ospf' needs the Ospf layer, which this topology leaves out; add "
            "Ospf to 'layers'");
}

TEST(TopologyLayers, StubAndMaskedNetworks) {
  std::string yaml =
      transit("").replace(transit("").find("{name: hosts}"), 13, "{name: hosts, ospf: stub}");
  yaml.replace(yaml.find("{name: net0}"), 12, "{name: net0, ospf: masked}");
  plan::Plan p = loaded(yaml).render();
  const auto& r3 = *node(p, "as2/r3").bird->ospf;
  EXPECT_EQ(r3.active_interfaces, (std::vector<std::string>{"net1"}));
  EXPECT_EQ(r3.stub_interfaces, (std::vector<std::string>{"dummy0", "hosts"}));
  const auto& r1 = *node(p, "as2/r1").bird->ospf;
  EXPECT_TRUE(r1.active_interfaces.empty());  // net0 is masked, ix100 a stub
  EXPECT_EQ(r1.stub_interfaces, (std::vector<std::string>{"dummy0", "ix100"}));
  // A masked network is still announced: it stays in the router's direct networks.
  const auto& direct = node(p, "as2/r1").bird->direct_interfaces;
  EXPECT_NE(std::find(direct.begin(), direct.end(), "net0"), direct.end());
}

TEST(TopologyLayers, MaskedAsRunsNoOspfOrNoIbgp) {
  plan::Plan p = loaded(transit("    ospf: false\n    ibgp: false\n")).render();
  for (const char* id : {"as2/r1", "as2/r2", "as2/r3"}) {
    EXPECT_FALSE(node(p, id).bird->ospf) << id;
    EXPECT_TRUE(node(p, id).bird->sessions.empty()) << id;
  }
  plan::Plan q = loaded(transit("    ibgp: false\n")).render();
  EXPECT_TRUE(node(q, "as2/r2").bird->ospf);
  EXPECT_TRUE(node(q, "as2/r2").bird->sessions.empty());
}

TEST(TopologyLayers, IbgpWithoutOspfIsRefused) {
  EXPECT_EQ(renderError(transit("    ospf: false\n")),
            "t.yaml:7:9: as2/r1: has iBGP sessions but runs no OSPF, which iBGP needs to reach "
            "the other routers' loopbacks; mask as2 from iBGP too (ibgp: false), or let OSPF run\n"
            "t.yaml:8:9: as2/r2: has iBGP sessions but runs no OSPF, which iBGP needs to reach "
            "the other routers' loopbacks; mask as2 from iBGP too (ibgp: false), or let OSPF run\n"
            "t.yaml:9:9: as2/r3: has iBGP sessions but runs no OSPF, which iBGP needs to reach "
            "the other routers' loopbacks; mask as2 from iBGP too (ibgp: false), or let OSPF run");
}

TEST(TopologyLayers, ApiMasksOfUnknownObjectsAreReported) {
  Emulator emu = loaded(transit(""));
  emu.getLayer<Ospf>().maskAsn(9).markAsStub(2, "nett").maskNetwork(8, "net0");
  emu.getLayer<Ibgp>().maskAsn(7);
  EXPECT_EQ(thrownText([&] { emu.render(); }),
            "Ospf: masks as9, which does not exist\n"
            "Ospf: marks as a stub as2/nett, which is not a network of as2\n"
            "Ospf: masks network net0 of as8, which does not exist\n"
            "Ibgp: masks as7, which does not exist");
}

TEST(TopologyLayers, BadOspfModeIsNamed) {
  std::string yaml = transit("");
  yaml.replace(yaml.find("{name: hosts}"), 13, "{name: hosts, ospf: passive}");
  EXPECT_EQ(loadError(yaml),
            "t.yaml:5:64: as2/hosts: unknown OSPF mode 'passive' (known: active, masked, stub)");
}

TEST(TopologyLayers, DumpKeepsLayersAndMasks) {
  std::string yaml = transit("    ibgp: false\n", "layers: [Base, Routing, Ebgp, Ospf, Ibgp]\n");
  yaml.replace(yaml.find("{name: hosts}"), 13, "{name: hosts, ospf: stub}");
  Emulator emu = loaded(yaml);
  Emulator few = loaded(transit("", "layers: [Base, Routing, Ebgp]\n"));
  for (const Emulator* e : {&emu, &few}) {
    Emulator again;
    loadString(again, dumpString(*e), "dump.yaml");
    EXPECT_EQ(again.layerNames(), e->layerNames());
    EXPECT_EQ(plan::toJsonText(again.render("x")), plan::toJsonText(e->render("x")));
  }
  EXPECT_TRUE(loaded(dumpString(emu)).getLayer<Ospf>().isStub(2, "hosts"));
  EXPECT_TRUE(loaded(dumpString(emu)).getLayer<Ibgp>().isMaskedAsn(2));
  EXPECT_NE(dumpString(few).find("layers: [Base, Routing, Ebgp]"), std::string::npos);
  EXPECT_EQ(dumpString(emu).find("layers:"), std::string::npos);
}

}  // namespace
}  // namespace asemu::topo
