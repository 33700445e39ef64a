#include "asemu/map/failover.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "asemu/core/error.h"

namespace asemu::map {
namespace {

// Probes every 10 ms from -0.03 s; `pattern`: '0'/'1' = answered at site 0/1, '-' = lost.
ProbeSeries series(const std::string& pattern) {
  ProbeSeries s;
  for (size_t i = 0; i < pattern.size(); ++i) {
    s.sent.push_back(-0.03 + 0.01 * double(i));
    s.answered.push_back(pattern[i] != '-');
    s.arrivals.push_back(pattern[i] == '-' ? "as180/router1"
                                           : "as180/host-" + std::string(1, pattern[i]));
  }
  return s;
}

TEST(FailoverFigures, LossWindowFromFirstLostToFirstAnsweredAfterTheLast) {
  auto f = failoverFigures(series("111--1-0000"));
  EXPECT_EQ(f.before, "as180/host-1");
  EXPECT_EQ(f.after, "as180/host-0");
  EXPECT_EQ(f.lost, 3);
  ASSERT_TRUE(f.loss_window);
  EXPECT_NEAR(*f.loss_window, 0.04, 1e-9);  // lost at 0.00, answered again at 0.04
  ASSERT_TRUE(f.switch_time);
  EXPECT_NEAR(*f.switch_time, 0.04, 1e-9);
}

// A hijacker drops what it attracts: before time 0 the probes arrive at its router and are not
// answered. When its sessions go, they are answered at the victim: that is the switch.
TEST(FailoverFigures, FromABlackholeToAnAnsweringPlaceIsASwitch) {
  ProbeSeries s;
  for (int i = 0; i < 8; ++i) {
    s.sent.push_back(-0.03 + 0.01 * i);
    bool victim = i >= 6;
    s.answered.push_back(victim);
    s.arrivals.push_back(victim ? "as153/host_0" : i == 4 ? "" : "as199/router0");
  }
  auto f = failoverFigures(s);
  EXPECT_EQ(f.before, "as199/router0");
  EXPECT_EQ(f.after, "as153/host_0");
  EXPECT_EQ(f.lost, 3);  // at 0.00, 0.01 and 0.02
  ASSERT_TRUE(f.switch_time);
  EXPECT_NEAR(*f.switch_time, 0.03, 1e-9);
}

TEST(FailoverFigures, UnaffectedAndNeverRecovered) {
  auto kept = failoverFigures(series("0000000"));
  EXPECT_EQ(kept.lost, 0);
  EXPECT_EQ(*kept.loss_window, 0.0);
  EXPECT_FALSE(kept.switch_time);
  auto gone = failoverFigures(series("111----"));
  EXPECT_EQ(gone.lost, 4);
  EXPECT_FALSE(gone.loss_window);
  EXPECT_FALSE(gone.switch_time);
}

TEST(FailoverReport, MedianAndWorstOverTheAsesConcerned) {
  FailoverReport r;
  r.address = "10.180.0.100";
  r.site = "as180/router1";
  r.cause = "disable";
  r.ases = {{2, "as2/h", failoverFigures(series("111--0000"))},
            {3, "as3/h", failoverFigures(series("111----0"))},
            {4, "as4/h", failoverFigures(series("0000000"))},
            {5, "as5/h", failoverFigures(series("1110000"))}};
  EXPECT_NEAR(*r.medianLoss(), 0.03, 1e-9);  // 0.02 and 0.04; AS4 and AS5 lost nothing
  EXPECT_NEAR(*r.worstLoss(), 0.04, 1e-9);
  EXPECT_NEAR(*r.medianSwitch(), 0.02, 1e-9);  // 0.02, 0.04, 0.00
  EXPECT_NEAR(*r.worstSwitch(), 0.04, 1e-9);
  auto j = nlohmann::json::parse(failoverJson(r));
  EXPECT_EQ(j["ases"][3]["switch"], 0.0);
  EXPECT_TRUE(j["ases"][2]["switch"].is_null());
  EXPECT_EQ(j["loss_window"]["worst"], 0.04);
  EXPECT_NE(failoverTable(r).find("Loss window: median 0.030 s, worst 0.040 s (2 of 4 ASes lost "
                                  "probes, 0 not answered again)"),
            std::string::npos)
      << failoverTable(r);
  r.ases.push_back({6, "as6/h", failoverFigures(series("11----"))});
  EXPECT_EQ(r.losing(), 3);
  EXPECT_EQ(r.notRecovered(), 1);
  EXPECT_NEAR(*r.worstLoss(), 0.04, 1e-9);
  EXPECT_EQ(nlohmann::json::parse(failoverJson(r))["not_recovered"], 1);
}

TEST(FailoverCause, Names) {
  EXPECT_EQ(parseFailoverCause("link-down"), FailoverCause::LinkDown);
  EXPECT_EQ(failoverCauseName(FailoverCause::Kill), "kill");
  try {
    parseFailoverCause("reboot");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("--cause: unknown cause 'reboot'", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace asemu::map
