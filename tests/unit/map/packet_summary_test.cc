#include "asemu/map/packet_summary.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace asemu::map {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes ipv4Header(uint8_t proto, std::array<uint8_t, 4> src, std::array<uint8_t, 4> dst,
                 size_t payload) {
  size_t total = 20 + payload;
  return {0x45,           0,      uint8_t(total >> 8),
          uint8_t(total), 0,      1,
          0x40,           0,      64,
          proto,          0,      0,
          src[0],         src[1], src[2],
          src[3],         dst[0], dst[1],
          dst[2],         dst[3]};
}

Bytes concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string summary(uint16_t proto, const Bytes& b) {
  return summarizePacket(proto, b.data(), b.size());
}

TEST(PacketSummary, IcmpEchoRequestAndReply) {
  Bytes echo = {8, 0, 0, 0, 0x12, 0x34, 0, 7};
  EXPECT_EQ(summary(0x0800, concat(ipv4Header(1, {10, 150, 0, 71}, {10, 180, 0, 100}, 8), echo)),
            "ICMP echo request 10.150.0.71 > 10.180.0.100 id 4660 seq 7");
  echo[0] = 0;
  EXPECT_EQ(summary(0x0800, concat(ipv4Header(1, {10, 180, 0, 100}, {10, 150, 0, 71}, 8), echo)),
            "ICMP echo reply 10.180.0.100 > 10.150.0.71 id 4660 seq 7");
}

TEST(PacketSummary, IcmpUnreachableAndTimeExceeded) {
  Bytes unreachable = {3, 1, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(summary(0x0800, concat(ipv4Header(1, {10, 0, 0, 1}, {10, 150, 0, 71}, 8), unreachable)),
            "ICMP host unreachable 10.0.0.1 > 10.150.0.71");
  Bytes exceeded = {11, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(summary(0x0800, concat(ipv4Header(1, {10, 0, 0, 1}, {10, 150, 0, 71}, 8), exceeded)),
            "ICMP time exceeded in transit 10.0.0.1 > 10.150.0.71");
}

TEST(PacketSummary, UdpShowsPortsAndPayloadLength) {
  Bytes udp = {0x9c, 0x40, 0x23, 0x82, 0, 14, 0, 0, 'h', 'e', 'l', 'l', 'o', '\n'};
  EXPECT_EQ(summary(0x0800, concat(ipv4Header(17, {10, 151, 0, 71}, {10, 180, 0, 100}, 14), udp)),
            "UDP 10.151.0.71:40000 > 10.180.0.100:9090 len 6");
}

TEST(PacketSummary, TcpShowsFlags) {
  Bytes tcp(20, 0);
  tcp[0] = 0xc3;  // 50000
  tcp[1] = 0x50;
  tcp[3] = 179;
  tcp[12] = 0x50;
  tcp[13] = 0x12;  // SYN + ACK
  EXPECT_EQ(summary(0x0800, concat(ipv4Header(6, {10, 100, 0, 2}, {10, 100, 0, 3}, 20), tcp)),
            "TCP 10.100.0.2:50000 > 10.100.0.3:179 [S.]");
}

TEST(PacketSummary, OspfNamesTheMessageType) {
  Bytes ospf = {2, 1, 0, 44};
  EXPECT_EQ(summary(0x0800, concat(ipv4Header(89, {10, 2, 0, 254}, {224, 0, 0, 5}, 4), ospf)),
            "OSPF hello 10.2.0.254 > 224.0.0.5");
}

TEST(PacketSummary, ArpRequestAndReply) {
  Bytes arp = {0,  1,   8, 0,  6, 4, 0, 1, 0x02, 0x42, 0xac, 0x11, 0, 2,
               10, 150, 0, 71, 0, 0, 0, 0, 0,    0,    10,   150,  0, 254};
  EXPECT_EQ(summary(0x0806, arp), "ARP who-has 10.150.0.254 tell 10.150.0.71");
  arp[7] = 2;
  EXPECT_EQ(summary(0x0806, arp), "ARP reply 10.150.0.71 is-at 02:42:ac:11:00:02");
}

TEST(PacketSummary, TruncatedAndUnknownPacketsStillGetALine) {
  Bytes shortIp = {0x45, 0, 0, 20};
  EXPECT_EQ(summary(0x0800, shortIp), "IPv4 truncated");
  Bytes icmpShort = concat(ipv4Header(1, {1, 2, 3, 4}, {5, 6, 7, 8}, 2), {8, 0});
  EXPECT_EQ(summary(0x0800, icmpShort), "ICMP 1.2.3.4 > 5.6.7.8 truncated");
  EXPECT_EQ(summary(0x88cc, Bytes(60, 0)), "EtherType 0x88cc, 60 bytes");
  EXPECT_EQ(summary(0x0806, Bytes(10, 0)), "ARP (not Ethernet/IPv4)");
}

TEST(PacketSummary, LaterFragmentsAreNotParsedAsTransport) {
  Bytes frag = ipv4Header(17, {10, 0, 0, 1}, {10, 0, 0, 2}, 8);
  frag[6] = 0x00;
  frag[7] = 0xb9;  // offset 185 * 8
  frag.resize(28, 0);
  EXPECT_EQ(summary(0x0800, frag), "IPv4 fragment 10.0.0.1 > 10.0.0.2 proto 17");
}

TEST(Sll2, DecodesProtocolInterfaceAndDirection) {
  Bytes frame = {0x08, 0x00, 0, 0, 0, 0, 0x01, 0x02, 0, 1, 4, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x45};
  auto p = decodeSll2(frame.data(), frame.size());
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->protocol, 0x0800);
  EXPECT_EQ(p->ifindex, 258u);
  EXPECT_TRUE(p->toNode());
  EXPECT_EQ(p->length, 1u);
  EXPECT_EQ(*p->payload, 0x45);
  frame[10] = 0;  // PACKET_HOST: the bridge received it from the node
  EXPECT_FALSE(decodeSll2(frame.data(), frame.size())->toNode());
  EXPECT_FALSE(decodeSll2(frame.data(), 19).has_value());
}

}  // namespace
}  // namespace asemu::map
