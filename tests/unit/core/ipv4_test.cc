#include "asemu/core/ipv4.h"

#include <gtest/gtest.h>

namespace asemu {
namespace {

Ipv4Address addr(const char* text) {
  auto a = Ipv4Address::parse(text);
  EXPECT_TRUE(a.has_value()) << text;
  return a.value_or(Ipv4Address());
}

Ipv4Prefix prefix(const char* text) {
  auto p = Ipv4Prefix::parse(text);
  EXPECT_TRUE(p.has_value()) << text;
  return p.value_or(Ipv4Prefix());
}

TEST(Ipv4Address, ParsesDottedQuads) {
  EXPECT_EQ(addr("10.0.0.1").value(), 0x0A000001u);
  EXPECT_EQ(addr("0.0.0.0").value(), 0u);
  EXPECT_EQ(addr("255.255.255.255").value(), 0xFFFFFFFFu);
  EXPECT_EQ(addr("10.180.0.100"), Ipv4Address(10, 180, 0, 100));
  EXPECT_EQ(addr("192.5.5.241").str(), "192.5.5.241");
}

TEST(Ipv4Address, RejectsAnythingElse) {
  for (const char* bad : {"",           "10",          "10.0.0",     "10.0.0.1.", ".10.0.0.1",
                          "10.0.0.1.5", "10..0.1",     "10.0.0.256", "256.0.0.1", "1000.0.0.1",
                          "010.0.0.1",  "10.0.0.00",   "10.0.0.-1",  "+1.0.0.1",  " 10.0.0.1",
                          "10.0.0.1 ",  "10.0.0.1/24", "a.b.c.d",    "10.0.0.x",  "0x0a.0.0.1"})
    EXPECT_FALSE(Ipv4Address::parse(bad).has_value()) << "'" << bad << "'";
}

TEST(Ipv4Address, OrdersByValue) {
  EXPECT_LT(addr("10.0.0.2"), addr("10.0.0.10"));
  EXPECT_LT(addr("9.255.255.255"), addr("10.0.0.0"));
}

TEST(Ipv4Prefix, ParsesPrefixes) {
  Ipv4Prefix p = prefix("10.180.0.0/24");
  EXPECT_EQ(p.network(), Ipv4Address(10, 180, 0, 0));
  EXPECT_EQ(p.length(), 24);
  EXPECT_EQ(p.size(), 256u);
  EXPECT_EQ(p.broadcast(), Ipv4Address(10, 180, 0, 255));
  EXPECT_EQ(p.str(), "10.180.0.0/24");

  EXPECT_EQ(prefix("0.0.0.0/0").size(), uint64_t(1) << 32);
  EXPECT_EQ(prefix("0.0.0.0/0").broadcast(), Ipv4Address(255, 255, 255, 255));
  EXPECT_EQ(prefix("10.0.0.1/32").size(), 1u);
  EXPECT_EQ(prefix("10.0.0.0/8").str(), "10.0.0.0/8");
}

TEST(Ipv4Prefix, RejectsMalformedPrefixesAndHostBits) {
  for (const char* bad : {"", "10.180.0.0", "10.180.0.0/", "/24", "10.180.0.1/24", "10.0.0.0/33",
                          "10.0.0.0/-1", "10.0.0.0/024", "10.0.0.0/8x", "10.0.0.0/ 8", "10.0.0/24",
                          "10.0.0.256/24", "10.0.0.0/24/24"})
    EXPECT_FALSE(Ipv4Prefix::parse(bad).has_value()) << "'" << bad << "'";
}

TEST(Ipv4Prefix, ConstructorMasksTheAddress) {
  EXPECT_EQ(Ipv4Prefix(addr("10.180.0.77"), 24).str(), "10.180.0.0/24");
  EXPECT_EQ(Ipv4Prefix(addr("10.180.200.77"), 17).str(), "10.180.128.0/17");
  EXPECT_EQ(Ipv4Prefix(addr("10.180.0.77"), 0).str(), "0.0.0.0/0");
  EXPECT_EQ(Ipv4Prefix(addr("10.180.0.77"), 32).str(), "10.180.0.77/32");
}

TEST(Ipv4Prefix, Contains) {
  Ipv4Prefix p = prefix("10.180.0.0/24");
  EXPECT_TRUE(p.contains(addr("10.180.0.0")));
  EXPECT_TRUE(p.contains(addr("10.180.0.100")));
  EXPECT_TRUE(p.contains(addr("10.180.0.255")));
  EXPECT_FALSE(p.contains(addr("10.180.1.0")));
  EXPECT_FALSE(p.contains(addr("10.179.255.255")));
  EXPECT_TRUE(prefix("0.0.0.0/0").contains(addr("203.0.113.9")));
  EXPECT_TRUE(prefix("10.0.0.1/32").contains(addr("10.0.0.1")));
  EXPECT_FALSE(prefix("10.0.0.1/32").contains(addr("10.0.0.2")));
}

TEST(Ipv4Prefix, Overlaps) {
  Ipv4Prefix wide = prefix("10.0.0.0/8"), net0 = prefix("10.180.0.0/24");
  EXPECT_TRUE(wide.overlaps(net0));
  EXPECT_TRUE(net0.overlaps(wide));
  EXPECT_TRUE(net0.overlaps(prefix("10.180.0.0/24")));
  EXPECT_TRUE(net0.overlaps(prefix("10.180.0.128/25")));
  EXPECT_FALSE(net0.overlaps(prefix("10.181.0.0/24")));
  EXPECT_FALSE(prefix("10.180.0.0/25").overlaps(prefix("10.180.0.128/25")));
  EXPECT_FALSE(wide.overlaps(prefix("11.0.0.0/8")));
  EXPECT_TRUE(prefix("0.0.0.0/0").overlaps(net0));
}

TEST(Ipv4Prefix, HostCountsFromTheNetworkAddress) {
  Ipv4Prefix p = prefix("10.150.0.0/24");
  EXPECT_EQ(p.host(0), addr("10.150.0.0"));
  EXPECT_EQ(p.host(71), addr("10.150.0.71"));
  EXPECT_EQ(p.host(255), addr("10.150.0.255"));
  EXPECT_FALSE(p.host(256).has_value());
  EXPECT_EQ(prefix("10.0.0.1/32").host(0), addr("10.0.0.1"));
  EXPECT_FALSE(prefix("10.0.0.1/32").host(1).has_value());
  EXPECT_EQ(prefix("0.0.0.0/0").host(0xFFFFFFFFu), addr("255.255.255.255"));
  EXPECT_FALSE(prefix("0.0.0.0/0").host(uint64_t(1) << 32).has_value());
}

TEST(Ipv4Prefix, UsableHostsExcludeNetworkAndBroadcast) {
  Ipv4Prefix p = prefix("10.150.0.0/24");
  EXPECT_FALSE(p.isUsableHost(addr("10.150.0.0")));
  EXPECT_TRUE(p.isUsableHost(addr("10.150.0.1")));
  EXPECT_TRUE(p.isUsableHost(addr("10.150.0.254")));
  EXPECT_FALSE(p.isUsableHost(addr("10.150.0.255")));
  EXPECT_FALSE(p.isUsableHost(addr("10.151.0.1")));
  // Point-to-point and single-address prefixes have no network or broadcast address.
  EXPECT_TRUE(prefix("10.0.0.0/31").isUsableHost(addr("10.0.0.0")));
  EXPECT_TRUE(prefix("10.0.0.0/31").isUsableHost(addr("10.0.0.1")));
  EXPECT_FALSE(prefix("10.0.0.0/31").isUsableHost(addr("10.0.0.2")));
  EXPECT_TRUE(prefix("10.0.0.7/32").isUsableHost(addr("10.0.0.7")));
}

}  // namespace
}  // namespace asemu

namespace asemu {
namespace {

TEST(Ipv4Interface, AddressAndTheNetworkItIsIn) {
  auto i = Ipv4Interface::parse("10.50.0.1/30");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->address.str(), "10.50.0.1");
  EXPECT_EQ(i->network.str(), "10.50.0.0/30");
  EXPECT_FALSE(Ipv4Interface::parse("10.50.0.1"));
  EXPECT_FALSE(Ipv4Interface::parse("10.50.0.1/33"));
  EXPECT_FALSE(Ipv4Interface::parse("10.50.0.1/"));
  EXPECT_FALSE(Ipv4Interface::parse("10.50.0/30"));
  // A prefix is an interface form without host bits.
  EXPECT_TRUE(Ipv4Prefix::parse("10.50.0.0/30"));
  EXPECT_FALSE(Ipv4Prefix::parse("10.50.0.1/30"));
}

}  // namespace
}  // namespace asemu
