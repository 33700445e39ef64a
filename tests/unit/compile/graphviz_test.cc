#include "asemu/compile/graphviz.h"

#include <gtest/gtest.h>

#include "small_plans.h"
#include "test_support.h"

namespace asemu::compile {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Graphviz, L2GroupsByAsAndLabelsInterfaces) {
  auto dot = l2Dot(testing::sharedPrefixInternet());
  EXPECT_TRUE(has(dot, "subgraph \"cluster_AS180\" {"));
  EXPECT_TRUE(has(dot, "subgraph \"cluster_IX100\" {"));
  EXPECT_TRUE(has(dot,
                  "\"net:as180/net1\" [shape=box, style=filled, fillcolor=\"#eeeeee\", "
                  "label=\"net1\\n10.180.0.0/24\"];"));
  EXPECT_TRUE(has(dot,
                  "\"net:ix/ix100\" [shape=box, style=filled, fillcolor=\"#cfe2f3\", "
                  "label=\"NYC-100\\nix100\\n10.100.0.0/24\"];"));
  EXPECT_TRUE(has(dot, "\"as180/host-1\" [shape=hexagon, label=\"host-1\"];"));
  EXPECT_TRUE(has(dot, "\"ix/ix100\" [shape=diamond, label=\"ix100\\nroute server\"];"));
  EXPECT_TRUE(has(dot, "\"as180/router1\" -- \"net:as180/net1\" [label=\"10.180.0.254\"];"));
}

TEST(Graphviz, BgpEdgesStyledByRelationship) {
  auto dot = bgpDot(testing::sharedPrefixInternet());
  EXPECT_TRUE(has(dot, "\"AS2\" -> \"AS150\" [style=solid, label=\"ix100\"];"));
  EXPECT_TRUE(has(dot, "\"AS151\" -> \"AS2\" [style=dashed, dir=none, label=\"ix100\"];"));
  EXPECT_TRUE(has(dot, "\"AS180\" -> \"RS:ix/ix100\" [style=dotted, dir=none, label=\"ix100\"];"));
  EXPECT_TRUE(has(dot, "\"RS:ix/ix100\" [shape=diamond, label=\"ix100\\nroute server\"];"));
  // The RS session of AS151 is seen from both ends but drawn once.
  size_t first = dot.find("\"AS151\" -> \"RS:ix/ix100\"");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(dot.find("\"AS151\" -> \"RS:ix/ix100\"", first + 1), std::string::npos);
}

TEST(Graphviz, UnfilteredCustomerSideMakesTheEdgeBold) {
  auto p = testing::smallInternet();
  for (auto& s : p.findNode("as150/router0")->bird->sessions)
    if (s.name == "u_as2") s.export_policy = plan::ExportPolicy::All;
  EXPECT_TRUE(has(bgpDot(p), "\"AS2\" -> \"AS150\" [style=bold, label=\"ix100\"];"));
}

TEST(Graphviz, DotRendersBothFiles) {
  ASSERT_TRUE(testing::haveProgram("dot")) << "graphviz (dot) is not installed";
  testing::TempDir dir;
  writeOutput(compileGraphviz(testing::sharedPrefixInternet()), dir.path(), false);
  for (const char* f : {"l2.dot", "bgp.dot"}) {
    auto r = testing::run("dot -Tsvg '" + dir.path() + "/" + f + "' -o '" + dir.path() + "/" + f +
                          ".svg'");
    EXPECT_EQ(r.exit_code, 0) << f << ": " << r.output;
    EXPECT_EQ(r.output, "") << f;
    auto svg = testing::readFile(dir.path() + "/" + f + ".svg");
    EXPECT_TRUE(has(svg, "<svg")) << f;
    EXPECT_TRUE(has(svg, "AS180")) << f;
  }
}

}  // namespace
}  // namespace asemu::compile
