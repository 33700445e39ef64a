#include "asemu/map/probes.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <thread>

#include "asemu/core/error.h"
#include "asemu/core/files.h"
#include "asemu/map/emulation.h"
#include "asemu/map/packet_summary.h"

namespace asemu::map {

namespace {

uint32_t probeKey(uint16_t id, uint16_t seq) {
  return (uint32_t(id) << 16) | seq;
}

uint16_t checksum(const uint8_t* data, size_t length) {
  uint32_t sum = 0;
  for (size_t i = 0; i + 1 < length; i += 2) sum += be16(data + i);
  if (length % 2) sum += uint32_t(data[length - 1]) << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return uint16_t(~sum);
}

// An IPv4 ICMP message of `type` at `ip`: (source, destination, id, seq).
std::optional<EchoRequest> icmpEcho(const uint8_t* ip, size_t length, uint8_t type) {
  if (length < 20 || (ip[0] >> 4) != 4) return std::nullopt;
  size_t header = size_t(ip[0] & 0x0f) * 4;
  if (header < 20 || length < header + 8 || ip[9] != 1) return std::nullopt;
  const uint8_t* icmp = ip + header;
  if (icmp[0] != type || icmp[1] != 0) return std::nullopt;
  return EchoRequest{Ipv4Address(be32(ip + 12)), Ipv4Address(be32(ip + 16)), be16(icmp + 4),
                     be16(icmp + 6)};
}

}  // namespace

std::optional<EchoRequest> echoRequest(const Packet& packet) {
  auto sll = decodeSll2(packet.bytes, packet.caplen);
  if (!sll || sll->protocol != 0x0800) return std::nullopt;
  return icmpEcho(sll->payload, sll->length, 8);
}

void ArrivalTracker::delivered(uint16_t id, uint16_t seq, const std::string& node,
                               const std::string& network) {
  std::lock_guard lock(mutex_);
  deliveries_[probeKey(id, seq)].push_back({node, network});
}

std::optional<runtime::Arrival> ArrivalTracker::arrival(uint16_t id, uint16_t seq) const {
  std::lock_guard lock(mutex_);
  auto it = deliveries_.find(probeKey(id, seq));
  if (it == deliveries_.end() || it->second.empty()) return std::nullopt;
  const auto& list = it->second;
  runtime::Arrival out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& d : list)
    if (!seen.insert({d.node, d.network}).second) {
      out.problem = "loop through " + d.node;
      return out;
    }
  // The last network crossed; a bridge that floods a frame delivers it to several nodes there.
  const std::string& last = list.back().network;
  for (auto d = list.rbegin(); d != list.rend() && d->network == last; ++d)
    if (holders_.count(d->node)) {
      out.origin = d->node;
      return out;
    }
  out.origin = list.back().node;
  return out;
}

EchoSockets::EchoSockets(const std::vector<Origin>& probes, Ipv4Address destination,
                         uint16_t firstId)
    : destination_(destination), first_id_(firstId) {
  // One descriptor per probe node: a thousand ASes need more than the usual soft limit of 1024.
  allowOpenFiles(probes.size() + 256);
  std::string failure;
  // setns() moves the helper thread only; a socket keeps the namespace it was made in.
  std::thread opener([&] {
    for (const auto& [ns, source] : probes) {
      std::string path = "/run/netns/" + ns;
      int nsfd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) != 0) {
        failure = ns + ": cannot enter the namespace: " + std::strerror(errno);
        if (nsfd >= 0) ::close(nsfd);
        return;
      }
      ::close(nsfd);
      int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_ICMP);
      if (fd < 0) {
        failure = ns + ": cannot open an ICMP socket: " + std::strerror(errno);
        return;
      }
      fds_.push_back(fd);
      if (source) {
        sockaddr_in from{};
        from.sin_family = AF_INET;
        from.sin_addr.s_addr = htonl(source->value());
        if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
          failure = ns + ": cannot send from " + source->str() + ": " + std::strerror(errno);
          return;
        }
      }
    }
  });
  opener.join();
  if (!failure.empty()) {
    for (int fd : fds_) ::close(fd);
    throw Error("probe", failure);
  }
}

EchoSockets::~EchoSockets() {
  for (int fd : fds_) ::close(fd);
}

bool EchoSockets::send(size_t probe, uint16_t seq) {
  uint8_t msg[16] = {8, 0, 0, 0};
  uint16_t ident = id(probe);
  msg[4] = uint8_t(ident >> 8);
  msg[5] = uint8_t(ident);
  msg[6] = uint8_t(seq >> 8);
  msg[7] = uint8_t(seq);
  std::memcpy(msg + 8, "asemu-ca", 8);
  uint16_t sum = checksum(msg, sizeof msg);
  msg[2] = uint8_t(sum >> 8);
  msg[3] = uint8_t(sum);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(destination_.value());
  return sendto(fds_[probe], msg, sizeof msg, 0, reinterpret_cast<sockaddr*>(&to), sizeof to) ==
         ssize_t(sizeof msg);
}

std::vector<std::pair<size_t, uint16_t>> EchoSockets::receive(std::chrono::milliseconds timeout) {
  std::vector<std::pair<size_t, uint16_t>> out;
  std::vector<pollfd> fds;
  for (int fd : fds_) fds.push_back({fd, POLLIN, 0});
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.empty()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() < 0) break;
    if (poll(fds.data(), fds.size(), int(left.count())) <= 0) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!(fds[i].revents & POLLIN)) continue;
      uint8_t buf[1500];
      for (ssize_t n; (n = recv(fds[i].fd, buf, sizeof buf, 0)) > 0;) {
        auto reply = icmpEcho(buf, size_t(n), 0);
        if (reply && reply->source == destination_ && reply->id == id(i))
          out.emplace_back(i, reply->seq);
      }
    }
  }
  return out;
}

EchoSockets::Origin probeOrigin(runtime::Runtime& rt, const std::string& name,
                                const plan::Plan& plan, const plan::Node& node) {
  EchoSockets::Origin o{rt.view(name, node).ns, std::nullopt};
  if (node.isRouter())
    for (const auto& i : node.interfaces)
      if (const plan::Network* n = plan.findNetwork(i.network);
          n && n->kind == plan::NetworkKind::Local) {
        o.source = i.address;
        break;
      }
  return o;
}

std::unique_ptr<Capture> captureEchoes(runtime::Runtime& rt, const std::string& name,
                                       Ipv4Address address, ArrivalTracker& tracker) {
  auto emulation = runningEmulation(rt, name);
  CaptureOptions co;
  co.netns = emulation->fabricNamespace();
  co.filter = "icmp[icmptype] == icmp-echo and dst host " + address.str();
  co.snaplen = 96;
  return std::make_unique<Capture>(co, emulation->ports(), [&tracker](Event e, const Packet& p) {
    if (!e.to_node) return;
    if (auto echo = echoRequest(p)) tracker.delivered(echo->id, echo->seq, e.node, e.network);
  });
}

void measureCatchment(runtime::Runtime& rt, const std::string& name, const plan::Plan& plan,
                      Ipv4Address address, runtime::Catchment& catchment,
                      const ProbeOptions& options) {
  auto holderList = runtime::addressHolders(plan, address);
  std::set<std::string> holders(holderList.begin(), holderList.end());
  ArrivalTracker tracker(holders);

  // Probes from a node that holds the address end there without leaving it.
  std::vector<runtime::AsCatchment*> sending;
  for (auto& a : catchment.ases) {
    if (holders.count(a.probe))
      a.measured = runtime::Arrival{a.probe, ""};
    else
      sending.push_back(&a);
  }
  std::vector<EchoSockets::Origin> origins;
  for (auto* a : sending) {
    const plan::Node* node = plan.findNode(a->probe);
    if (!node) throw Error(a->probe, "is not a node of emulation " + name);
    origins.push_back(probeOrigin(rt, name, plan, *node));
  }
  std::random_device seed;
  auto firstId = uint16_t(std::uniform_int_distribution<int>(1, 0xffff)(seed));
  EchoSockets sockets(origins, address, firstId);
  auto capture = captureEchoes(rt, name, address, tracker);

  const uint16_t seq = 1;
  std::vector<bool> replied(sending.size());
  size_t parallel = std::max<size_t>(options.parallel, 1);
  for (size_t begin = 0; begin < sending.size(); begin += parallel) {
    size_t end = std::min(sending.size(), begin + parallel);
    size_t waiting = 0;
    for (size_t i = begin; i < end; ++i) waiting += sockets.send(i, seq);
    auto deadline = std::chrono::steady_clock::now() + options.timeout;
    while (waiting > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      for (auto [i, s] : sockets.receive(left))
        if (s == seq && i >= begin && i < end && !replied[i]) {
          replied[i] = true;
          --waiting;
        }
    }
  }
  // The capture thread sees the last deliveries a moment after the replies arrive.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  capture->stop();

  for (size_t i = 0; i < sending.size(); ++i) {
    auto arrival = tracker.arrival(sockets.id(i), seq);
    if (!arrival) {
      arrival = runtime::Arrival{};
      arrival->problem = "the probe from " + sending[i]->probe + " left no node";
    }
    sending[i]->measured = *arrival;
  }
  catchment.measured = true;
}

}  // namespace asemu::map
