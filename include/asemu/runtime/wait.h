// Polling with a deadline: the one way the runtime waits for the emulation to reach a state.
//
// A probe returns what is still missing ("as151/router0: p_as2 in Connect"); an empty answer
// means done. The clock and the sleep are injectable so that tests do not wait for real.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace asemu::runtime {

struct WaitResult {
  bool done = false;
  std::vector<std::string> stragglers;  // the probe's last answer
  double seconds = 0;                   // time spent waiting
  int probes = 0;
};

struct WaitClock {
  std::function<std::chrono::steady_clock::time_point()> now = [] {
    return std::chrono::steady_clock::now();
  };
  std::function<void(std::chrono::milliseconds)> sleep;  // default: std::this_thread::sleep_for
};

// Calls `probe` until it returns an empty list or `timeout` has passed, `interval` apart.
WaitResult waitUntil(const std::function<std::vector<std::string>()>& probe,
                     std::chrono::milliseconds timeout, std::chrono::milliseconds interval,
                     const WaitClock& clock = {});

// "timed out after 10.0 s waiting for 2 of them: a; b" (lists at most `shown` stragglers).
std::string describeTimeout(const WaitResult& r, const std::string& what, size_t shown = 10);

}  // namespace asemu::runtime
