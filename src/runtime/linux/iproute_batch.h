// LinkOps as iproute2 batch input: one `ip -n NS -batch -` (and, for traffic control, one
// `tc -n NS -batch -`) per namespace instead of one process per object. Every input line
// remembers the operation it came from, so a failure names the interface, not a line number.
#pragma once

#include <string>
#include <vector>

#include "asemu/runtime/kernel.h"

namespace asemu::runtime::linuxos {

struct BatchScript {
  std::string text;
  std::vector<size_t> op_of_line;  // index into the batch's ops, per line
};

// `loopbackType` is the link type used for Loopback ops ("dummy", or "ifb" on kernels built
// without the dummy driver).
BatchScript ipScript(const Batch& batch, const std::string& loopbackType);
BatchScript tcScript(const Batch& batch);

// The failing line from iproute2's "Command failed -:N" (1-based), or 0.
size_t failedLine(const std::string& stderrText);

}  // namespace asemu::runtime::linuxos
