#include "asemu/compile/seed_labels.h"

#include <gtest/gtest.h>

#include "small_plans.h"

namespace asemu::compile {
namespace {

const std::string P = kSeedLabelPrefix;

TEST(SeedLabels, BorderRouterListsNetworksInJoinOrderAndLoopback) {
  auto p = testing::smallInternet();
  Labels expected = {{P + "asn", "150"},           {P + "nodename", "router0"},
                     {P + "role", "BorderRouter"}, {P + "loopback_addr", "10.0.0.2"},
                     {P + "net.0.name", "net0"},   {P + "net.0.address", "10.150.0.254/24"},
                     {P + "net.1.name", "ix100"},  {P + "net.1.address", "10.100.0.150/24"}};
  EXPECT_EQ(nodeLabels(p, *p.findNode("as150/router0")), expected);
}

TEST(SeedLabels, HostHasNoLoopback) {
  auto p = testing::smallInternet();
  Labels expected = {{P + "asn", "150"},
                     {P + "nodename", "host_0"},
                     {P + "role", "Host"},
                     {P + "net.0.name", "net0"},
                     {P + "net.0.address", "10.150.0.71/24"}};
  EXPECT_EQ(nodeLabels(p, *p.findNode("as150/host_0")), expected);
}

TEST(SeedLabels, DisplayNameIsLabelledAndNamesTheContainer) {
  auto p = testing::smallInternet();
  plan::Node& host = *p.findNode("as150/host_0");
  host.display_name = "Web-1";
  Labels expected = {{P + "asn", "150"},         {P + "nodename", "host_0"},
                     {P + "role", "Host"},       {P + "displayname", "Web-1"},
                     {P + "net.0.name", "net0"}, {P + "net.0.address", "10.150.0.71/24"}};
  EXPECT_EQ(nodeLabels(p, host), expected);
  EXPECT_EQ(plan::seedContainerName(host), "as150h-Web-1-10.150.0.71");
  // Characters outside [a-zA-Z0-9_.-] become '_', as in SEED.
  host.display_name = "Web server #1";
  EXPECT_EQ(plan::seedContainerName(host), "as150h-Web_server__1-10.150.0.71");
}

TEST(SeedLabels, RouteServerUsesExchangeNumber) {
  auto p = testing::smallInternet();
  Labels expected = {{P + "asn", "100"},
                     {P + "nodename", "ix100"},
                     {P + "role", "Route Server"},
                     {P + "net.0.name", "ix100"},
                     {P + "net.0.address", "10.100.0.100/24"}};
  EXPECT_EQ(nodeLabels(p, *p.findNode("ix/ix100")), expected);
}

TEST(SeedLabels, Networks) {
  auto p = testing::smallInternet();
  Labels ix = {{P + "type", "global"},
               {P + "scope", "ix"},
               {P + "name", "ix100"},
               {P + "prefix", "10.100.0.0/24"},
               {P + "displayname", "NYC-100"}};
  EXPECT_EQ(networkLabels(*p.findNetwork("ix/ix100")), ix);
  Labels local = {{P + "type", "local"},
                  {P + "scope", "150"},
                  {P + "name", "net0"},
                  {P + "prefix", "10.150.0.0/24"}};
  EXPECT_EQ(networkLabels(*p.findNetwork("as150/net0")), local);
  plan::Network xc{
      "xc/xc0", "xc0", plan::NetworkKind::CrossConnect, 0, *Ipv4Prefix::parse("10.50.0.0/30"),
      "",       {}};
  Labels crossConnect = {{P + "type", "local"},
                         {P + "scope", "xc"},
                         {P + "name", "xc0"},
                         {P + "prefix", "10.50.0.0/30"}};
  EXPECT_EQ(networkLabels(xc), crossConnect);
}

}  // namespace
}  // namespace asemu::compile
