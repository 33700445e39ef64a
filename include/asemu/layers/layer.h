// The layer contract: a name, the layers it needs, and a render step that adds to the Plan.
//
// Layers render in dependency order (Base, Routing, Ebgp, Ospf, Ibgp for a full emulation).
// Each reads the user's intent from its own configuration and from earlier layers' output in
// the Plan; problems go to the context's Diagnostics so that one render reports all of them.
#pragma once

#include <memory>
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

  explicit RenderContext(const Emulator& emu) : emulator(emu) {}
  plan::Node& node(const std::string& id) { return plan.nodes.at(node_index.at(id)); }
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
