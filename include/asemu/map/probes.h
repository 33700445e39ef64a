// Measured catchment: ICMP echoes sent from inside nodes, and where the fabric capture sees them
// arrive.
//
// Each probe is an echo request with an identifier and sequence number of its own, sent from a
// raw socket opened inside the probe node's namespace (by a thread that enters it; the sockets
// stay there). The capture on the fabric (map/capture.h) sees every bridge port the request is
// delivered to; the last network it crossed names where it arrived: the node there that holds
// the destination (an anycast site), else the last node it was delivered to (a router that drops
// it). A request delivered twice to one node on one network went round in a loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/map/capture.h"
#include "asemu/runtime/catchment.h"
#include "asemu/runtime/runtime.h"

namespace asemu::map {

// An ICMP echo request inside a captured packet.
struct EchoRequest {
  Ipv4Address source;
  Ipv4Address destination;
  uint16_t id = 0;
  uint16_t seq = 0;
};

// nullopt unless `packet` (LINUX_SLL2 pseudo-header first) is an IPv4 ICMP echo request.
std::optional<EchoRequest> echoRequest(const Packet& packet);

// Where each probe (id, seq) was delivered, in capture order. Thread-safe.
class ArrivalTracker {
 public:
  // `holders`: the nodes that hold the probed address.
  explicit ArrivalTracker(std::set<std::string> holders) : holders_(std::move(holders)) {}
  void delivered(uint16_t id, uint16_t seq, const std::string& node, const std::string& network);
  // Where the probe ended; nullopt when it was never delivered to any node.
  std::optional<runtime::Arrival> arrival(uint16_t id, uint16_t seq) const;

 private:
  struct Delivery {
    std::string node, network;
  };
  mutable std::mutex mutex_;
  std::set<std::string> holders_;
  std::map<uint32_t, std::vector<Delivery>> deliveries_;
};

// Raw ICMP sockets inside nodes, sending echo requests to one address and reading the replies.
class EchoSockets {
 public:
  // One socket per probe node (opened from a helper thread that enters its namespace), sending
  // from `source` when set. Probe i uses identifier `firstId + i`. Throws asemu::Error naming
  // the namespace that cannot be entered.
  struct Origin {
    std::string ns;
    std::optional<Ipv4Address> source;
  };
  EchoSockets(const std::vector<Origin>& probes, Ipv4Address destination, uint16_t firstId);
  ~EchoSockets();
  EchoSockets(const EchoSockets&) = delete;
  EchoSockets& operator=(const EchoSockets&) = delete;

  size_t size() const { return fds_.size(); }
  uint16_t id(size_t probe) const { return uint16_t(first_id_ + probe); }
  // Sends one echo request; false when the kernel refused it (no route inside the node).
  bool send(size_t probe, uint16_t seq);
  // Waits up to `timeout` for replies; returns (probe, seq) of each one read, at least one
  // unless the time ran out.
  std::vector<std::pair<size_t, uint16_t>> receive(std::chrono::milliseconds timeout);

 private:
  std::vector<int> fds_;
  Ipv4Address destination_;
  uint16_t first_id_;
};

// Where a probe node sends from: a router sends from its address on a network of its own AS,
// which BGP announces, so that the reply finds its way back (an exchange's prefix is not
// announced); a host lets its kernel choose.
EchoSockets::Origin probeOrigin(runtime::Runtime& rt, const std::string& name,
                                const plan::Plan& plan, const plan::Node& node);

struct ProbeOptions {
  size_t parallel = 64;                     // probes under way at once
  std::chrono::milliseconds timeout{1000};  // per probe
};

// Fills in the measured side of `catchment` for the running emulation `name`.
void measureCatchment(runtime::Runtime& rt, const std::string& name, const plan::Plan& plan,
                      Ipv4Address address, runtime::Catchment& catchment,
                      const ProbeOptions& options = {});

// A capture of every echo request to `address` on the emulation's fabric, feeding `tracker`.
std::unique_ptr<Capture> captureEchoes(runtime::Runtime& rt, const std::string& name,
                                       Ipv4Address address, ArrivalTracker& tracker);

}  // namespace asemu::map
