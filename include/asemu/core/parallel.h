// Running independent pieces of work on a few threads, for waits on many daemons at once.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace asemu {

// Calls `work(i)` for every i in [0, count), from at most `threads` threads (the caller's one
// among them), and returns when every call has returned. `work` must not throw.
inline void forEachInParallel(size_t count, size_t threads,
                              const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  auto drain = [&] {
    for (size_t i; (i = next++) < count;) work(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < std::min(std::max<size_t>(threads, 1), count); ++t)
    pool.emplace_back(drain);
  drain();
  for (auto& t : pool) t.join();
}

}  // namespace asemu
