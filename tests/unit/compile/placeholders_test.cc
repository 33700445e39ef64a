#include "asemu/compile/placeholders.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "asemu/core/error.h"
#include "small_plans.h"

namespace asemu::compile {
namespace {

Ipv4Prefix pfx(const char* s) {
  return *Ipv4Prefix::parse(s);
}

TEST(Placeholders, OneDisjointSubnetPerNetworkOutsideEmulatedSpace) {
  auto p = testing::sharedPrefixInternet();
  auto ph = assignPlaceholders(p);
  ASSERT_EQ(ph.networks.size(), p.networks.size());
  auto emulated = emulatedPrefixes(p);
  std::vector<Ipv4Prefix> seen;
  for (const auto& [id, net] : ph.networks) {
    for (const auto& e : emulated) EXPECT_FALSE(net.subnet.overlaps(e)) << id << " vs " << e.str();
    for (const auto& s : seen) EXPECT_FALSE(net.subnet.overlaps(s)) << id;
    seen.push_back(net.subnet);
    EXPECT_EQ(net.gateway, *net.subnet.host(1));
  }
}

TEST(Placeholders, SizedByMembers) {
  auto p = testing::sharedPrefixInternet();
  auto ph = assignPlaceholders(p);
  // ix100 has the route server and 5 routers: 5 + 1 + 3 = 9 addresses -> /28.
  EXPECT_EQ(ph.network("ix/ix100").subnet.str(), "198.18.0.0/28");
  // as2/net0 has 1 member: 4 addresses -> /30; as150/net0 has 2: 5 addresses -> /29, aligned.
  EXPECT_EQ(ph.network("as2/net0").subnet.str(), "198.18.0.16/30");
  EXPECT_EQ(ph.network("as150/net0").subnet.str(), "198.18.0.24/29");
}

TEST(Placeholders, StaticAddressesCountUpFromTwoInNodeOrder) {
  auto p = testing::smallInternet();
  auto ph = assignPlaceholders(p);
  auto at = [&](const char* node, const char* net) { return ph.addresses.at({node, net}).str(); };
  EXPECT_EQ(at("ix/ix100", "ix/ix100"), "198.18.0.2");
  EXPECT_EQ(at("as2/r100", "ix/ix100"), "198.18.0.3");
  EXPECT_EQ(at("as150/router0", "ix/ix100"), "198.18.0.4");
  EXPECT_EQ(at("as150/host_0", "as150/net0"), "198.18.0.18");
  EXPECT_EQ(at("as150/router0", "as150/net0"), "198.18.0.19");
}

TEST(Placeholders, DynamicAddressesLeaveSpareRoom) {
  auto p = testing::smallInternet();
  PlaceholderOptions o;
  o.static_addresses = false;
  o.spare_addresses = 29;
  auto ph = assignPlaceholders(p, o);
  EXPECT_TRUE(ph.addresses.empty());
  // 4 members + 3 + 29 = 36 addresses -> /26.
  EXPECT_EQ(ph.network("ix/ix100").subnet.length(), 26);
}

TEST(Placeholders, SkipsEmulatedSpaceInsideThePool) {
  auto p = testing::smallInternet();
  PlaceholderOptions o;
  o.pools = {pfx("10.150.0.0/23")};  // its first half is AS150's network
  auto ph = assignPlaceholders(p, o);
  for (const auto& [id, net] : ph.networks)
    EXPECT_TRUE(pfx("10.150.1.0/24").overlaps(net.subnet)) << id << " " << net.subnet.str();
}

TEST(Placeholders, ExhaustedPoolsNameTheNetworkAndTheOption) {
  auto p = testing::smallInternet();
  PlaceholderOptions o;
  o.pools = {pfx("10.150.0.0/24"), pfx("192.0.2.0/30")};
  try {
    assignPlaceholders(p, o);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "ix/ix100: no placeholder subnet of /29 is left in the placeholder pools "
                 "(10.150.0.0/24, 192.0.2.0/30) outside the emulated address space; give another "
                 "pool with --placeholder-pool");
  }
}

TEST(Placeholders, OverlappingPoolsAreRefused) {
  auto p = testing::smallInternet();
  PlaceholderOptions o;
  o.pools = {pfx("198.18.0.0/15"), pfx("198.19.0.0/16")};
  try {
    assignPlaceholders(p, o);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "placeholder pool 198.19.0.0/16: overlaps placeholder pool 198.18.0.0/15");
  }
}

TEST(Placeholders, EmulatedPrefixesIgnoreTheDefaultRouteButKeepItsGateway) {
  auto p = testing::smallInternet();
  auto e = emulatedPrefixes(p);
  for (const auto& x : e) EXPECT_GT(x.length(), 0);
  EXPECT_NE(std::find(e.begin(), e.end(), pfx("10.150.0.254/32")), e.end());
  EXPECT_NE(std::find(e.begin(), e.end(), pfx("10.0.0.2/32")), e.end());
}

}  // namespace
}  // namespace asemu::compile
