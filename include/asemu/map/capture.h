// The emulation's one capture point: libpcap on the "any" device of the fabric namespace.
//
// Every L2 network of an emulation is a bridge in one fabric namespace, so a single capture
// there sees every packet, and the bridge port it crossed names the node and the network. The
// capture runs on its own thread, which enters the fabric namespace with setns() before it opens
// the device; nothing else of the process changes namespace.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "asemu/map/events.h"
#include "asemu/runtime/realization.h"

namespace asemu::map {

// libpcap's own message when `filter` does not compile for the capture's link type, else "".
std::string filterProblem(const std::string& filter);

// A packet as libpcap delivered it (LINUX_SLL2 pseudo-header first); valid during a call only.
struct Packet {
  const uint8_t* bytes = nullptr;
  uint32_t caplen = 0;  // bytes captured
  uint32_t length = 0;  // bytes on the wire
};

// A BPF expression compiled for the capture's link type and run in this process, so that one
// capture serves clients with different filters. The empty expression matches every packet.
class PacketFilter {
 public:
  // Throws asemu::Error with libpcap's message when the expression does not compile.
  explicit PacketFilter(const std::string& expression);
  ~PacketFilter();
  PacketFilter(const PacketFilter&) = delete;
  PacketFilter& operator=(const PacketFilter&) = delete;

  bool matches(const Packet& packet) const;
  const std::string& expression() const { return expression_; }

 private:
  struct Program;
  std::string expression_;
  std::unique_ptr<Program> program_;  // null for the empty expression
};

struct CaptureOptions {
  std::string netns;   // the fabric namespace's name (under /run/netns)
  std::string filter;  // applied in the kernel
  int snaplen = 160;   // headers are all a summary needs
  int buffer_bytes = 8 << 20;
};

struct CaptureStats {
  uint64_t packets = 0;    // delivered by libpcap and matched to a port
  uint64_t unmatched = 0;  // seen on a device that is not a bridge port (the bridges themselves)
  uint64_t kernel_drops = 0;
};

class Capture {
 public:
  // Called on the capture's thread for every packet that crossed a bridge port.
  using PacketSink = std::function<void(Event, const Packet&)>;
  using Sink = std::function<void(Event)>;
  // Opens the device and applies the filter before returning; throws asemu::Error with
  // libpcap's message (invalid filter, missing namespace, no permission).
  Capture(CaptureOptions options, std::vector<runtime::Port> ports, PacketSink sink);
  // For callers that need the events only.
  Capture(CaptureOptions options, std::vector<runtime::Port> ports, Sink sink)
      : Capture(
            std::move(options), std::move(ports),
            PacketSink([sink = std::move(sink)](Event e, const Packet&) { sink(std::move(e)); })) {}
  ~Capture();  // stops the thread
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;

  void stop();
  CaptureStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace asemu::map
