#include "route_netlink.h"

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include "asemu/core/error.h"

namespace asemu::runtime::linuxos {
namespace {

// A request under construction in a buffer far larger than any of them.
class Builder {
 public:
  Builder(uint16_t type, uint16_t flags) {
    hdr_ = mnl_nlmsg_put_header(buf_);
    hdr_->nlmsg_type = type;
    hdr_->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
  }
  template <typename T>
  T* family() {
    return static_cast<T*>(mnl_nlmsg_put_extra_header(hdr_, sizeof(T)));
  }
  nlmsghdr* hdr() { return hdr_; }
  Request done() {
    Request r((hdr_->nlmsg_len + 3) / 4);
    std::memcpy(r.data(), buf_, hdr_->nlmsg_len);
    return r;
  }

 private:
  alignas(nlmsghdr) char buf_[1024] = {};
  nlmsghdr* hdr_;
};

// The link message's family header: the link `index` (0 for one being created), to be up.
void upLink(Builder& b, int index) {
  auto* ifi = b.family<ifinfomsg>();
  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = index;
  ifi->ifi_flags = IFF_UP;
  ifi->ifi_change = IFF_UP;
}

Request newLink(const std::string& dev, const std::string& kind,
                const std::function<void(nlmsghdr*)>& data) {
  Builder b(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
  upLink(b, 0);
  mnl_attr_put_strz(b.hdr(), IFLA_IFNAME, dev.c_str());
  nlattr* info = mnl_attr_nest_start(b.hdr(), IFLA_LINKINFO);
  mnl_attr_put_strz(b.hdr(), IFLA_INFO_KIND, kind.c_str());
  if (data) {
    nlattr* d = mnl_attr_nest_start(b.hdr(), IFLA_INFO_DATA);
    data(b.hdr());
    mnl_attr_nest_end(b.hdr(), d);
  }
  mnl_attr_nest_end(b.hdr(), info);
  return b.done();
}

uint32_t clampU32(uint64_t v) {
  return uint32_t(std::min<uint64_t>(v, std::numeric_limits<uint32_t>::max()));
}

// The kernel's scheduler clock counts in units of 64 ns (PSCHED_SHIFT).
constexpr uint64_t kNsPerTick = 64;

}  // namespace

Request bridgeRequest(const std::string& dev) {
  return newLink(dev, "bridge", [](nlmsghdr* h) { mnl_attr_put_u8(h, IFLA_BR_MCAST_SNOOPING, 0); });
}

Request vethRequest(const std::string& dev, int targetNsFd, const std::string& peer) {
  Builder b(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
  upLink(b, 0);
  nlmsghdr* h = b.hdr();
  mnl_attr_put_strz(h, IFLA_IFNAME, dev.c_str());
  if (targetNsFd >= 0) mnl_attr_put_u32(h, IFLA_NET_NS_FD, uint32_t(targetNsFd));
  nlattr* info = mnl_attr_nest_start(h, IFLA_LINKINFO);
  mnl_attr_put_strz(h, IFLA_INFO_KIND, "veth");
  nlattr* data = mnl_attr_nest_start(h, IFLA_INFO_DATA);
  // The peer's attribute holds a link message of its own: family header, then attributes.
  nlattr* p = mnl_attr_nest_start(h, VETH_INFO_PEER);
  auto* pifi = static_cast<ifinfomsg*>(mnl_nlmsg_get_payload_tail(h));
  std::memset(pifi, 0, sizeof(*pifi));
  pifi->ifi_family = AF_UNSPEC;  // down: a veth cannot open before both of its ends exist
  h->nlmsg_len += MNL_ALIGN(sizeof(ifinfomsg));
  mnl_attr_put_strz(h, IFLA_IFNAME, peer.c_str());
  mnl_attr_nest_end(h, p);
  mnl_attr_nest_end(h, data);
  mnl_attr_nest_end(h, info);
  return b.done();
}

Request deviceRequest(const std::string& dev, const std::string& kind) {
  return newLink(dev, kind, nullptr);
}

Request linkUpRequest(int index, int masterIndex) {
  Builder b(RTM_NEWLINK, 0);
  upLink(b, index);
  if (masterIndex) mnl_attr_put_u32(b.hdr(), IFLA_MASTER, uint32_t(masterIndex));
  return b.done();
}

Request addressRequest(int index, Ipv4Address address, int prefixLength) {
  Builder b(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
  auto* ifa = b.family<ifaddrmsg>();
  ifa->ifa_family = AF_INET;
  ifa->ifa_prefixlen = uint8_t(prefixLength);
  ifa->ifa_scope = RT_SCOPE_UNIVERSE;
  ifa->ifa_index = uint32_t(index);
  uint32_t a = htonl(address.value());
  mnl_attr_put_u32(b.hdr(), IFA_LOCAL, a);
  mnl_attr_put_u32(b.hdr(), IFA_ADDRESS, a);
  return b.done();
}

Request routeRequest(const Ipv4Prefix& destination, Ipv4Address via) {
  Builder b(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
  auto* rt = b.family<rtmsg>();
  rt->rtm_family = AF_INET;
  rt->rtm_dst_len = uint8_t(destination.length());
  rt->rtm_table = RT_TABLE_MAIN;
  rt->rtm_protocol = RTPROT_BOOT;
  rt->rtm_scope = RT_SCOPE_UNIVERSE;
  rt->rtm_type = RTN_UNICAST;
  if (destination.length() > 0)
    mnl_attr_put_u32(b.hdr(), RTA_DST, htonl(destination.network().value()));
  mnl_attr_put_u32(b.hdr(), RTA_GATEWAY, htonl(via.value()));
  return b.done();
}

Request qdiscRequest(int index, const LinkProperties& l) {
  Builder b(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL);
  auto* tc = b.family<tcmsg>();
  tc->tcm_family = AF_UNSPEC;
  tc->tcm_ifindex = index;
  tc->tcm_parent = TC_H_ROOT;
  nlmsghdr* h = b.hdr();
  uint64_t bytesPerSecond = std::max<uint64_t>(1, l.bandwidth_bps / 8);
  if (l.usesNetem()) {
    tc->tcm_handle = 1U << 16;  // 1:
    mnl_attr_put_strz(h, TCA_KIND, "netem");
    // netem's options are its fixed structure followed by attributes, not a nest.
    auto* opts = static_cast<nlattr*>(mnl_nlmsg_get_payload_tail(h));
    opts->nla_type = TCA_OPTIONS;
    h->nlmsg_len += MNL_ALIGN(sizeof(nlattr));
    auto* q = static_cast<tc_netem_qopt*>(mnl_nlmsg_get_payload_tail(h));
    std::memset(q, 0, sizeof(*q));
    uint64_t latencyNs = uint64_t(l.latency_ms) * 1000000;
    q->latency = clampU32(latencyNs / kNsPerTick);
    q->limit = 1000;
    q->loss =
        l.loss_percent >= 100
            ? std::numeric_limits<uint32_t>::max()
            : uint32_t(std::llround(l.loss_percent / 100.0 * std::numeric_limits<uint32_t>::max()));
    h->nlmsg_len += MNL_ALIGN(sizeof(*q));
    if (latencyNs / kNsPerTick > std::numeric_limits<uint32_t>::max())
      mnl_attr_put_u64(h, TCA_NETEM_LATENCY64, latencyNs);
    if (l.bandwidth_bps) {
      tc_netem_rate rate{};
      rate.rate = clampU32(bytesPerSecond);
      mnl_attr_put(h, TCA_NETEM_RATE, sizeof(rate), &rate);
      if (bytesPerSecond > std::numeric_limits<uint32_t>::max())
        mnl_attr_put_u64(h, TCA_NETEM_RATE64, bytesPerSecond);
    }
    opts->nla_len = uint16_t(reinterpret_cast<char*>(mnl_nlmsg_get_payload_tail(h)) -
                             reinterpret_cast<char*>(opts));
  } else {
    constexpr uint32_t kBurst = 4096;  // 32 kbit
    mnl_attr_put_strz(h, TCA_KIND, "tbf");
    nlattr* opts = mnl_attr_nest_start(h, TCA_OPTIONS);
    tc_tbf_qopt q{};
    q.rate.cell_log = 3;  // packets of up to 2,047 bytes in one cell
    q.rate.linklayer = TC_LINKLAYER_ETHERNET;
    q.rate.cell_align = -1;
    q.rate.rate = clampU32(bytesPerSecond);
    q.limit = clampU32(bytesPerSecond / 10 + kBurst);  // 100 ms of queue at the rate
    q.buffer = clampU32(uint64_t(kBurst) * 1000000000 / bytesPerSecond / kNsPerTick);
    mnl_attr_put(h, TCA_TBF_PARMS, sizeof(q), &q);
    mnl_attr_put_u32(h, TCA_TBF_BURST, kBurst);
    if (bytesPerSecond > std::numeric_limits<uint32_t>::max())
      mnl_attr_put_u64(h, TCA_TBF_RATE64, bytesPerSecond);
    mnl_attr_nest_end(h, opts);
  }
  return b.done();
}

RouteSocket::RouteSocket() {
  socket_ = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
  if (!socket_ || mnl_socket_bind(socket_, 0, MNL_SOCKET_AUTOPID) != 0) {
    int saved = errno;
    if (socket_) mnl_socket_close(socket_);
    throw Error("rtnetlink", std::string("cannot open socket: ") + std::strerror(saved));
  }
  // Acknowledgements of failed requests carry the request's header only, and the answers to
  // a whole send fit in the receive buffer whatever the host's default (root may exceed it).
  int one = 1;
  mnl_socket_setsockopt(socket_, NETLINK_CAP_ACK, &one, sizeof(one));
  int buffer = 1 << 20;
  setsockopt(mnl_socket_get_fd(socket_), SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof(buffer));
}

RouteSocket::~RouteSocket() {
  if (socket_) mnl_socket_close(socket_);
}

std::vector<int> RouteSocket::send(std::vector<Request>& requests) {
  std::vector<int> answers(requests.size(), -ENOBUFS);
  // The kernel handles a send's requests before the call returns and queues one answer each;
  // a few dozen per send stay far below the socket's receive buffer.
  constexpr size_t kPerSend = 64;
  std::vector<char> out;
  std::vector<char> in(MNL_SOCKET_BUFFER_SIZE * 4);
  for (size_t begin = 0; begin < requests.size(); begin += kPerSend) {
    size_t end = std::min(requests.size(), begin + kPerSend);
    uint32_t first = seq_ + 1;
    out.clear();
    for (size_t i = begin; i < end; ++i) {
      auto* h = reinterpret_cast<nlmsghdr*>(requests[i].data());
      h->nlmsg_seq = ++seq_;
      const char* bytes = reinterpret_cast<const char*>(requests[i].data());
      out.insert(out.end(), bytes, bytes + MNL_ALIGN(h->nlmsg_len));
    }
    if (mnl_socket_sendto(socket_, out.data(), out.size()) < 0) {
      int saved = -errno;
      for (size_t i = begin; i < end; ++i) answers[i] = saved;
      continue;
    }
    size_t pending = end - begin;
    while (pending > 0) {
      ssize_t n = recv(mnl_socket_get_fd(socket_), in.data(), in.size(), MSG_DONTWAIT);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // an answer was lost: those requests keep -ENOBUFS
      auto* h = reinterpret_cast<const nlmsghdr*>(in.data());
      int left = int(n);
      for (; mnl_nlmsg_ok(h, left); h = mnl_nlmsg_next(h, &left)) {
        if (h->nlmsg_type != NLMSG_ERROR || h->nlmsg_seq < first || h->nlmsg_seq > seq_) continue;
        const auto* err = static_cast<const nlmsgerr*>(mnl_nlmsg_get_payload(h));
        answers[begin + (h->nlmsg_seq - first)] = err->error;
        --pending;
      }
    }
  }
  return answers;
}

}  // namespace asemu::runtime::linuxos
