// The emulation's one capture point: libpcap on the "any" device of the fabric namespace.
//
// Every L2 network of an emulation is a bridge in one fabric namespace, so a single capture
// there sees every packet, and the bridge port it crossed names the node and the network. The
// capture runs on its own thread, which enters the fabric namespace with setns() before it opens
// the device; nothing else of the process changes namespace.
#pragma once

#include <atomic>
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

struct CaptureOptions {
  std::string netns;  // the fabric namespace's name (under /run/netns)
  std::string filter;
  int snaplen = 160;  // headers are all a summary needs
  int buffer_bytes = 8 << 20;
};

struct CaptureStats {
  uint64_t packets = 0;    // delivered by libpcap and matched to a port
  uint64_t unmatched = 0;  // seen on a device that is not a bridge port (the bridges themselves)
  uint64_t kernel_drops = 0;
};

class Capture {
 public:
  using Sink = std::function<void(Event)>;
  // Opens the device and applies the filter before returning; throws asemu::Error with
  // libpcap's message (invalid filter, missing namespace, no permission).
  Capture(CaptureOptions options, std::vector<runtime::Port> ports, Sink sink);
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
