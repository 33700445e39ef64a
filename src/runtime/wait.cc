#include "asemu/runtime/wait.h"

#include <thread>

#include <fmt/format.h>

namespace asemu::runtime {

WaitResult waitUntil(const std::function<std::vector<std::string>()>& probe,
                     std::chrono::milliseconds timeout, std::chrono::milliseconds interval,
                     const WaitClock& clock) {
  auto start = clock.now();
  auto deadline = start + timeout;
  WaitResult r;
  for (;;) {
    r.stragglers = probe();
    ++r.probes;
    auto now = clock.now();
    r.seconds = std::chrono::duration<double>(now - start).count();
    if (r.stragglers.empty()) {
      r.done = true;
      return r;
    }
    if (now >= deadline) return r;
    auto pause = std::min<std::chrono::milliseconds>(
        interval, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) +
                      std::chrono::milliseconds(1));
    if (clock.sleep)
      clock.sleep(pause);
    else
      std::this_thread::sleep_for(pause);
  }
}

std::string describeTimeout(const WaitResult& r, const std::string& what, size_t shown) {
  std::string text = fmt::format("timed out after {:.1f} s waiting for {} {}", r.seconds,
                                 r.stragglers.size(), what);
  for (size_t i = 0; i < r.stragglers.size() && i < shown; ++i)
    text += (i == 0 ? ": " : "; ") + r.stragglers[i];
  if (r.stragglers.size() > shown)
    text += fmt::format("; and {} more", r.stragglers.size() - shown);
  return text;
}

}  // namespace asemu::runtime
