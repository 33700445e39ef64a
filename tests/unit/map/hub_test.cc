#include "asemu/map/hub.h"

#include <gtest/gtest.h>

#include "asemu/core/error.h"

namespace asemu::map {
namespace {

using Bytes = std::vector<uint8_t>;

// An SLL2 frame around an IPv4 packet of protocol `proto` (1 ICMP, 17 UDP), 20 bytes of payload.
Bytes frame(uint8_t proto) {
  Bytes f = {0x08, 0x00, 0, 0, 0, 0, 0, 7, 0, 1, 4, 6, 1, 2, 3, 4, 5, 6, 0, 0};
  Bytes ip = {0x45, 0, 0, 40, 0, 1, 0, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
  f.insert(f.end(), ip.begin(), ip.end());
  f.resize(f.size() + 20, 0);
  return f;
}

Event event(const std::string& node) {
  Event e;
  e.node = node;
  e.network = "as2/net0";
  e.summary = node;
  return e;
}

// Counts captures started and stopped; the test plays the capture's thread through `sink`.
struct FakeCaptures {
  int started = 0, stopped = 0;
  bool fail = false;
  Capture::PacketSink sink;

  EventHub::Start start() {
    return [this](Capture::PacketSink s) -> std::unique_ptr<EventHub::Source> {
      if (fail) throw Error("capture", "permission denied (run as root)");
      ++started;
      sink = std::move(s);
      struct Running : EventHub::Source {
        explicit Running(FakeCaptures& f) : f(f) {}
        ~Running() override {
          ++f.stopped;
          f.sink = nullptr;
        }
        FakeCaptures& f;
      };
      return std::make_unique<Running>(*this);
    };
  }
  void packet(const std::string& node, uint8_t proto) {
    Bytes f = frame(proto);
    sink(event(node), Packet{f.data(), uint32_t(f.size()), uint32_t(f.size())});
  }
};

TEST(EventHub, OneCaptureForAllClientsStartedByTheFirstStoppedByTheLast) {
  FakeCaptures fake;
  EventHub hub(fake.start());
  EXPECT_FALSE(hub.capturing());
  auto a = hub.subscribe("");
  auto b = hub.subscribe("icmp");
  auto c = hub.subscribe("udp");
  EXPECT_EQ(fake.started, 1);
  EXPECT_EQ(hub.clients(), 3u);
  a.reset();
  b.reset();
  EXPECT_EQ(fake.stopped, 0);
  EXPECT_TRUE(hub.capturing());
  c.reset();
  EXPECT_EQ(fake.stopped, 1);
  EXPECT_FALSE(hub.capturing());
  auto d = hub.subscribe("");
  EXPECT_EQ(fake.started, 2);
}

TEST(EventHub, EachClientSeesThePacketsOfItsOwnFilter) {
  FakeCaptures fake;
  EventHub hub(fake.start());
  auto all = hub.subscribe("");
  auto icmp = hub.subscribe("icmp");
  auto udp = hub.subscribe("udp and host 10.0.0.2");
  fake.packet("as2/host_0", 1);
  fake.packet("as2/r100", 17);
  fake.packet("as2/host_0", 1);
  Batch b = all->events().flush();
  EXPECT_EQ(b.packets, 3u);
  EXPECT_EQ(b.events.size(), 2u);
  b = icmp->events().flush();
  EXPECT_EQ(b.packets, 2u);
  ASSERT_EQ(b.events.size(), 1u);
  EXPECT_EQ(b.events[0].node, "as2/host_0");
  EXPECT_EQ(b.events[0].count, 2u);
  b = udp->events().flush();
  ASSERT_EQ(b.events.size(), 1u);
  EXPECT_EQ(b.events[0].node, "as2/r100");
  EXPECT_EQ(udp->filter(), "udp and host 10.0.0.2");
}

TEST(EventHub, TheSeventeenthClientIsRefusedClearly) {
  FakeCaptures fake;
  EventHub hub(fake.start());
  std::vector<std::unique_ptr<EventHub::Subscription>> open;
  for (size_t i = 0; i < kMaxEventClients; ++i) open.push_back(hub.subscribe(""));
  EXPECT_EQ(kMaxEventClients, 16u);
  try {
    hub.subscribe("icmp");
    FAIL() << "a 17th stream was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "events: too many event streams open (the map serves at most 16 at once): close "
              "one, e.g. another tab of the map, and retry");
  }
  EXPECT_EQ(hub.clients(), 16u);
  open.pop_back();
  EXPECT_NO_THROW(open.push_back(hub.subscribe("icmp")));
  EXPECT_EQ(fake.started, 1);
}

TEST(EventHub, BadFilterOrFailedCaptureLeavesNoClientBehind) {
  FakeCaptures fake;
  EventHub hub(fake.start());
  EXPECT_THROW(hub.subscribe("icmpx"), Error);
  EXPECT_EQ(fake.started, 0);
  fake.fail = true;
  EXPECT_THROW(hub.subscribe("icmp"), Error);
  EXPECT_EQ(hub.clients(), 0u);
  EXPECT_FALSE(hub.capturing());
  fake.fail = false;
  auto a = hub.subscribe("icmp");
  EXPECT_EQ(fake.started, 1);
}

}  // namespace
}  // namespace asemu::map
