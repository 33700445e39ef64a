// Packet events and the aggregation that keeps a busy emulation from flooding a browser.
//
// The capture path turns every matching packet into an Event (where it was seen and what it
// was). An Aggregator collects them between flushes: per flush it keeps one event per
// (node, network, direction) with a count of the packets it stands for, and at most
// `maxPerFlush` of those, counting the rest as dropped. Flushing every 100 ms gives a page at
// most 10 messages a second whatever the packet rate.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

namespace asemu::map {

struct Event {
  double time = 0;        // seconds since the epoch, of the last packet it stands for
  std::string node;       // plan node id behind the bridge port
  std::string network;    // plan network id of the bridge
  std::string interface;  // the node's interface name
  bool to_node = false;   // the node received it (else the node sent it)
  std::string summary;
  uint64_t count = 1;  // packets this event stands for
};

nlohmann::json toJson(const Event& e);
// "15:04:05.123 as180/host_0 net0 <- ICMP echo request 10.150.0.71 > 10.180.0.100 (x3)"
std::string textLine(const Event& e);

struct Batch {
  std::vector<Event> events;  // in order of first appearance
  uint64_t packets = 0;       // packets seen since the last flush
  uint64_t dropped = 0;       // events left out by the cap
};

class Aggregator {
 public:
  explicit Aggregator(size_t maxPerFlush = 200) : max_(maxPerFlush) {}
  // Thread-safe: the capture thread adds, a timer flushes.
  void add(Event e);
  Batch flush();

 private:
  using Key = std::tuple<std::string, std::string, bool>;
  std::mutex mutex_;
  size_t max_;
  std::map<Key, size_t> index_;
  Batch pending_;
};

}  // namespace asemu::map
