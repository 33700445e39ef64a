// The map's event streams share one capture. The first client starts it (no kernel filter),
// the last one to leave stops it, and each client keeps its own BPF filter, run on every packet
// in this process (PacketFilter), and its own Aggregator. At most `maxClients` streams are open
// at once, so a page (or anything else holding the token) cannot start captures without bound.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "asemu/map/capture.h"
#include "asemu/map/emulation.h"
#include "asemu/map/events.h"

namespace asemu::map {

inline constexpr size_t kMaxEventClients = 16;

class EventHub {
 public:
  // A running capture; destroying it stops it and no sink call follows.
  class Source {
   public:
    virtual ~Source() = default;
  };
  // Starts a capture that calls `sink` for every packet; throws asemu::Error when it cannot.
  using Start = std::function<std::unique_ptr<Source>(Capture::PacketSink sink)>;

  class Subscription {
   public:
    ~Subscription();  // leaves the hub; the last one stops the capture
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    Aggregator& events();
    const std::string& filter() const;

   private:
    friend class EventHub;
    struct Client;
    Subscription(EventHub& hub, std::shared_ptr<Client> client);
    EventHub& hub_;
    std::shared_ptr<Client> client_;
  };

  explicit EventHub(Start start, size_t maxClients = kMaxEventClients);
  ~EventHub();  // every Subscription must be gone
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Throws asemu::Error when `maxClients` streams are open, the filter does not compile, or the
  // capture cannot start.
  std::unique_ptr<Subscription> subscribe(const std::string& filter);

  size_t clients() const;
  bool capturing() const;

 private:
  void deliver(const Event& event, const Packet& packet);
  void leave(const Subscription::Client* client);

  Start start_;
  size_t max_;
  mutable std::mutex lifecycle_;     // joining, leaving, starting and stopping the capture
  mutable std::mutex clientsMutex_;  // the client list, also taken by the capture's thread
  std::vector<std::shared_ptr<Subscription::Client>> clients_;
  std::unique_ptr<Source> source_;
};

// The Start of an emulation's hub: a libpcap capture in its fabric namespace.
EventHub::Start fabricCapture(Emulation& emulation);

}  // namespace asemu::map
