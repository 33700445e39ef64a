// The layer contract: a name, the layers it needs, and a render step that adds to the Plan.
//
// Layers render in dependency order (Base, Routing, Ebgp, Ospf, Ibgp for a full emulation).
// Each reads the user's intent from its own configuration and from earlier layers' output in
// the Plan; problems go to the context's Diagnostics so that one render reports all of them.
// Every layer renders even when an earlier one found problems: what was in error is left out of
// the Plan and marked failed, and a later layer skips only the checks that depend on a failed
// object, so that a problem is reported once, where it is, and never as its consequences.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "asemu/core/error.h"
#include "asemu/plan/plan.h"

namespace asemu {

class Emulator;

// Where plan objects came from, for errors that must point back into a topology file.
struct RenderContext {
  const Emulator& emulator;
  plan::Plan plan;
  Diagnostics diagnostics;
  // Filled by Base: Plan::nodes index by node id, declaration place by node id.
  std::unordered_map<std::string, size_t> node_index;
  std::unordered_map<std::string, SourceLocation> node_origin;

  // Ids of the nodes and networks ("as150/host_0", "ix/ix100") that are in error or that lost
  // an interface to an error: checks of what they would have been are skipped.
  std::set<std::string> failed;

  explicit RenderContext(const Emulator& emu) : emulator(emu) {}
  plan::Node& node(const std::string& id) { return plan.nodes.at(node_index.at(id)); }
  // Reports a problem with the node or network `id` and marks it failed.
  void fail(const std::string& id, const std::string& message, const SourceLocation& where) {
    diagnostics.add(id, message, where);
    failed.insert(id);
  }
  bool hasFailed(const std::string& id) const { return failed.count(id) > 0; }
};

class Layer {
 public:
  virtual ~Layer() = default;
  virtual std::string name() const = 0;
  virtual std::vector<std::string> dependencies() const = 0;
  virtual void render(RenderContext& ctx) const = 0;
  // Layers are handles: a copy shares the configuration (like a Python object reference).
  virtual std::unique_ptr<Layer> clone() const = 0;
};

}  // namespace asemu
