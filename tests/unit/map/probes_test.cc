#include "asemu/map/probes.h"

#include <gtest/gtest.h>

#include <vector>

namespace asemu::map {
namespace {

using Bytes = std::vector<uint8_t>;

// An LINUX_SLL2 frame carrying an IPv4 ICMP message.
Bytes icmpFrame(uint8_t type, uint16_t id, uint16_t seq, uint8_t protocol = 1) {
  Bytes f = {0x08, 0x00, 0, 0, 0, 0, 0, 7, 0, 1, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0};
  Bytes ip = {0x45, 0, 0, 36, 0, 1, 0x40, 0, 64, protocol, 0, 0, 10, 150, 0, 71, 10, 180, 0, 100};
  Bytes icmp = {type, 0, 0, 0, uint8_t(id >> 8), uint8_t(id), uint8_t(seq >> 8), uint8_t(seq)};
  f.insert(f.end(), ip.begin(), ip.end());
  f.insert(f.end(), icmp.begin(), icmp.end());
  return f;
}

std::optional<EchoRequest> parse(const Bytes& f) {
  return echoRequest(Packet{f.data(), uint32_t(f.size()), uint32_t(f.size())});
}

TEST(EchoRequest, ReadsAddressesIdAndSequence) {
  auto e = parse(icmpFrame(8, 0x1234, 7));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->source.str(), "10.150.0.71");
  EXPECT_EQ(e->destination.str(), "10.180.0.100");
  EXPECT_EQ(e->id, 0x1234);
  EXPECT_EQ(e->seq, 7);
}

TEST(EchoRequest, IgnoresRepliesOtherProtocolsAndShortFrames) {
  EXPECT_FALSE(parse(icmpFrame(0, 1, 1)));      // echo reply
  EXPECT_FALSE(parse(icmpFrame(8, 1, 1, 17)));  // UDP
  Bytes shortFrame = icmpFrame(8, 1, 1);
  shortFrame.resize(shortFrame.size() - 3);
  EXPECT_FALSE(parse(shortFrame));
}

TEST(ArrivalTracker, LastNodeOnTheLastNetworkHoldingTheAddress) {
  ArrivalTracker t({"as180/host-0", "as180/host-1"});
  t.delivered(5, 1, "as2/r0", "as2/net0");
  t.delivered(5, 1, "as180/router1", "ix/ix101");
  // The bridge floods the frame: the host that holds the address wins over the other port.
  t.delivered(5, 1, "as180/host-1", "as180/net1");
  t.delivered(5, 1, "as180/other", "as180/net1");
  auto a = t.arrival(5, 1);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->origin, "as180/host-1");
  EXPECT_FALSE(t.arrival(5, 2));
  EXPECT_FALSE(t.arrival(6, 1));
}

TEST(ArrivalTracker, RouterThatDropsIsWhereItArrived) {
  ArrivalTracker t({"as180/host-0"});
  t.delivered(9, 3, "as2/r0", "as2/net0");
  t.delivered(9, 3, "as3/hijacker", "ix/ix100");
  EXPECT_EQ(t.arrival(9, 3)->origin, "as3/hijacker");
}

TEST(ArrivalTracker, AFloodedCopyBeforeTheRealDeliveryIsNoLoop) {
  ArrivalTracker t({"as180/host-0"});
  t.delivered(2, 1, "as2/r0", "ix/ix100");  // flooded: as2/r0 drops it
  t.delivered(2, 1, "as3/r0", "ix/ix100");
  t.delivered(2, 1, "as2/r0", "as2/net0");  // the path later crosses as2/r0 on another network
  t.delivered(2, 1, "as180/host-0", "as180/net0");
  EXPECT_EQ(t.arrival(2, 1)->origin, "as180/host-0");
}

TEST(ArrivalTracker, DeliveredTwiceToOneNodeIsALoop) {
  ArrivalTracker t({"as180/host-0"});
  t.delivered(1, 1, "as2/r0", "as2/net0");
  t.delivered(1, 1, "as2/r1", "as2/net0");
  t.delivered(1, 1, "as2/r0", "as2/net0");
  auto a = t.arrival(1, 1);
  EXPECT_FALSE(a->reached());
  EXPECT_EQ(a->problem, "loop through as2/r0");
}

}  // namespace
}  // namespace asemu::map
