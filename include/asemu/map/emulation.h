// What the map needs from a running emulation, behind an interface so that the API is tested
// against a fake: the plan, the bridge ports, and the BGP sessions of a node.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/plan/plan.h"
#include "asemu/runtime/catchment.h"
#include "asemu/runtime/realization.h"
#include "asemu/runtime/runtime.h"

namespace asemu::map {

class Emulation {
 public:
  virtual ~Emulation() = default;
  virtual const std::string& name() const = 0;
  virtual const plan::Plan& plan() const = 0;
  virtual std::string fabricNamespace() const = 0;
  virtual std::vector<runtime::Port> ports() const = 0;
  // Throw asemu::Error (unknown session, BIRD unreachable).
  virtual std::vector<runtime::SessionState> sessions(const plan::Node& node) = 0;
  virtual void setSessionEnabled(const plan::Node& node, const std::string& session,
                                 bool enabled) = 0;
  // What a router announces now, and a change to that (runtime/announcements.h). Throw
  // asemu::Error (a bad prefix, BIRD's refusal).
  virtual std::vector<Ipv4Prefix> announced(const plan::Node& node) = 0;
  virtual std::string setAnnounced(const plan::Node& node, const std::string& prefix,
                                   bool announce) = 0;
  // The catchment of `address` (runtime/catchment.h) predicted from BIRD's tables, and its
  // measured side added with one probe per AS. Throw asemu::Error.
  virtual runtime::Catchment predictCatchment(Ipv4Address address) = 0;
  virtual void measureCatchment(Ipv4Address address, runtime::Catchment& catchment) = 0;
  // `argv` made ready to run inside the node from a forked child (runtime::PreparedExec), with
  // exactly the environment `env`, in the first of `dirs` that exists. Throws asemu::Error.
  virtual std::unique_ptr<runtime::PreparedExec> prepareExec(
      const plan::Node& node, const std::vector<std::string>& argv,
      const std::vector<std::string>& env, const std::vector<std::string>& dirs) = 0;
};

// The running emulation `name` as the runtime keeps it.
std::unique_ptr<Emulation> runningEmulation(runtime::Runtime& runtime, const std::string& name);

// A rendered plan that is not running: the graph is drawn, while packets, BGP and consoles
// answer that nothing runs. For looking at a topology before `asemu up`.
std::unique_ptr<Emulation> planOnly(plan::Plan plan);

}  // namespace asemu::map
