// Routing experiments on real namespaces and BIRD: how fast a lost link is noticed under each
// BGP timer profile, and SEED's prefix-hijacking lab with `announce` / `withdraw` on the attacker.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

#include "asemu/map/failover.h"
#include "asemu/topo/topology.h"
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

// SEED's prefix-hijacking lab: AS-199 originates the victim's 10.153.0.0/24 as two /25s.
class PrefixHijack : public ::testing::Test {
 protected:
  void SetUp() override { emu.up(topo::renderTopology("prefix-hijack")); }

  bool reachesVictim() { return emu.sh("10.150.0.71", "ping -c1 -W1 10.153.0.71 >/dev/null") == 0; }
  // The route as150's router uses for the victim's address.
  std::string routeForVictim() {
    return emu.bird("as150/router0", "show route for 10.153.0.71 all");
  }
  void setAnnounced(const std::string& prefix, bool announce) {
    emu.runtime().setAnnounced(emu.name(), emu.node("as199/router0"), prefix, announce);
  }

  LiveEmulation emu;
};

TEST_F(PrefixHijack, AnnouncedHalvesDrawTheTrafficAndWithdrawnOnesGiveItBack) {
  ASSERT_TRUE(within(5000ms, [&] { return reachesVictim(); })) << routeForVictim();
  EXPECT_NE(routeForVictim().find("10.153.0.0/24"), std::string::npos) << routeForVictim();

  setAnnounced("10.153.0.0/25", true);
  setAnnounced("10.153.0.128/25", true);
  auto hijacked = Clock::now();
  EXPECT_TRUE(within(1000ms, [&] {
    const std::string r = routeForVictim();
    // The best route is the /25, and its AS path ends at the attacker.
    return r.find("10.153.0.0/25") != std::string::npos &&
           r.find("BGP.as_path:") != std::string::npos && r.find(" 199\n") != std::string::npos;
  })) << routeForVictim();
  EXPECT_LT(Clock::now() - hijacked, 1000ms);
  EXPECT_FALSE(reachesVictim());  // dropped at the attacker
  const std::string attacker = emu.bird("as199/router0", "show route table t_bgp");
  EXPECT_NE(attacker.find("10.153.0.128/25"), std::string::npos) << attacker;
  EXPECT_EQ(emu.runtime().announced(emu.name(), emu.node("as199/router0")).size(), 2u);

  setAnnounced("10.153.0.0/25", false);
  setAnnounced("10.153.0.128/25", false);
  auto withdrawn = Clock::now();
  EXPECT_TRUE(within(1000ms, [&] {
    return routeForVictim().find("10.153.0.0/24") != std::string::npos &&
           routeForVictim().find("/25") == std::string::npos;
  })) << routeForVictim();
  EXPECT_LT(Clock::now() - withdrawn, 1100ms);
  // Every router on the way has let go of the /25s within the second too (while the withdrawal
  // spreads, a packet may still meet one that has not): pings of 200 ms until one is answered.
  EXPECT_TRUE(within(
      std::chrono::duration_cast<std::chrono::milliseconds>(1000ms - (Clock::now() - withdrawn)),
      [&] { return emu.sh("10.150.0.71", "ping -c1 -W0.2 10.153.0.71 >/dev/null") == 0; }));
  EXPECT_TRUE(emu.runtime().announced(emu.name(), emu.node("as199/router0")).empty());
}

// The failover stopwatch on the anycast demo's site 1 (as180/router1), for each cause under one
// timer profile: the emulation is brought up once per profile and restored after each cause.
struct Profile {
  const char* name;
  plan::BgpTimers timers;
  bool bfd;
};

class FailoverProfiles : public ::testing::TestWithParam<Profile> {
 protected:
  void SetUp() override {
    plan::Plan plan = topo::renderTopology("ip-anycast");
    plan::setBgpProfile(plan, GetParam().timers, GetParam().bfd);
    emu.up(plan);
    if (GetParam().bfd) {  // BFD sessions come up after the BGP sessions that asked for them
      ASSERT_TRUE(within(5000ms, [&] {
        return emu.bird("as180/router1", "show bfd sessions").find(" Up ") != std::string::npos;
      })) << emu.bird("as180/router1", "show bfd sessions");
    }
  }

  map::FailoverReport failover(map::FailoverCause cause, std::chrono::milliseconds duration) {
    map::FailoverOptions options;
    options.cause = cause;
    options.site = "as180/router1";
    options.duration = duration;
    auto report = map::runFailover(emu.runtime(), emu.name(), emu.plan(),
                                   *Ipv4Address::parse("10.180.0.100"), options);
    // Every AS has figures; those site 1 served before lost it, and the site is back afterwards.
    EXPECT_EQ(report.ases.size(), 18u);
    EXPECT_GT(servedBySite1(report), 0);
    EXPECT_NE(report.restored.find("established again"), std::string::npos) << report.restored;
    return report;
  }

  static int servedBySite1(const map::FailoverReport& report) {
    return int(std::count_if(report.ases.begin(), report.ases.end(), [](const map::FailoverAs& a) {
      return a.figures.before == "as180/host-1";
    }));
  }
  // Every AS site 1 served switched to site 0 within `limit`.
  static void allSwitchedWithin(const map::FailoverReport& report, double limit) {
    for (const auto& a : report.ases)
      if (a.figures.before == "as180/host-1") {
        ASSERT_TRUE(a.figures.switch_time) << "AS" << a.asn << "\n" << map::failoverTable(report);
        EXPECT_LE(*a.figures.switch_time, limit) << "AS" << a.asn << "\n"
                                                 << map::failoverTable(report);
        EXPECT_EQ(a.figures.after, "as180/host-0") << "AS" << a.asn;
      }
    EXPECT_EQ(report.notRecovered(), 0) << map::failoverTable(report);
  }

  LiveEmulation emu;
};

TEST_P(FailoverProfiles, EachCauseGivesFigures) {
  // Disabling the sessions sends withdrawals at once, whatever the timers.
  allSwitchedWithin(failover(map::FailoverCause::Disable, 5000ms), 0.1);
  // A killed BIRD's TCP connections are closed by the kernel: its peers drop the sessions.
  allSwitchedWithin(failover(map::FailoverCause::Kill, 5000ms), 1.0);
  // A link cut is seen only by the hold timer, or by BFD.
  const Profile& p = GetParam();
  if (p.bfd) {
    allSwitchedWithin(failover(map::FailoverCause::LinkDown, 5000ms), 1.0);
  } else if (p.timers == plan::BgpTimers::Fast) {
    auto report = failover(map::FailoverCause::LinkDown, 8000ms);
    allSwitchedWithin(report, 4.5);  // hold 3 s, checked once a second
    ASSERT_TRUE(report.worstSwitch()) << map::failoverTable(report);
    EXPECT_GT(*report.worstSwitch(), 1.0) << map::failoverTable(report);
  } else {
    auto report = failover(map::FailoverCause::LinkDown, 3000ms);  // hold 240 s
    EXPECT_EQ(report.notRecovered(), servedBySite1(report)) << map::failoverTable(report);
  }
}

INSTANTIATE_TEST_SUITE_P(, FailoverProfiles,
                         ::testing::Values(Profile{"seed", plan::BgpTimers::Seed, false},
                                           Profile{"fast", plan::BgpTimers::Fast, false},
                                           Profile{"fastWithBfd", plan::BgpTimers::Fast, true}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace asemu::runtime::testing
