// Properties of an emulated L2 link, applied by backends as traffic control on each interface.
#pragma once

#include <cstdint>

namespace asemu {

struct LinkProperties {
  uint32_t latency_ms = 0;     // one-way delay added on each interface of the network
  uint64_t bandwidth_bps = 0;  // 0 = unlimited
  double loss_percent = 0;     // 0..100

  bool empty() const { return latency_ms == 0 && bandwidth_bps == 0 && loss_percent == 0; }
  // Delay and loss (and a rate with them) need netem; a rate alone is a token bucket (tbf).
  bool usesNetem() const { return latency_ms != 0 || loss_percent != 0; }
  bool operator==(const LinkProperties&) const = default;
};

}  // namespace asemu
