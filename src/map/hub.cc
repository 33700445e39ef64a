#include "asemu/map/hub.h"

#include <algorithm>

#include "asemu/core/error.h"

namespace asemu::map {

struct EventHub::Subscription::Client {
  explicit Client(const std::string& expression) : filter(expression) {}
  PacketFilter filter;
  Aggregator events;
};

EventHub::Subscription::Subscription(EventHub& hub, std::shared_ptr<Client> client)
    : hub_(hub), client_(std::move(client)) {}

EventHub::Subscription::~Subscription() {
  hub_.leave(client_.get());
}

Aggregator& EventHub::Subscription::events() {
  return client_->events;
}

const std::string& EventHub::Subscription::filter() const {
  return client_->filter.expression();
}

EventHub::EventHub(Start start, size_t maxClients) : start_(std::move(start)), max_(maxClients) {}

EventHub::~EventHub() {
  source_.reset();
}

std::unique_ptr<EventHub::Subscription> EventHub::subscribe(const std::string& filter) {
  auto client = std::make_shared<Subscription::Client>(filter);  // throws for a bad filter
  std::lock_guard lifecycle(lifecycle_);
  {
    std::lock_guard lock(clientsMutex_);
    if (clients_.size() >= max_)
      throw Error("events", "too many event streams open (the map serves at most " +
                                std::to_string(max_) +
                                " at once): close one, e.g. another tab of the map, and retry");
    clients_.push_back(client);
  }
  if (!source_) {
    try {
      source_ = start_([this](Event e, const Packet& p) { deliver(e, p); });
    } catch (...) {
      std::lock_guard lock(clientsMutex_);
      clients_.pop_back();
      throw;
    }
  }
  return std::unique_ptr<Subscription>(new Subscription(*this, std::move(client)));
}

void EventHub::leave(const Subscription::Client* client) {
  std::lock_guard lifecycle(lifecycle_);
  bool last;
  {
    std::lock_guard lock(clientsMutex_);
    std::erase_if(clients_, [client](const auto& c) { return c.get() == client; });
    last = clients_.empty();
  }
  // Stopping joins the capture's thread, which may be waiting for clientsMutex_: not held here.
  if (last) source_.reset();
}

void EventHub::deliver(const Event& event, const Packet& packet) {
  std::lock_guard lock(clientsMutex_);
  for (const auto& c : clients_)
    if (c->filter.matches(packet)) c->events.add(event);
}

size_t EventHub::clients() const {
  std::lock_guard lock(clientsMutex_);
  return clients_.size();
}

bool EventHub::capturing() const {
  std::lock_guard lock(lifecycle_);
  return source_ != nullptr;
}

EventHub::Start fabricCapture(Emulation& emulation) {
  struct Running : EventHub::Source {
    Running(CaptureOptions o, std::vector<runtime::Port> ports, Capture::PacketSink sink)
        : capture(std::move(o), std::move(ports), std::move(sink)) {}
    Capture capture;
  };
  return [&emulation](Capture::PacketSink sink) -> std::unique_ptr<EventHub::Source> {
    CaptureOptions o;
    o.netns = emulation.fabricNamespace();
    return std::make_unique<Running>(std::move(o), emulation.ports(), std::move(sink));
  };
}

}  // namespace asemu::map
