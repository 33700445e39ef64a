#include "asemu/runtime/limits.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "asemu/core/error.h"
#include "asemu/runtime/runtime.h"
#include "fake_kernel.h"
#include "small_plans.h"

namespace asemu::runtime {
namespace {

TEST(Limits, DemandCountsNamespacesDaemonsAndNeighbours) {
  // Two ASes, each a host and a router; the routers peer over an exchange.
  Demand d = demandOf(testing::twoRoutersEbgp());
  EXPECT_EQ(d.namespaces, 5u);
  EXPECT_EQ(d.daemons, 2u);
  EXPECT_EQ(d.neighbours, 2u + 2u + 2u);  // two session ends, two hosts with their routers
}

TEST(Limits, OspfRoutersOnOneNetworkAreNeighboursOfEachOther) {
  plan::Plan p = testing::twoHostsAndRouter();
  plan::Node second = p.nodes[2];
  second.id = "as150/router1";
  second.name = "router1";
  for (plan::Node* r : {&p.nodes[2], &second}) r->bird->ospf = plan::Ospf{{"net0"}, {}, {}};
  p.nodes.push_back(second);
  EXPECT_EQ(demandOf(p).neighbours, 2u + 2u + 2u);  // two hosts, one adjacency
}

TEST(Limits, NothingIsReportedWithinLimitsOrWhenLimitsAreUnknown) {
  Demand d{100, 50, 400};
  EXPECT_TRUE(limitProblems(d, {}).empty());
  EXPECT_TRUE(limitProblems(d, {100, 100, 50, 1024, 624}).empty());
}

TEST(Limits, EachExceededLimitNamesItsSetting) {
  Demand d{2000, 1000, 20000};
  auto problems = limitProblems(d, {1500, 1000, 900, 1024, 10});
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_NE(problems[0].find("user.max_net_namespaces allows 1500"), std::string::npos);
  EXPECT_NE(problems[1].find("fs.mount-max"), std::string::npos);
  EXPECT_NE(problems[2].find("kernel.pid_max"), std::string::npos);
  EXPECT_NE(problems[3].find("net.ipv4.neigh.default.gc_thresh3=40020"), std::string::npos);
  EXPECT_NE(problems[3].find("holds 1024 of which 10 are in use"), std::string::npos);
}

TEST(Limits, UpBeyondAHostLimitCreatesNothing) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("asemu-limits-" + std::to_string(getpid()));
  testing::FakeKernel kernel;
  kernel.limits.neighbour_max = 4;
  Runtime rt(kernel, root);
  UpOptions o;
  o.wait = false;
  std::string error;
  try {
    rt.up(testing::twoRoutersEbgp(), o);
  } catch (const Error& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("ebgp2: cannot start: needs at least 6 IPv4 neighbour entries"),
            std::string::npos)
      << error;
  EXPECT_TRUE(kernel.log.empty());
  EXPECT_FALSE(fs::exists(root / "ebgp2"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace asemu::runtime
