// Failover stopwatch: how long each AS loses an address when one of its sites goes away.
//
// Every probe node (one per AS, as for the catchment) sends an echo request to the address every
// `interval`; the fabric capture records where each one arrives. After a short baseline the
// cause is applied to the site's router (time 0): its BGP sessions disabled, its exchange
// interfaces set down, or its BIRD killed. Probing goes on until every probe node has answered
// `stable` probes in a row again (at least one second after time 0), or `duration` has passed.
// Then the site is restored: sessions enabled, interfaces up, BIRD started again as `up` starts
// it.
//
// For each probe node:
//   loss window: from the first probe lost after time 0 to the first probe answered after the
//     last one lost (send times); 0 when nothing was lost; unset when answers never came back.
//   switch: from time 0 to the first answered probe that arrived at another place than the last
//     answered probe before time 0 (or, when none was answered, the last one seen arriving: a
//     hijacker that drops what it attracts); unset when the place never changed.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/plan/plan.h"
#include "asemu/runtime/runtime.h"

namespace asemu::map {

enum class FailoverCause { Disable, LinkDown, Kill };

// "disable", "link-down", "kill"; Error for anything else.
FailoverCause parseFailoverCause(const std::string& text);
std::string failoverCauseName(FailoverCause cause);

// What one probe node saw, with send times relative to time 0 (negative: before).
struct ProbeSeries {
  std::vector<double> sent;           // seconds
  std::vector<bool> answered;         // a reply came back
  std::vector<std::string> arrivals;  // node where the request arrived; "" when not seen
};

struct FailoverFigures {
  std::string before;                 // where answered probes arrived before time 0, or where
                                      // unanswered ones did when none was answered (a blackhole)
  std::string after;                  // where the last answered probe arrived
  int lost = 0;                       // probes lost after time 0
  std::optional<double> loss_window;  // seconds
  std::optional<double> switch_time;  // seconds
};

// The figures of one series, as defined above.
FailoverFigures failoverFigures(const ProbeSeries& series);

struct FailoverAs {
  int asn = 0;
  std::string probe;
  FailoverFigures figures;
};

struct FailoverReport {
  std::string address;
  std::string site;
  std::string cause;
  double interval = 0;  // seconds between probes
  double duration = 0;  // seconds probed after time 0
  int probes_sent = 0;  // by all probe nodes together
  std::vector<FailoverAs> ases;
  std::string restored;      // what was done to restore the site
  int losing() const;        // ASes that lost probes after time 0
  int notRecovered() const;  // of those, ASes never answered again while probing
  // Median and worst loss window among ASes that lost probes and were answered again, and of the
  // switch time among ASes that switched; unset when none did.
  std::optional<double> medianLoss() const;
  std::optional<double> worstLoss() const;
  std::optional<double> medianSwitch() const;
  std::optional<double> worstSwitch() const;
};

std::string failoverTable(const FailoverReport& report);
std::string failoverJson(const FailoverReport& report);

struct FailoverOptions {
  FailoverCause cause = FailoverCause::Disable;
  std::string site;       // node query for the site's router
  std::vector<int> from;  // ASNs; empty: every AS
  std::chrono::milliseconds interval{10};
  std::chrono::milliseconds baseline{500};
  std::chrono::milliseconds duration{30000};  // at most, after time 0
  int stable = 50;                            // answers in a row that end probing early
  int max_probes = 200000;                    // sends in all; the interval grows to fit
};

// Runs the experiment on the running emulation `name` and restores the site afterwards (also
// when probing fails). Throws asemu::Error for an unknown site or AS, a site without BIRD.
FailoverReport runFailover(runtime::Runtime& rt, const std::string& name, const plan::Plan& plan,
                           Ipv4Address address, const FailoverOptions& options);

}  // namespace asemu::map
