#include "asemu/map/graph.h"

#include <gtest/gtest.h>

#include "test_plan.h"

namespace asemu::map {
namespace {

const nlohmann::json* vertex(const nlohmann::json& g, const std::string& id) {
  for (const auto& v : g["vertices"])
    if (v["id"] == id) return &v;
  return nullptr;
}

TEST(Graph, NetworksAndNodesAreVerticesWithDistinctIds) {
  nlohmann::json g = graphJson(testing::smallPlan());
  EXPECT_EQ(g["name"], "small");
  EXPECT_EQ(g["vertices"].size(), 5u);
  // The exchange and its route server share the plan id "ix/ix100".
  const auto* ix = vertex(g, "net:ix/ix100");
  const auto* rs = vertex(g, "ix/ix100");
  ASSERT_TRUE(ix && rs);
  EXPECT_EQ((*ix)["kind"], "exchange");
  EXPECT_EQ((*ix)["label"], "NYC-100");
  EXPECT_EQ((*ix)["ix"], 100);
  EXPECT_EQ((*rs)["kind"], "route-server");
  EXPECT_EQ((*rs)["label"], "ix100");
  EXPECT_EQ((*rs)["asn"], 0);
  EXPECT_EQ((*rs)["ix"], 100);
}

TEST(Graph, LabelsKindsAndAddresses) {
  nlohmann::json g = graphJson(testing::smallPlan());
  const auto* r = vertex(g, "as2/r100");
  const auto* h = vertex(g, "as2/host_0");
  const auto* net = vertex(g, "net:as2/net0");
  ASSERT_TRUE(r && h && net);
  EXPECT_EQ((*r)["kind"], "router");
  EXPECT_EQ((*r)["label"], "2/r100");
  EXPECT_EQ((*r)["addresses"], nlohmann::json({"10.100.0.2", "10.2.0.254", "10.0.0.1"}));
  EXPECT_EQ((*h)["kind"], "host");
  EXPECT_EQ((*h)["container"], "as2h-host_0-10.2.0.71");
  EXPECT_EQ((*net)["label"], "2/net0");
  EXPECT_EQ((*net)["prefix"], "10.2.0.0/24");
}

TEST(Graph, DisplayNameIsTheLabelAndPartOfTheContainerName) {
  plan::Plan p = testing::smallPlan();
  p.findNode("as2/host_0")->display_name = "Web-1";
  nlohmann::json g = graphJson(p);
  const auto* h = vertex(g, "as2/host_0");
  ASSERT_TRUE(h);
  EXPECT_EQ((*h)["label"], "Web-1");
  EXPECT_EQ((*h)["name"], "host_0");
  EXPECT_EQ((*h)["container"], "as2h-Web-1-10.2.0.71");
}

TEST(Graph, ACrossConnectIsLabelledByItsName) {
  plan::Plan p = testing::smallPlan();
  p.networks.push_back({"xc/xc0",
                        "xc0",
                        plan::NetworkKind::CrossConnect,
                        0,
                        *Ipv4Prefix::parse("10.50.0.0/30"),
                        "",
                        {}});
  nlohmann::json g = graphJson(p);
  const auto* xc = vertex(g, "net:xc/xc0");
  ASSERT_TRUE(xc);
  EXPECT_EQ((*xc)["label"], "xc0");
  EXPECT_EQ((*xc)["kind"], "network");
  EXPECT_EQ((*xc)["asn"], 0);
}

TEST(Graph, OneEdgePerInterfaceCarryingTheAddress) {
  nlohmann::json g = graphJson(testing::smallPlan());
  ASSERT_EQ(g["edges"].size(), 4u);
  EXPECT_EQ(g["edges"][1], nlohmann::json({{"from", "as2/r100"},
                                           {"to", "net:ix/ix100"},
                                           {"interface", "ix100"},
                                           {"address", "10.100.0.2"}}));
}

}  // namespace
}  // namespace asemu::map
