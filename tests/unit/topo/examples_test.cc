// Each example exists as YAML and as a C++ program written like SEED's Python; both must render
// the identical plan. The YAML compiled into the library must match the file under examples/.
#include <gtest/gtest.h>

#include "asemu/layers/base.h"
#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"
#include "ip_anycast_model.h"
#include "mini_internet_model.h"
#include "prefix_hijack_model.h"
#include "seed_basic_models.h"
#include "test_files.h"

namespace asemu::topo {
namespace {

using testing::thrownText;

nlohmann::json planOf(const Emulator& emu) {
  return plan::toJson(emu.render("example"));
}

Emulator fromDisk(const std::string& file) {
  Emulator emu;
  loadFile(emu, std::string(ASEMU_EXAMPLES_DIR) + "/" + file);
  return emu;
}

TEST(TopologyExamples, Names) {
  EXPECT_EQ(exampleNames(), (std::vector<std::string>{"internet-1000", "ip-anycast",
                                                      "mini-internet", "nano-internet",
                                                      "prefix-hijack", "simple-as", "transit-as"}));
  EXPECT_TRUE(isExample("ip-anycast"));
  EXPECT_FALSE(isExample("ip-anycast.yaml"));
  EXPECT_EQ(thrownText([] { example("ip-anycats"); }),
            "unknown example 'ip-anycats' (known: internet-1000, ip-anycast, mini-internet, "
            "nano-internet, prefix-hijack, simple-as, transit-as); did you mean 'ip-anycast'?");
}

TEST(TopologyExamples, MiniInternetYamlAndCppRenderTheSamePlan) {
  Emulator cpp;
  examples::buildMiniInternet(cpp);
  nlohmann::json expected = planOf(cpp);
  EXPECT_EQ(planOf(example("mini-internet")), expected);
  EXPECT_EQ(planOf(fromDisk("mini-internet.yaml")), expected);
}

TEST(TopologyExamples, IpAnycastYamlAndCppRenderTheSamePlan) {
  // As in SEED: load the mini Internet component, then add AS-180.
  Emulator cpp = fromDisk("mini-internet.yaml");
  examples::addAnycastAs(cpp);
  nlohmann::json expected = planOf(cpp);
  EXPECT_EQ(planOf(example("ip-anycast")), expected);
  EXPECT_EQ(planOf(fromDisk("ip-anycast.yaml")), expected);

  // The component may also be one the C++ mini Internet saved.
  Emulator mini;
  examples::buildMiniInternet(mini);
  Emulator saved;
  loadString(saved, dumpString(mini), "component.yaml");
  examples::addAnycastAs(saved);
  EXPECT_EQ(planOf(saved), expected);
}

TEST(TopologyExamples, PrefixHijackYamlAndCppRenderTheSamePlan) {
  Emulator cpp;
  examples::buildMiniInternet(cpp);
  examples::addHijackAttacker(cpp);
  nlohmann::json expected = planOf(cpp);
  EXPECT_EQ(planOf(example("prefix-hijack")), expected);
  EXPECT_EQ(planOf(fromDisk("prefix-hijack.yaml")), expected);
  // The attacker announces nothing until told to; the victim's /24 is AS-153's own.
  const plan::Plan p = renderTopology("prefix-hijack");
  for (const auto& n : p.nodes)
    if (n.bird) {
      EXPECT_TRUE(n.bird->announced.empty()) << n.id;
    }
  EXPECT_EQ(p.findNetwork("as153/net0")->prefix.str(), "10.153.0.0/24");
  EXPECT_NE(p.findNode("as199/router0")->bird->findSession("u_as2"), nullptr);
}

TEST(TopologyExamples, SeedBasicExamplesYamlAndCppRenderTheSamePlan) {
  const std::vector<std::pair<std::string, void (*)(Emulator&)>> builders = {
      {"simple-as", examples::buildSimpleAs},
      {"transit-as", examples::buildTransitAs},
      {"nano-internet", examples::buildNanoInternet}};
  for (const auto& [name, build] : builders) {
    Emulator cpp;
    build(cpp);
    nlohmann::json expected = planOf(cpp);
    EXPECT_EQ(planOf(example(name)), expected) << name;
    EXPECT_EQ(planOf(fromDisk(name + ".yaml")), expected) << name;
    EXPECT_EQ(example(name).layerNames().size(), cpp.layerNames().size()) << name;
  }
}

TEST(TopologyExamples, AnycastDemoHasTheDocumentedShape) {
  plan::Plan p = renderTopology("ip-anycast");
  EXPECT_EQ(p.name, "ip-anycast");
  int hosts = 0, routers = 0, servers = 0;
  for (const auto& n : p.nodes) {
    if (n.role == plan::Role::Host) ++hosts;
    if (n.isRouter()) ++routers;
    if (n.role == plan::Role::RouteServer) ++servers;
  }
  EXPECT_EQ(p.nodes.size(), 62u);
  EXPECT_EQ(hosts, 27);
  EXPECT_EQ(routers, 29);
  EXPECT_EQ(servers, 6);
  const plan::Node* host = p.findNode("as154/host_new");
  ASSERT_NE(host, nullptr);
  EXPECT_EQ(host->interfaces.at(0).address.str(), "10.154.0.129");
  const plan::Node* r0 = p.findNode("as180/router0");
  ASSERT_NE(r0, nullptr);
  ASSERT_TRUE(r0->loopback);
  EXPECT_EQ(r0->loopback->str(), "10.0.0.28");
  const plan::Network* ix101 = p.findNetwork("ix/ix101");
  ASSERT_NE(ix101, nullptr);
  EXPECT_EQ(ix101->display_name, "San Jose-101");
}

TEST(TopologyExamples, RenderTopologyNamesThePlan) {
  EXPECT_EQ(renderTopology(std::string(ASEMU_EXAMPLES_DIR) + "/mini-internet.yaml").name,
            "mini-internet");
  testing::ScratchDir dir;
  std::string path = dir.write("my-topo.yaml", "ases: []\n");
  EXPECT_EQ(renderTopology(path).name, "my-topo");
  EXPECT_EQ(thrownText([] { loadTopology("mini-internt"); }),
            "mini-internt: no such file, and no built-in example of that name (examples: "
            "internet-1000, ip-anycast, mini-internet, nano-internet, prefix-hijack, simple-as, "
            "transit-as); "
            "did you mean 'mini-internet'?");
}

}  // namespace
}  // namespace asemu::topo
