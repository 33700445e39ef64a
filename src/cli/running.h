// The running emulation a verb acts on: the -e option (optional while one emulation runs), its
// plan, and the runtime over the Linux kernel. Shared by the verbs that reach into nodes.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "asemu/runtime/kernel.h"
#include "asemu/runtime/node_lookup.h"
#include "asemu/runtime/runtime.h"

namespace asemu::cli {

// The emulation named on the command line: the value when the option was given, even an empty
// one (so that `asemu down "$UNSET"` is refused instead of meaning "the one that runs"), and
// nothing when it was not.
inline std::optional<std::string> given(const CLI::Option* option, const std::string& value) {
  return option->count() > 0 ? std::optional<std::string>(value) : std::nullopt;
}

struct Running {
  std::unique_ptr<runtime::Kernel> kernel = runtime::linuxKernel();
  runtime::Runtime rt{*kernel};
  std::string name;
  plan::Plan plan;

  // No `emulation`: the one emulation that runs (an error names them when there are several).
  explicit Running(const std::optional<std::string>& emulation)
      : name(rt.resolveEmulation(emulation)), plan(rt.plan(name)) {}

  const plan::Node& node(const std::string& query) const {
    return runtime::resolveNode(plan, query);
  }
};

}  // namespace asemu::cli
