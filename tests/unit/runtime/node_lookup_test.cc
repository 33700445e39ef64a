#include "asemu/runtime/node_lookup.h"

#include <gtest/gtest.h>

#include "asemu/core/error.h"
#include "small_plans.h"

namespace asemu::runtime {
namespace {

std::string errorOf(const plan::Plan& p, const std::string& q) {
  try {
    resolveNode(p, q);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ResolveNode, ByIdContainerNameOrUniqueSubstring) {
  plan::Plan p = testing::twoHostsAndRouter();
  EXPECT_EQ(resolveNode(p, "as150/host_1").id, "as150/host_1");
  EXPECT_EQ(resolveNode(p, "as150h-host_0-10.150.0.71").id, "as150/host_0");
  EXPECT_EQ(resolveNode(p, "10.150.0.72").id, "as150/host_1");
  EXPECT_EQ(resolveNode(p, "router0").id, "as150/router0");
}

TEST(ResolveNode, ARouterByItsLoopbackAddress) {
  plan::Plan p = testing::twoHostsAndRouter();
  EXPECT_EQ(resolveNode(p, "10.0.0.1").id, "as150/router0");
}

TEST(ResolveNode, AmbiguityListsTheCandidates) {
  plan::Plan p = testing::twoHostsAndRouter();
  EXPECT_EQ(errorOf(p, "host"),
            "small: 'host' matches 2 nodes: as150/host_0 (as150h-host_0-10.150.0.71), "
            "as150/host_1 (as150h-host_1-10.150.0.72); give the node id");
}

// AS 150 with hosts h3 and h30..h39 on net0 (h3 at .3, h3N at .3N), and AS 151 with h3 too.
plan::Plan hostsSharingAPrefix() {
  plan::Plan p;
  p.name = "prefixes";
  auto add = [&](int asn, const std::string& name, uint8_t last) {
    plan::Node n;
    n.id = "as" + std::to_string(asn) + "/" + name;
    n.name = name;
    n.asn = asn;
    n.interfaces.push_back(
        {"net0", "as" + std::to_string(asn) + "/net0", Ipv4Address(10, uint8_t(asn), 0, last), 24});
    p.nodes.push_back(n);
  };
  add(150, "h3", 3);
  for (uint8_t i = 30; i <= 39; ++i) add(150, "h" + std::to_string(i), i);
  add(151, "h4", 4);
  add(151, "h40", 40);
  return p;
}

TEST(ResolveNode, AnExactNameWinsOverPartialMatches) {
  plan::Plan p = hostsSharingAPrefix();
  EXPECT_EQ(resolveNode(p, "h4").id, "as151/h4");
  EXPECT_EQ(resolveNode(p, "h40").id, "as151/h40");
  EXPECT_EQ(resolveNode(p, "as150/h3").id, "as150/h3");
  // An exact address wins over addresses it is a prefix of (10.150.0.3 / 10.150.0.30..39).
  EXPECT_EQ(resolveNode(p, "10.150.0.3").id, "as150/h3");
  EXPECT_EQ(resolveNode(p, "as150h-h3-10.150.0.3").id, "as150/h3");
  // Parts still work when they match one node.
  EXPECT_EQ(resolveNode(p, "h3-10.150").id, "as150/h3");
}

TEST(ResolveNode, AnExactNameOfSeveralNodesIsAmbiguous) {
  plan::Plan p = hostsSharingAPrefix();
  plan::Node other = p.nodes.front();
  other.id = "as152/h3";
  other.asn = 152;
  p.nodes.push_back(other);
  EXPECT_EQ(errorOf(p, "h3"),
            "prefixes: 'h3' matches 2 nodes: as150/h3 (as150h-h3-10.150.0.3), as152/h3 "
            "(as152h-h3-10.150.0.3); give the node id");
}

TEST(ResolveNode, UnknownSuggestsTheClosest) {
  plan::Plan p = testing::twoHostsAndRouter();
  EXPECT_EQ(errorOf(p, "as150/hots_0"),
            "small: no node matches 'as150/hots_0' (did you mean 'as150/host_0'?)");
  EXPECT_EQ(errorOf(p, "zzz"), "small: no node matches 'zzz'");
}

}  // namespace
}  // namespace asemu::runtime
