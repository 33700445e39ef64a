// An Emulation for the map's tests: the small test plan, BGP sessions kept in memory, and
// shells that run /bin/sh with a script instead of entering a node.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "asemu/core/error.h"
#include "asemu/map/emulation.h"
#include "test_plan.h"

namespace asemu::map {

class FakeEmulation : public Emulation {
 public:
  FakeEmulation() : plan_(testing::smallPlan()) {}
  const std::string& name() const override { return plan_.name; }
  const plan::Plan& plan() const override { return plan_; }
  std::string fabricNamespace() const override { return "asemu-small.fabric"; }
  std::vector<runtime::Port> ports() const override { return {}; }
  std::vector<runtime::SessionState> sessions(const plan::Node& node) override {
    if (birdDown) throw Error(node.id, "cannot reach BIRD");
    std::vector<runtime::SessionState> out;
    for (const auto& s : node.bird->sessions) {
      bool off = disabled.count(s.name) > 0;
      out.push_back({node.id, s.name, off ? "down" : "up", off ? "Disabled" : "Established",
                     s.neighbor_address.str() + " AS" + std::to_string(s.neighbor_as)});
    }
    return out;
  }
  void setSessionEnabled(const plan::Node& node, const std::string& session,
                         bool enabled) override {
    calls.push_back(node.id + " " + (enabled ? "enable " : "disable ") + session);
    if (enabled)
      disabled.erase(session);
    else
      disabled.insert(session);
  }

  std::vector<Ipv4Prefix> announced(const plan::Node&) override { return announcements; }
  // As the runtime: a prefix with host bits set or announced twice is refused.
  std::string setAnnounced(const plan::Node& node, const std::string& prefix,
                           bool announce) override {
    auto p = Ipv4Prefix::parse(prefix);
    if (!p) throw Error(prefix, "is not a prefix without host bits");
    auto at = std::find(announcements.begin(), announcements.end(), *p);
    if (announce == (at != announcements.end()))
      throw Error(node.id, announce ? "announces it already" : "does not announce it");
    if (announce)
      announcements.push_back(*p);
    else
      announcements.erase(at);
    return node.id + (announce ? ": announces " : ": withdraws ") + prefix;
  }
  // Every AS reaches as2/host_0 for 10.2.0.71; any other address reaches nothing.
  runtime::Catchment predictCatchment(Ipv4Address address) override {
    if (birdDown) throw Error("as2/r100", "cannot reach BIRD");
    runtime::Catchment c = runtime::newCatchment(plan_, address);
    c.predicted = true;
    for (auto& a : c.ases)
      a.predicted = address.str() == "10.2.0.71" ? runtime::Arrival{"as2/host_0", ""}
                                                 : runtime::Arrival{"", "no route at as2/r100"};
    return c;
  }
  void measureCatchment(Ipv4Address address, runtime::Catchment& c) override {
    ++measurements;
    c.measured = true;
    for (auto& a : c.ases)
      a.measured = address.str() == "10.2.0.71" ? runtime::Arrival{"as2/host_0", ""}
                                                : runtime::Arrival{"", "not seen"};
  }

  // Runs `/bin/sh -c shellScript` with the environment and directory it was given.
  std::unique_ptr<runtime::PreparedExec> prepareExec(
      const plan::Node& node, const std::vector<std::string>& argv,
      const std::vector<std::string>& env, const std::vector<std::string>& dirs) override {
    prepared.push_back(node.id + " " + argv.at(0));
    struct Script : runtime::PreparedExec {
      std::vector<std::string> args, env;
      std::vector<char*> argv, envp;
      std::string dir;
      void run() const noexcept override {
        if (chdir(dir.c_str()) != 0 && chdir("/") != 0) _exit(126);
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
      }
    };
    auto s = std::make_unique<Script>();
    s->args = {"/bin/sh", "-c", shellScript};
    s->env = env;
    s->dir = dirs.empty() ? "/" : dirs.front();
    for (auto& a : s->args) s->argv.push_back(a.data());
    s->argv.push_back(nullptr);
    for (auto& e : s->env) s->envp.push_back(e.data());
    s->envp.push_back(nullptr);
    return s;
  }

  plan::Plan plan_;
  std::set<std::string> disabled;
  std::vector<std::string> calls;
  std::vector<std::string> prepared;
  std::vector<Ipv4Prefix> announcements;
  int measurements = 0;
  std::string shellScript = "true";
  bool birdDown = false;
};

}  // namespace asemu::map
