// Properties of an emulated L2 link, applied by backends as traffic control on each interface.
#pragma once

#include <cstdint>
#include <string>

namespace asemu {

// What a link may ask for: the limits every reader of link properties (topology files, plan
// JSON, the runtime for models built in C++) checks through the functions below.
constexpr uint32_t kMaxLatencyMs = 3600000;  // an hour
constexpr uint64_t kMinBandwidthBps = 8;     // one byte per second, the kernel's unit
constexpr uint64_t kMaxBandwidthBps = 1000000000000000ULL;  // 1 Pbit/s

// The rule for rates, as errors state it: "'bandwidth_bps' must be 0 (no limit) or from ...".
std::string bandwidthRule();
// Empty when `bps` can be applied: 0 (no limit) or from kMinBandwidthBps to kMaxBandwidthBps.
std::string bandwidthProblem(uint64_t bps);

struct LinkProperties {
  uint32_t latency_ms = 0;     // one-way delay added on each interface of the network
  uint64_t bandwidth_bps = 0;  // 0 = unlimited
  double loss_percent = 0;     // 0..100

  bool empty() const { return latency_ms == 0 && bandwidth_bps == 0 && loss_percent == 0; }
  // Delay and loss (and a rate with them) need netem; a rate alone is a token bucket (tbf).
  bool usesNetem() const { return latency_ms != 0 || loss_percent != 0; }
  bool operator==(const LinkProperties&) const = default;
  // Empty when every property is within its limits; else the first that is not, by its key.
  std::string problem() const;
};

}  // namespace asemu
