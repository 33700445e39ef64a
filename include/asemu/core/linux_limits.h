// Limits of the Linux kernel that every engine's output has to respect.
#pragma once

#include <cstddef>

namespace asemu {

// A Linux bridge has at most 1,023 ports: port numbers have 10 bits and 0 is reserved. One more
// fails with EXFULL ("Exchange full").
inline constexpr size_t kBridgePorts = 1023;

}  // namespace asemu
