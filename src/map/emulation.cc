#include "asemu/map/emulation.h"

#include "asemu/core/error.h"
#include "asemu/map/probes.h"
#include "asemu/runtime/naming.h"

namespace asemu::map {

namespace {

class RunningEmulation : public Emulation {
 public:
  RunningEmulation(runtime::Runtime& rt, std::string name)
      : rt_(rt), name_(std::move(name)), plan_(rt.plan(name_)) {}

  const std::string& name() const override { return name_; }
  const plan::Plan& plan() const override { return plan_; }
  std::string fabricNamespace() const override { return runtime::fabricNamespace(name_); }
  std::vector<runtime::Port> ports() const override { return rt_.state(name_).readRecord().ports; }
  std::vector<runtime::SessionState> sessions(const plan::Node& node) override {
    return rt_.sessions(name_, node);
  }
  void setSessionEnabled(const plan::Node& node, const std::string& session,
                         bool enabled) override {
    rt_.setSessionEnabled(name_, node, session, enabled);
  }
  std::vector<Ipv4Prefix> announced(const plan::Node& node) override {
    return rt_.announced(name_, node);
  }
  std::string setAnnounced(const plan::Node& node, const std::string& prefix,
                           bool announce) override {
    return rt_.setAnnounced(name_, node, prefix, announce);
  }
  runtime::Catchment predictCatchment(Ipv4Address address) override {
    runtime::Catchment c = runtime::newCatchment(plan_, address);
    runtime::RouteQuery ask = [&](const plan::Node& router, const std::string& command) {
      return rt_.birdCommand(name_, router, command);
    };
    runtime::predictCatchment(plan_, address, ask, c);
    return c;
  }
  void measureCatchment(Ipv4Address address, runtime::Catchment& c) override {
    map::measureCatchment(rt_, name_, plan_, address, c);
  }
  std::unique_ptr<runtime::PreparedExec> prepareExec(
      const plan::Node& node, const std::vector<std::string>& argv,
      const std::vector<std::string>& env, const std::vector<std::string>& dirs) override {
    return runtime::prepareExecIn(rt_.view(name_, node), argv, env, dirs);
  }

 private:
  runtime::Runtime& rt_;
  std::string name_;
  plan::Plan plan_;
};

class PlanOnly : public Emulation {
 public:
  explicit PlanOnly(plan::Plan plan) : plan_(std::move(plan)) {}
  const std::string& name() const override { return plan_.name; }
  const plan::Plan& plan() const override { return plan_; }
  std::string fabricNamespace() const override { notRunning(); }
  std::vector<runtime::Port> ports() const override { return {}; }
  std::vector<runtime::SessionState> sessions(const plan::Node&) override { notRunning(); }
  void setSessionEnabled(const plan::Node&, const std::string&, bool) override { notRunning(); }
  std::vector<Ipv4Prefix> announced(const plan::Node&) override { notRunning(); }
  std::string setAnnounced(const plan::Node&, const std::string&, bool) override { notRunning(); }
  runtime::Catchment predictCatchment(Ipv4Address) override { notRunning(); }
  void measureCatchment(Ipv4Address, runtime::Catchment&) override { notRunning(); }
  std::unique_ptr<runtime::PreparedExec> prepareExec(const plan::Node&,
                                                     const std::vector<std::string>&,
                                                     const std::vector<std::string>&,
                                                     const std::vector<std::string>&) override {
    notRunning();
  }

 private:
  [[noreturn]] void notRunning() const {
    throw Error(plan_.name,
                "is not running (the map shows its plan only; start it with 'asemu up')");
  }
  plan::Plan plan_;
};

}  // namespace

std::unique_ptr<Emulation> planOnly(plan::Plan plan) {
  return std::make_unique<PlanOnly>(std::move(plan));
}

std::unique_ptr<Emulation> runningEmulation(runtime::Runtime& rt, const std::string& name) {
  return std::make_unique<RunningEmulation>(rt, name);
}

}  // namespace asemu::map
