#include "asemu/runtime/wait.h"

#include <gtest/gtest.h>

namespace asemu::runtime {
namespace {

using namespace std::chrono_literals;

// A clock that only advances when the code under test sleeps.
struct ManualClock {
  std::chrono::steady_clock::time_point t{};
  WaitClock clock() {
    WaitClock c;
    c.now = [this] { return t; };
    c.sleep = [this](std::chrono::milliseconds d) { t += d; };
    return c;
  }
};

TEST(WaitUntil, ReturnsAsSoonAsNothingIsMissing) {
  ManualClock mc;
  int calls = 0;
  auto r = waitUntil(
      [&] {
        ++calls;
        return calls < 4 ? std::vector<std::string>{"x"} : std::vector<std::string>{};
      },
      10s, 100ms, mc.clock());
  EXPECT_TRUE(r.done);
  EXPECT_EQ(r.probes, 4);
  EXPECT_DOUBLE_EQ(r.seconds, 0.3);
}

TEST(WaitUntil, TimesOutAndNamesTheStragglers) {
  ManualClock mc;
  auto r = waitUntil([] { return std::vector<std::string>{"as151/router0: p_as2 in Connect"}; }, 1s,
                     300ms, mc.clock());
  EXPECT_FALSE(r.done);
  EXPECT_GE(r.seconds, 1.0);
  EXPECT_LT(r.seconds, 1.1);
  EXPECT_EQ(describeTimeout(r, "BGP sessions"),
            "timed out after 1.0 s waiting for 1 BGP sessions: as151/router0: p_as2 in Connect");
}

TEST(WaitUntil, LongStragglerListsAreShortened) {
  WaitResult r;
  r.seconds = 2;
  r.stragglers = {"a", "b", "c"};
  EXPECT_EQ(describeTimeout(r, "things", 2),
            "timed out after 2.0 s waiting for 3 things: a; b; and 1 more");
}

}  // namespace
}  // namespace asemu::runtime
