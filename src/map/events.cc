#include "asemu/map/events.h"

#include <fmt/format.h>

#include <cmath>
#include <ctime>

namespace asemu::map {

nlohmann::json toJson(const Event& e) {
  return {{"time", e.time},
          {"node", e.node},
          {"network", e.network},
          {"interface", e.interface},
          {"direction", e.to_node ? "to" : "from"},
          {"summary", e.summary},
          {"count", e.count}};
}

std::string textLine(const Event& e) {
  std::time_t secs = std::time_t(e.time);
  std::tm tm{};
  localtime_r(&secs, &tm);
  int millis = int(std::fmod(e.time, 1.0) * 1000);
  std::string line =
      fmt::format("{:02}:{:02}:{:02}.{:03} {} {} {} {}", tm.tm_hour, tm.tm_min, tm.tm_sec, millis,
                  e.node, e.interface, e.to_node ? "<-" : "->", e.summary);
  if (e.count > 1) line += fmt::format(" (x{})", e.count);
  return line;
}

void Aggregator::add(Event e) {
  std::lock_guard lock(mutex_);
  ++pending_.packets;
  Key key{e.node, e.network, e.to_node};
  auto it = index_.find(key);
  if (it != index_.end()) {
    Event& kept = pending_.events[it->second];
    e.count += kept.count;
    kept = std::move(e);
    return;
  }
  if (pending_.events.size() >= max_) {
    ++pending_.dropped;
    return;
  }
  index_.emplace(std::move(key), pending_.events.size());
  pending_.events.push_back(std::move(e));
}

Batch Aggregator::flush() {
  std::lock_guard lock(mutex_);
  Batch out = std::move(pending_);
  pending_ = Batch{};
  index_.clear();
  return out;
}

}  // namespace asemu::map
