// The running emulation a verb acts on: the -e option (optional while one emulation runs), its
// plan, and the runtime over the Linux kernel. Shared by the verbs that reach into nodes.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "asemu/runtime/kernel.h"
#include "asemu/runtime/node_lookup.h"
#include "asemu/runtime/runtime.h"

namespace asemu::cli {

struct Running {
  std::unique_ptr<runtime::Kernel> kernel = runtime::linuxKernel();
  runtime::Runtime rt{*kernel};
  std::string name;
  plan::Plan plan;

  // `emulation` empty: the one emulation that runs (an error names them when there are several).
  explicit Running(const std::string& emulation)
      : name(rt.resolveEmulation(emulation.empty() ? std::nullopt
                                                   : std::optional<std::string>(emulation))),
        plan(rt.plan(name)) {}

  const plan::Node& node(const std::string& query) const {
    return runtime::resolveNode(plan, query);
  }
};

}  // namespace asemu::cli
