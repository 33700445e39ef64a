#include "rtnetlink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "asemu/core/error.h"
#include "netns.h"

namespace asemu::runtime::linuxos {

namespace {

// A request under construction: header, family header, then attributes.
struct Message {
  alignas(nlmsghdr) char buf[1024];
  nlmsghdr* hdr() { return reinterpret_cast<nlmsghdr*>(buf); }

  Message(uint16_t type, uint16_t flags, const void* family, size_t familySize) {
    std::memset(buf, 0, sizeof(buf));
    hdr()->nlmsg_type = type;
    hdr()->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
    hdr()->nlmsg_len = NLMSG_LENGTH(familySize);
    std::memcpy(NLMSG_DATA(hdr()), family, familySize);
  }
  rtattr* add(uint16_t type, const void* data, size_t size) {
    auto* a = reinterpret_cast<rtattr*>(buf + NLMSG_ALIGN(hdr()->nlmsg_len));
    a->rta_type = type;
    a->rta_len = RTA_LENGTH(size);
    if (size) std::memcpy(RTA_DATA(a), data, size);
    hdr()->nlmsg_len = NLMSG_ALIGN(hdr()->nlmsg_len) + RTA_ALIGN(a->rta_len);
    return a;
  }
  void addString(uint16_t type, const std::string& s) { add(type, s.c_str(), s.size() + 1); }
  void close(rtattr* nest) {
    nest->rta_len = uint16_t(buf + hdr()->nlmsg_len - reinterpret_cast<char*>(nest));
  }
};

}  // namespace

NamespaceGuard::NamespaceGuard(const std::string& ns) {
  home_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  int fd = open(netnsPath(ns).c_str(), O_RDONLY | O_CLOEXEC);
  if (home_ < 0 || fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
    int saved = errno;
    if (fd >= 0) close(fd);
    if (home_ >= 0) close(home_);
    throw Error(ns, std::string("cannot enter network namespace: ") + std::strerror(saved));
  }
  close(fd);
}

NamespaceGuard::~NamespaceGuard() {
  if (setns(home_, CLONE_NEWNET) != 0) std::abort();  // a thread in the wrong namespace
  close(home_);
}

Rtnetlink::Rtnetlink() {
  fd_ = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof(local)) != 0)
    throw Error("rtnetlink", std::string("cannot open socket: ") + std::strerror(errno));
}

Rtnetlink::~Rtnetlink() {
  if (fd_ >= 0) close(fd_);
}

int Rtnetlink::request(void* message, uint32_t length) {
  auto* hdr = static_cast<nlmsghdr*>(message);
  hdr->nlmsg_seq = ++seq_;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (sendto(fd_, message, length, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof(kernel)) < 0)
    return -errno;
  alignas(nlmsghdr) char reply[8192];
  for (;;) {
    ssize_t n = recv(fd_, reply, sizeof(reply), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -errno;
    }
    for (auto* h = reinterpret_cast<nlmsghdr*>(reply); NLMSG_OK(h, size_t(n));
         h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_seq != seq_ || h->nlmsg_type != NLMSG_ERROR) continue;
      return static_cast<nlmsgerr*>(NLMSG_DATA(h))->error;
    }
  }
}

int Rtnetlink::linkUp(const std::string& dev) {
  ifinfomsg ifi{};
  ifi.ifi_family = AF_UNSPEC;
  ifi.ifi_index = int(if_nametoindex(dev.c_str()));
  if (ifi.ifi_index == 0) return -ENODEV;
  ifi.ifi_flags = IFF_UP;
  ifi.ifi_change = IFF_UP;
  Message m(RTM_NEWLINK, 0, &ifi, sizeof(ifi));
  return request(m.buf, m.hdr()->nlmsg_len);
}

int Rtnetlink::addLink(const std::string& dev, const std::string& kind) {
  ifinfomsg ifi{};
  ifi.ifi_family = AF_UNSPEC;
  ifi.ifi_flags = IFF_UP;
  ifi.ifi_change = IFF_UP;
  Message m(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof(ifi));
  m.addString(IFLA_IFNAME, dev);
  rtattr* info = m.add(IFLA_LINKINFO, nullptr, 0);
  m.addString(IFLA_INFO_KIND, kind);
  m.close(info);
  return request(m.buf, m.hdr()->nlmsg_len);
}

int Rtnetlink::addAddress(const std::string& dev, Ipv4Address address, int prefixLength) {
  ifaddrmsg ifa{};
  ifa.ifa_family = AF_INET;
  ifa.ifa_prefixlen = uint8_t(prefixLength);
  ifa.ifa_scope = RT_SCOPE_UNIVERSE;
  ifa.ifa_index = if_nametoindex(dev.c_str());
  if (ifa.ifa_index == 0) return -ENODEV;
  Message m(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof(ifa));
  uint32_t a = htonl(address.value());
  m.add(IFA_LOCAL, &a, sizeof(a));
  m.add(IFA_ADDRESS, &a, sizeof(a));
  return request(m.buf, m.hdr()->nlmsg_len);
}

int Rtnetlink::addRoute(const Ipv4Prefix& destination, Ipv4Address via) {
  rtmsg rt{};
  rt.rtm_family = AF_INET;
  rt.rtm_dst_len = uint8_t(destination.length());
  rt.rtm_table = RT_TABLE_MAIN;
  rt.rtm_protocol = RTPROT_BOOT;
  rt.rtm_scope = RT_SCOPE_UNIVERSE;
  rt.rtm_type = RTN_UNICAST;
  Message m(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &rt, sizeof(rt));
  if (destination.length() > 0) {
    uint32_t d = htonl(destination.network().value());
    m.add(RTA_DST, &d, sizeof(d));
  }
  uint32_t g = htonl(via.value());
  m.add(RTA_GATEWAY, &g, sizeof(g));
  return request(m.buf, m.hdr()->nlmsg_len);
}

}  // namespace asemu::runtime::linuxos
