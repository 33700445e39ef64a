// Routing experiments on real namespaces and BIRD: how fast a lost link is noticed under each
// BGP timer profile.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "live_emulation.h"
#include "small_plans.h"

namespace asemu::runtime::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Polls `probe` every 20 ms; true as soon as it holds, false once `timeout` has passed.
bool within(std::chrono::milliseconds timeout, const std::function<bool()>& probe) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    if (probe()) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
}

bool established(LiveEmulation& emu, const std::string& node, const std::string& session) {
  for (const auto& s : emu.runtime().sessions(emu.name(), emu.node(node)))
    if (s.name == session) return s.established();
  return false;
}

// Two routers peering on ix100 under `timers` and `bfd`; as2/router0's interface on the exchange
// goes down inside its namespace. Whether as3/router0, whose own link stays up, ends its session
// within a second.
bool lostLinkNoticedWithinASecond(plan::BgpTimers timers, bool bfd) {
  plan::Plan plan = twoRoutersEbgp();
  for (auto& n : plan.nodes)
    if (n.bird) {
      n.bird->timers = timers;
      n.bird->bfd = bfd;
    }
  LiveEmulation emu;
  emu.up(plan);
  EXPECT_TRUE(established(emu, "as3/router0", "p_as2"));
  if (bfd) {  // BFD comes up after the BGP session that asked for it
    EXPECT_TRUE(within(5000ms, [&] {
      return emu.bird("as3/router0", "show bfd sessions").find(" Up ") != std::string::npos;
    })) << emu.bird("as3/router0", "show bfd sessions");
  }
  EXPECT_EQ(emu.sh("as2/router0", "ip link set ix100 down"), 0);
  return within(1000ms, [&] { return !established(emu, "as3/router0", "p_as2"); });
}

TEST(BgpTimerProfiles, FastWithBfdNoticesALostLinkWithinASecond) {
  EXPECT_TRUE(lostLinkNoticedWithinASecond(plan::BgpTimers::Fast, true));
}

TEST(BgpTimerProfiles, SeedDoesNotNoticeALostLinkWithinASecond) {
  EXPECT_FALSE(lostLinkNoticedWithinASecond(plan::BgpTimers::Seed, false));
}

}  // namespace
}  // namespace asemu::runtime::testing
