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

TEST(ResolveNode, AmbiguityListsTheCandidates) {
  plan::Plan p = testing::twoHostsAndRouter();
  EXPECT_EQ(errorOf(p, "host"),
            "small: 'host' matches 2 nodes: as150/host_0 (as150h-host_0-10.150.0.71), "
            "as150/host_1 (as150h-host_1-10.150.0.72)");
}

TEST(ResolveNode, UnknownSuggestsTheClosest) {
  plan::Plan p = testing::twoHostsAndRouter();
  EXPECT_EQ(errorOf(p, "as150/hots_0"),
            "small: no node matches 'as150/hots_0' (did you mean 'as150/host_0'?)");
  EXPECT_EQ(errorOf(p, "zzz"), "small: no node matches 'zzz'");
}

}  // namespace
}  // namespace asemu::runtime
