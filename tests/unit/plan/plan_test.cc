#include "asemu/plan/plan.h"

#include <gtest/gtest.h>

#include "anycast_fixture.h"
#include "sample_plan.h"

namespace asemu::plan {
namespace {

TEST(SeedContainerName, FollowsSeedsNamingForEachRole) {
  const Plan& plan = asemu::testing::anycastPlan();
  EXPECT_EQ(seedContainerName(*plan.findNode("ix/ix100")), "as100brd-ix100-10.100.0.100");
  EXPECT_EQ(seedContainerName(*plan.findNode("as180/host-0")), "as180h-host-0-10.180.0.100");
  EXPECT_EQ(seedContainerName(*plan.findNode("as150/host_1")), "as150h-host_1-10.150.0.72");
  // A border router is named after the network it joined first.
  EXPECT_EQ(seedContainerName(*plan.findNode("as2/r100")), "as2brd-r100-10.100.0.2");
  EXPECT_EQ(seedContainerName(*plan.findNode("as180/router0")), "as180brd-router0-10.180.0.254");
}

TEST(SeedContainerName, PlainRouterAndNodeWithoutInterfaces) {
  Node n;
  n.name = "core";
  n.asn = 7;
  n.role = Role::Router;
  EXPECT_EQ(seedContainerName(n), "as7r-core");
  n.interfaces.push_back({"net0", "as7/net0", Ipv4Address(10, 7, 0, 254), 24});
  EXPECT_EQ(seedContainerName(n), "as7r-core-10.7.0.254");
}

TEST(SeedContainerName, ReplacesCharactersDockerRejects) {
  Node n;
  n.name = "web server/1+x";
  n.asn = 150;
  n.role = Role::Host;
  n.interfaces.push_back({"net0", "as150/net0", Ipv4Address(10, 150, 0, 71), 24});
  EXPECT_EQ(seedContainerName(n), "as150h-web_server_1_x-10.150.0.71");
}

TEST(PlanLookups, FindByIdAndName) {
  Plan p = testing::samplePlan();
  ASSERT_NE(p.findNode("as150/router0"), nullptr);
  EXPECT_EQ(p.findNode("as150/router1"), nullptr);
  EXPECT_EQ(p.findNetwork("ix/ix100")->display_name, "NYC-100");
  EXPECT_EQ(p.findNetwork("ix100"), nullptr);
  const Node& router = *p.findNode("as150/router0");
  EXPECT_TRUE(router.isRouter());
  EXPECT_FALSE(p.findNode("ix/ix100")->isRouter());
  EXPECT_EQ(router.findInterface("ix100")->address, Ipv4Address(10, 100, 0, 150));
  EXPECT_EQ(router.findInterface("net1"), nullptr);
  EXPECT_EQ(router.bird->findSession("ibgp1")->neighbor_address, Ipv4Address(10, 0, 0, 2));
  EXPECT_EQ(router.bird->findSession("ibgp2"), nullptr);
  // The mutable lookup hands out the node itself.
  p.findNode("as150/host_0")->name = "renamed";
  EXPECT_EQ(p.nodes[0].name, "renamed");
}

TEST(PlanNames, RolesAndRouteClasses) {
  EXPECT_EQ(roleName(Role::Host), "Host");
  EXPECT_EQ(roleName(Role::Router), "Router");
  EXPECT_EQ(roleName(Role::BorderRouter), "BorderRouter");
  EXPECT_EQ(roleName(Role::RouteServer), "Route Server");
  EXPECT_EQ(roleShortName(Role::Host), "h");
  EXPECT_EQ(roleShortName(Role::Router), "r");
  EXPECT_EQ(roleShortName(Role::BorderRouter), "brd");
  EXPECT_EQ(roleShortName(Role::RouteServer), "brd");
  EXPECT_EQ(routeClassName(RouteClass::Customer), "customer");
  EXPECT_EQ(routeClassName(RouteClass::Peer), "peer");
  EXPECT_EQ(routeClassName(RouteClass::Provider), "provider");
}

}  // namespace
}  // namespace asemu::plan
