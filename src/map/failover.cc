#include "asemu/map/failover.h"

#include <signal.h>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "asemu/core/error.h"
#include "asemu/core/names.h"
#include "asemu/map/probes.h"
#include "asemu/runtime/catchment.h"
#include "asemu/runtime/node_lookup.h"
#include "asemu/runtime/state.h"

namespace asemu::map {

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

std::optional<double> worst(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  return *std::max_element(v.begin(), v.end());
}

std::vector<double> lossWindows(const FailoverReport& r) {
  std::vector<double> out;
  for (const auto& a : r.ases)
    if (a.figures.lost > 0 && a.figures.loss_window) out.push_back(*a.figures.loss_window);
  return out;
}

std::vector<double> switchTimes(const FailoverReport& r) {
  std::vector<double> out;
  for (const auto& a : r.ases)
    if (a.figures.switch_time) out.push_back(*a.figures.switch_time);
  return out;
}

}  // namespace

FailoverCause parseFailoverCause(const std::string& text) {
  if (text == "disable") return FailoverCause::Disable;
  if (text == "link-down") return FailoverCause::LinkDown;
  if (text == "kill") return FailoverCause::Kill;
  throw Error("--cause", unknownNameMessage("cause", text, {"disable", "link-down", "kill"}));
}

std::string failoverCauseName(FailoverCause cause) {
  switch (cause) {
    case FailoverCause::Disable:
      return "disable";
    case FailoverCause::LinkDown:
      return "link-down";
    case FailoverCause::Kill:
      return "kill";
  }
  return "";
}

FailoverFigures failoverFigures(const ProbeSeries& s) {
  FailoverFigures f;
  const size_t n = s.sent.size();
  auto answeredAt = [&](size_t i) { return s.answered[i] && !s.arrivals[i].empty(); };
  // Before time 0: the place of the last answered probe, or, when none was answered (a hijacker
  // drops what it attracts), the last place a probe was seen arriving.
  std::string seen;
  for (size_t i = 0; i < n && s.sent[i] < 0; ++i) {
    if (answeredAt(i)) f.before = s.arrivals[i];
    if (!s.arrivals[i].empty()) seen = s.arrivals[i];
  }
  if (f.before.empty()) f.before = seen;
  for (size_t i = n; i-- > 0;)
    if (answeredAt(i)) {
      f.after = s.arrivals[i];
      break;
    }
  std::optional<size_t> firstLost, lastLost;
  for (size_t i = 0; i < n; ++i)
    if (s.sent[i] >= 0 && !s.answered[i]) {
      if (!firstLost) firstLost = i;
      lastLost = i;
      ++f.lost;
    }
  if (!firstLost) {
    f.loss_window = 0.0;
  } else {
    for (size_t j = *lastLost + 1; j < n; ++j)
      if (s.answered[j]) {
        f.loss_window = s.sent[j] - s.sent[*firstLost];
        break;
      }
  }
  if (!f.before.empty())
    for (size_t i = 0; i < n; ++i)
      if (s.sent[i] >= 0 && answeredAt(i) && s.arrivals[i] != f.before) {
        f.switch_time = s.sent[i];
        break;
      }
  return f;
}

int FailoverReport::losing() const {
  return int(std::count_if(ases.begin(), ases.end(),
                           [](const FailoverAs& a) { return a.figures.lost > 0; }));
}
int FailoverReport::notRecovered() const {
  return int(std::count_if(ases.begin(), ases.end(),
                           [](const FailoverAs& a) { return !a.figures.loss_window; }));
}

std::optional<double> FailoverReport::medianLoss() const {
  return median(lossWindows(*this));
}
std::optional<double> FailoverReport::worstLoss() const {
  return worst(lossWindows(*this));
}
std::optional<double> FailoverReport::medianSwitch() const {
  return median(switchTimes(*this));
}
std::optional<double> FailoverReport::worstSwitch() const {
  return worst(switchTimes(*this));
}

namespace {

std::string secondsText(const std::optional<double>& s, const char* none) {
  return s ? fmt::format("{:.3f} s", *s) : none;
}

nlohmann::json orNull(const std::optional<double>& s) {
  return s ? nlohmann::json(std::round(*s * 1e4) / 1e4) : nlohmann::json();
}

}  // namespace

std::string failoverTable(const FailoverReport& r) {
  std::string out = fmt::format(
      "{} of {} at time 0; probes to {} every {:.0f} ms, {} sent, {:.1f} s after time 0\n", r.cause,
      r.site, r.address, r.interval * 1000, r.probes_sent, r.duration);
  out += fmt::format("{:<8} {:<18} {:<18} {:<18} {:>5}  {:<13} {}\n", "AS", "PROBE", "BEFORE",
                     "AFTER", "LOST", "LOSS WINDOW", "SWITCH");
  for (const auto& a : r.ases) {
    const auto& f = a.figures;
    out += fmt::format("{:<8} {:<18} {:<18} {:<18} {:>5}  {:<13} {}\n",
                       "AS" + std::to_string(a.asn), a.probe, f.before.empty() ? "-" : f.before,
                       f.after.empty() ? "-" : f.after, f.lost,
                       secondsText(f.loss_window, "no recovery"), secondsText(f.switch_time, "-"));
  }
  size_t switching = switchTimes(r).size();
  out += fmt::format(
      "\nLoss window: median {}, worst {} ({} of {} ASes lost probes, {} not answered again)\n",
      secondsText(r.medianLoss(), "-"), secondsText(r.worstLoss(), "-"), r.losing(), r.ases.size(),
      r.notRecovered());
  out += fmt::format("Switch:      median {}, worst {} ({} of {} ASes reached another place)\n",
                     secondsText(r.medianSwitch(), "-"), secondsText(r.worstSwitch(), "-"),
                     switching, r.ases.size());
  out += "Restored: " + r.restored + "\n";
  return out;
}

std::string failoverJson(const FailoverReport& r) {
  nlohmann::json ases = nlohmann::json::array();
  for (const auto& a : r.ases)
    ases.push_back({{"asn", a.asn},
                    {"probe", a.probe},
                    {"before", a.figures.before},
                    {"after", a.figures.after},
                    {"lost", a.figures.lost},
                    {"loss_window", orNull(a.figures.loss_window)},
                    {"switch", orNull(a.figures.switch_time)}});
  nlohmann::json out = {
      {"address", r.address},
      {"site", r.site},
      {"cause", r.cause},
      {"interval", r.interval},
      {"duration", std::round(r.duration * 1e3) / 1e3},
      {"probes_sent", r.probes_sent},
      {"ases", ases},
      {"losing", r.losing()},
      {"not_recovered", r.notRecovered()},
      {"loss_window", {{"median", orNull(r.medianLoss())}, {"worst", orNull(r.worstLoss())}}},
      {"switch", {{"median", orNull(r.medianSwitch())}, {"worst", orNull(r.worstSwitch())}}},
      {"restored", r.restored}};
  return out.dump(2);
}

namespace {

// The site's router and how to take it away and bring it back.
class Site {
 public:
  Site(runtime::Runtime& rt, const std::string& name, const plan::Plan& plan,
       const plan::Node& node, FailoverCause cause)
      : rt_(rt), name_(name), node_(node), cause_(cause) {
    if (!node.bird)
      throw Error(node.id, "runs no BIRD (it is a " + plan::roleName(node.role) +
                               "); name the router of a site");
    if (cause == FailoverCause::LinkDown) {
      for (const auto& i : node.interfaces) {
        const plan::Network* n = plan.findNetwork(i.network);
        if (!n || n->kind != plan::NetworkKind::Exchange) continue;
        if (std::string why = interfaceNameProblem(i.name); !why.empty())
          throw Error(node.id, "interface '" + i.name + "': " + why);
        interfaces_.push_back(i.name);
      }
      if (interfaces_.empty())
        throw Error(node.id, "has no exchange interface to set down; use --cause disable");
    }
    if (cause == FailoverCause::Kill) pid_ = birdPid();
  }

  void apply() {
    switch (cause_) {
      case FailoverCause::Disable:
        for (const auto& s : node_.bird->sessions)
          rt_.setSessionEnabled(name_, node_, s.name, false);
        break;
      case FailoverCause::LinkDown:
        for (const auto& i : interfaces_) setLink(i, "down");
        break;
      case FailoverCause::Kill:
        // Only the BIRD recorded for this node, and only while it lives in the node's namespace.
        if (pid_ != birdPid()) throw Error(node_.id, "its BIRD changed while probing");
        if (::kill(pid_, SIGKILL) != 0)
          throw Error(node_.id, fmt::format("cannot kill its BIRD (process {})", pid_));
        break;
    }
    applied_ = true;
  }

  // What was done, for the report; never throws.
  std::string restore() noexcept {
    if (!applied_) return "nothing to restore";
    std::string done;
    try {
      switch (cause_) {
        case FailoverCause::Disable:
          for (const auto& s : node_.bird->sessions)
            rt_.setSessionEnabled(name_, node_, s.name, true);
          done = fmt::format("enabled {} sessions of {}", node_.bird->sessions.size(), node_.id);
          break;
        case FailoverCause::LinkDown:
          for (const auto& i : interfaces_) setLink(i, "up");
          done = "set " + node_.id + "'s exchange interfaces up";
          break;
        case FailoverCause::Kill:
          waitGone();
          rt_.kernel().startDaemons({rt_.birdDaemon(name_, node_)});
          done = "started " + node_.id + "'s BIRD again";
          break;
      }
    } catch (const std::exception& e) {
      return "FAILED: " + printable(e.what()) + " (asemu bgp, asemu exec or down and up again)";
    }
    try {
      runtime::WaitResult w = rt_.waitForBgp(name_, std::chrono::seconds(30));
      std::string stragglers;
      for (const auto& s : w.stragglers) stragglers += (stragglers.empty() ? "" : ", ") + s;
      done += w.done ? fmt::format("; BGP established again after {:.1f} s", w.seconds)
                     : "; BGP not yet established again after 30 s: " + stragglers;
      // BFD comes up after the sessions that asked for it; until then a lost link is noticed
      // only by the hold timer, so the next experiment would measure that.
      if (node_.bird->bfd && !bfdUp(std::chrono::seconds(5)))
        done += "; BFD not yet up again after 5 s";
    } catch (const std::exception& e) {
      done += "; cannot check BGP: " + printable(e.what());
    }
    return done;
  }

 private:
  // Whether every BFD session of the site's BIRD is Up, within `limit`.
  bool bfdUp(std::chrono::milliseconds limit) const {
    auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
      std::string text = rt_.birdCommand(name_, node_, "show bfd sessions").text();
      bool up = text.find(" Up ") != std::string::npos &&
                text.find(" Down ") == std::string::npos &&
                text.find(" Init ") == std::string::npos;
      if (up) return true;
      if (std::chrono::steady_clock::now() >= until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  int birdPid() const {
    auto file = rt_.state(name_).birdPidFile(node_.id);
    int pid = runtime::readPidFile(file);
    runtime::NodeView view = rt_.view(name_, node_);
    auto inside = rt_.kernel().processesIn({view.ns});
    if (pid <= 0 || std::find(inside.begin(), inside.end(), pid) == inside.end())
      throw Error(node_.id, "its BIRD is not running (no live process in " + file.string() + ")");
    return pid;
  }

  void waitGone() const {
    runtime::NodeView view = rt_.view(name_, node_);
    for (int i = 0; i < 200; ++i) {
      auto inside = rt_.kernel().processesIn({view.ns});
      if (std::find(inside.begin(), inside.end(), pid_) == inside.end()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  void setLink(const std::string& ifname, const char* state) {
    int rc =
        rt_.kernel().runIn(rt_.view(name_, node_), {"ip", "link", "set", "dev", ifname, state});
    if (rc != 0)
      throw Error(node_.id,
                  fmt::format("'ip link set dev {} {}' failed (exit {})", ifname, state, rc));
  }

  runtime::Runtime& rt_;
  const std::string& name_;
  const plan::Node& node_;
  FailoverCause cause_;
  std::vector<std::string> interfaces_;
  int pid_ = 0;
  bool applied_ = false;
};

std::vector<runtime::AsPlaces> probePlaces(const plan::Plan& plan, Ipv4Address address,
                                           const std::vector<int>& from) {
  auto holderList = runtime::addressHolders(plan, address);
  auto places = runtime::catchmentPlaces(plan, address);
  std::vector<runtime::AsPlaces> out;
  for (int asn : from)
    if (std::none_of(places.begin(), places.end(),
                     [&](const runtime::AsPlaces& p) { return p.asn == asn; })) {
      std::vector<std::string> known;
      for (const auto& p : places) known.push_back(std::to_string(p.asn));
      throw Error("--from", unknownNameMessage("AS", std::to_string(asn), known));
    }
  for (const auto& p : places) {
    if (!from.empty() && std::find(from.begin(), from.end(), p.asn) == from.end()) continue;
    // A probe node that holds the address answers itself whatever happens to the site.
    if (std::find(holderList.begin(), holderList.end(), p.probe) != holderList.end()) continue;
    out.push_back(p);
  }
  if (out.empty())
    throw Error("--from", "no AS to probe from (every chosen AS holds " + address.str() + ")");
  return out;
}

}  // namespace

FailoverReport runFailover(runtime::Runtime& rt, const std::string& name, const plan::Plan& plan,
                           Ipv4Address address, const FailoverOptions& options) {
  const plan::Node& siteNode = runtime::resolveNode(plan, options.site);
  auto places = probePlaces(plan, address, options.from);
  Site site(rt, name, plan, siteNode, options.cause);

  FailoverReport report;
  report.address = address.str();
  report.site = siteNode.id;
  report.cause = failoverCauseName(options.cause);

  std::vector<EchoSockets::Origin> origins;
  for (const auto& p : places)
    origins.push_back(probeOrigin(rt, name, plan, *plan.findNode(p.probe)));
  auto holderList = runtime::addressHolders(plan, address);
  ArrivalTracker tracker(std::set<std::string>(holderList.begin(), holderList.end()));
  std::random_device seed;
  auto firstId = uint16_t(std::uniform_int_distribution<int>(1, 0xffff)(seed));
  EchoSockets sockets(origins, address, firstId);
  auto capture = captureEchoes(rt, name, address, tracker);

  // The interval grows so that no more than max_probes are sent, and sequence numbers fit.
  auto total = options.baseline + options.duration;
  auto interval = std::max(options.interval, std::chrono::milliseconds(1));
  auto fit = std::chrono::milliseconds(
      int64_t(places.size()) * total.count() / std::max(options.max_probes, 1) + 1);
  interval = std::max({interval, fit, total / 60000 + std::chrono::milliseconds(1)});

  const size_t n = places.size();
  std::vector<std::vector<Clock::time_point>> sentAt(n);
  std::vector<std::vector<bool>> answered(n);
  auto record = [&](std::chrono::milliseconds wait) {
    for (auto [i, seq] : sockets.receive(wait))
      if (seq >= 1 && seq <= answered[i].size()) answered[i][seq - 1] = true;
  };
  // Every probe node answered the `stable` probes before the last few (still in flight).
  auto settled = [&] {
    const size_t inFlight = size_t(std::chrono::milliseconds(200) / interval) + 1;
    for (size_t i = 0; i < n; ++i) {
      size_t sent = answered[i].size();
      if (sent < inFlight + size_t(options.stable)) return false;
      for (size_t k = sent - inFlight - options.stable; k < sent - inFlight; ++k)
        if (!answered[i][k]) return false;
    }
    return true;
  };

  const auto start = Clock::now();
  std::optional<Clock::time_point> zero;
  std::string failure;
  try {
    for (auto tick = start;; tick += interval) {
      auto now = Clock::now();
      if (!zero && now - start >= options.baseline) {
        zero = now;
        site.apply();
      }
      if (zero && (now - *zero >= options.duration ||
                   (now - *zero >= std::chrono::seconds(1) && settled())))
        break;
      for (size_t i = 0; i < n; ++i) {
        sentAt[i].push_back(Clock::now());
        answered[i].push_back(false);
        sockets.send(i, uint16_t(answered[i].size()));
        ++report.probes_sent;
      }
      auto next = tick + interval;
      while (Clock::now() < next)
        record(std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()) +
               std::chrono::milliseconds(0));
    }
    // Replies still on their way.
    for (auto until = Clock::now() + std::chrono::milliseconds(300); Clock::now() < until;)
      record(std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()));
  } catch (const std::exception& e) {
    failure = printable(e.what());
  }
  auto end = Clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  capture->stop();
  report.restored = site.restore();
  if (!failure.empty()) throw Error(siteNode.id, failure + "; " + report.restored);

  report.interval = seconds(interval);
  report.duration = seconds(end - *zero);
  for (size_t i = 0; i < n; ++i) {
    ProbeSeries s;
    for (size_t k = 0; k < sentAt[i].size(); ++k) {
      s.sent.push_back(seconds(sentAt[i][k] - *zero));
      s.answered.push_back(answered[i][k]);
      auto arrival = tracker.arrival(sockets.id(i), uint16_t(k + 1));
      s.arrivals.push_back(arrival && arrival->reached() ? arrival->origin : "");
    }
    report.ases.push_back({places[i].asn, places[i].probe, failoverFigures(s)});
  }
  return report;
}

}  // namespace asemu::map
