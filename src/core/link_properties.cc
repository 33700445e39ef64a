#include "asemu/core/link_properties.h"

#include <fmt/format.h>

namespace asemu {

std::string bandwidthRule() {
  return fmt::format(
      "'bandwidth_bps' must be 0 (no limit) or from {} (one byte per second, the kernel's "
      "smallest rate) to {}",
      kMinBandwidthBps, kMaxBandwidthBps);
}

std::string bandwidthProblem(uint64_t bps) {
  if (bps == 0 || (bps >= kMinBandwidthBps && bps <= kMaxBandwidthBps)) return {};
  return fmt::format("{}, got {}", bandwidthRule(), bps);
}

std::string LinkProperties::problem() const {
  if (latency_ms > kMaxLatencyMs)
    return fmt::format("'latency_ms' must be an integer from 0 to {}, got {}", kMaxLatencyMs,
                       latency_ms);
  if (std::string why = bandwidthProblem(bandwidth_bps); !why.empty()) return why;
  if (!(loss_percent >= 0 && loss_percent <= 100))
    return fmt::format("'loss_percent' must be a number from 0 to 100, got {}", loss_percent);
  return {};
}

}  // namespace asemu
