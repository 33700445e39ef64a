#include "asemu/map/events.h"

#include <gtest/gtest.h>

namespace asemu::map {
namespace {

Event event(const std::string& node, bool toNode, const std::string& summary, double t = 1.0) {
  Event e;
  e.time = t;
  e.node = node;
  e.network = "as2/net0";
  e.interface = "net0";
  e.to_node = toNode;
  e.summary = summary;
  return e;
}

TEST(Aggregator, OneEventPerPlaceAndDirectionWithCount) {
  Aggregator a;
  a.add(event("as2/host_0", false, "first", 1.0));
  a.add(event("as2/r100", true, "other"));
  a.add(event("as2/host_0", false, "latest", 2.0));
  a.add(event("as2/host_0", true, "reply"));
  Batch b = a.flush();
  ASSERT_EQ(b.events.size(), 3u);
  EXPECT_EQ(b.packets, 4u);
  EXPECT_EQ(b.events[0].node, "as2/host_0");
  EXPECT_EQ(b.events[0].summary, "latest");
  EXPECT_EQ(b.events[0].count, 2u);
  EXPECT_EQ(b.events[0].time, 2.0);
  EXPECT_EQ(b.events[1].node, "as2/r100");
  EXPECT_EQ(b.events[2].count, 1u);
  EXPECT_TRUE(a.flush().events.empty());
}

TEST(Aggregator, CapsEventsPerFlushAndCountsTheRest) {
  Aggregator a(2);
  for (int i = 0; i < 5; ++i) a.add(event("n" + std::to_string(i), false, "x"));
  a.add(event("n0", false, "y"));  // merges into a kept event, not dropped
  Batch b = a.flush();
  EXPECT_EQ(b.events.size(), 2u);
  EXPECT_EQ(b.dropped, 3u);
  EXPECT_EQ(b.packets, 6u);
  EXPECT_EQ(b.events[0].count, 2u);
}

TEST(Events, JsonNamesPlaceDirectionAndCount) {
  Event e = event("as180/host-0", true, "ICMP echo request 10.150.0.71 > 10.180.0.100", 5.5);
  e.count = 3;
  nlohmann::json j = toJson(e);
  EXPECT_EQ(j["node"], "as180/host-0");
  EXPECT_EQ(j["network"], "as2/net0");
  EXPECT_EQ(j["interface"], "net0");
  EXPECT_EQ(j["direction"], "to");
  EXPECT_EQ(j["count"], 3);
  EXPECT_EQ(j["time"], 5.5);
  EXPECT_EQ(j["summary"], "ICMP echo request 10.150.0.71 > 10.180.0.100");
}

TEST(Events, TextLineEndsWithPlaceSummaryAndCount) {
  Event e = event("as2/host_0", false, "ARP who-has 10.2.0.254 tell 10.2.0.71");
  std::string line = textLine(e);
  EXPECT_EQ(line.substr(12), " as2/host_0 net0 -> ARP who-has 10.2.0.254 tell 10.2.0.71");
  e.to_node = true;
  e.count = 4;
  EXPECT_EQ(textLine(e).substr(12),
            " as2/host_0 net0 <- ARP who-has 10.2.0.254 tell 10.2.0.71 (x4)");
}

}  // namespace
}  // namespace asemu::map
