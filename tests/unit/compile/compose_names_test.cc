#include "asemu/compile/compose_names.h"

#include <gtest/gtest.h>

#include "small_plans.h"

namespace asemu::compile {
namespace {

TEST(ComposeNames, ServiceNamesByRole) {
  auto p = testing::sharedPrefixInternet();
  EXPECT_EQ(composeServiceName(*p.findNode("as150/host_0")), "hnode_150_host_0");
  EXPECT_EQ(composeServiceName(*p.findNode("as150/router0")), "brdnode_150_router0");
  plan::Node internal = *p.findNode("as150/router0");
  internal.role = plan::Role::Router;  // a router on no exchange
  EXPECT_EQ(composeServiceName(internal), "rnode_150_router0");
  EXPECT_EQ(composeServiceName(*p.findNode("ix/ix100")), "rs_ix_ix100");
  EXPECT_EQ(composeServiceName(*p.findNode("as180/host-1")), "hnode_180_host-1");
}

TEST(ComposeNames, NetworkNamesFollowSeed) {
  auto p = testing::sharedPrefixInternet();
  EXPECT_EQ(composeNetworkName(*p.findNetwork("as180/net1")), "net_180_net1");
  EXPECT_EQ(composeNetworkName(*p.findNetwork("ix/ix100")), "net_ix_ix100");
  plan::Network xc{
      "xc/xc3", "xc3", plan::NetworkKind::CrossConnect, 0, *Ipv4Prefix::parse("10.50.0.0/30"),
      "",       {}};
  EXPECT_EQ(composeNetworkName(xc), "net_xc_xc3");
}

TEST(ComposeNames, ContainerNamesFollowSeed) {
  auto p = testing::sharedPrefixInternet();
  EXPECT_EQ(plan::seedContainerName(*p.findNode("as150/host_0")), "as150h-host_0-10.150.0.71");
  EXPECT_EQ(plan::seedContainerName(*p.findNode("as180/router0")), "as180brd-router0-10.180.0.254");
  EXPECT_EQ(plan::seedContainerName(*p.findNode("ix/ix100")), "as100brd-ix100-10.100.0.100");
}

TEST(ComposeNames, UnsafeCharactersBecomeUnderscores) {
  EXPECT_EQ(dockerSafeName("a b/c:d.e-f_g"), "a_b_c_d.e-f_g");
}

}  // namespace
}  // namespace asemu::compile
