// The rtnetlink requests asemu sends, read back attribute by attribute. The queueing
// disciplines are compared byte for byte with what `tc` of Debian 12's iproute2 (6.1) sends for
// the same settings (later versions put the delay in TCA_NETEM_LATENCY64 instead; the kernel
// takes either).
#include "linux/route_netlink.h"

#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace asemu::runtime::linuxos {
namespace {

const nlmsghdr* header(const Request& r) {
  return reinterpret_cast<const nlmsghdr*>(r.data());
}

// The attributes that follow a family header of `familySize` bytes, by type.
std::map<int, const nlattr*> attributes(const nlmsghdr* h, size_t familySize) {
  std::map<int, const nlattr*> out;
  auto* a = static_cast<const nlattr*>(mnl_nlmsg_get_payload_offset(h, familySize));
  auto* end = static_cast<const char*>(mnl_nlmsg_get_payload_tail(h));
  for (; mnl_attr_ok(a, int(end - reinterpret_cast<const char*>(a))); a = mnl_attr_next(a))
    out[mnl_attr_get_type(a)] = a;
  return out;
}

std::map<int, const nlattr*> nested(const nlattr* nest) {
  std::map<int, const nlattr*> out;
  auto* a = static_cast<const nlattr*>(mnl_attr_get_payload(nest));
  auto* end = reinterpret_cast<const char*>(nest) + nest->nla_len;
  for (; mnl_attr_ok(a, int(end - reinterpret_cast<const char*>(a))); a = mnl_attr_next(a))
    out[mnl_attr_get_type(a)] = a;
  return out;
}

std::string bytes(const void* data, size_t size) {
  return std::string(static_cast<const char*>(data), size);
}

std::string payload(const nlattr* a) {
  return bytes(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a));
}

TEST(Netlink, BridgeIsCreatedUpWithoutMulticastSnooping) {
  Request r = bridgeRequest("br3");
  const nlmsghdr* h = header(r);
  EXPECT_EQ(h->nlmsg_type, RTM_NEWLINK);
  EXPECT_EQ(h->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
  EXPECT_EQ(r.size() * 4, MNL_ALIGN(h->nlmsg_len));
  auto* ifi = static_cast<const ifinfomsg*>(mnl_nlmsg_get_payload(h));
  EXPECT_EQ(ifi->ifi_flags & IFF_UP, unsigned(IFF_UP));
  auto a = attributes(h, sizeof(ifinfomsg));
  EXPECT_STREQ(mnl_attr_get_str(a.at(IFLA_IFNAME)), "br3");
  auto info = nested(a.at(IFLA_LINKINFO));
  EXPECT_STREQ(mnl_attr_get_str(info.at(IFLA_INFO_KIND)), "bridge");
  auto data = nested(info.at(IFLA_INFO_DATA));
  EXPECT_EQ(mnl_attr_get_u8(data.at(IFLA_BR_MCAST_SNOOPING)), 0);
}

TEST(Netlink, VethSendsOneEndToItsNodeAndKeepsThePeer) {
  Request r = vethRequest("net0", 7, "p3i0");
  const nlmsghdr* h = header(r);
  auto a = attributes(h, sizeof(ifinfomsg));
  EXPECT_STREQ(mnl_attr_get_str(a.at(IFLA_IFNAME)), "net0");
  EXPECT_EQ(mnl_attr_get_u32(a.at(IFLA_NET_NS_FD)), 7u);
  auto info = nested(a.at(IFLA_LINKINFO));
  EXPECT_STREQ(mnl_attr_get_str(info.at(IFLA_INFO_KIND)), "veth");
  const nlattr* peer = nested(info.at(IFLA_INFO_DATA)).at(VETH_INFO_PEER);
  // The peer is a link message of its own: its family header, then its name.
  auto* pifi = static_cast<const ifinfomsg*>(mnl_attr_get_payload(peer));
  EXPECT_EQ(pifi->ifi_flags & IFF_UP, 0u);  // the kernel cannot open it before the pair exists
  auto* name = reinterpret_cast<const nlattr*>(reinterpret_cast<const char*>(pifi) +
                                               MNL_ALIGN(sizeof(ifinfomsg)));
  EXPECT_EQ(mnl_attr_get_type(name), IFLA_IFNAME);
  EXPECT_STREQ(mnl_attr_get_str(name), "p3i0");

  // A trunk's two ends both stay here.
  EXPECT_EQ(attributes(header(vethRequest("br4t1", -1, "br4u1")), sizeof(ifinfomsg))
                .count(IFLA_NET_NS_FD),
            0u);
}

TEST(Netlink, PortOfABridgeAndAddressAndRoute) {
  Request up = linkUpRequest(12, 4);
  auto* ifi = static_cast<const ifinfomsg*>(mnl_nlmsg_get_payload(header(up)));
  EXPECT_EQ(ifi->ifi_index, 12);
  EXPECT_EQ(ifi->ifi_change, unsigned(IFF_UP));
  EXPECT_EQ(header(up)->nlmsg_flags & NLM_F_CREATE, 0);
  EXPECT_EQ(mnl_attr_get_u32(attributes(header(up), sizeof(ifinfomsg)).at(IFLA_MASTER)), 4u);
  EXPECT_EQ(attributes(header(linkUpRequest(1, 0)), sizeof(ifinfomsg)).count(IFLA_MASTER), 0u);

  Request addr = addressRequest(3, Ipv4Address(10, 150, 0, 254), 24);
  auto* ifa = static_cast<const ifaddrmsg*>(mnl_nlmsg_get_payload(header(addr)));
  EXPECT_EQ(ifa->ifa_index, 3u);
  EXPECT_EQ(ifa->ifa_prefixlen, 24);
  EXPECT_EQ(ntohl(mnl_attr_get_u32(attributes(header(addr), sizeof(ifaddrmsg)).at(IFA_LOCAL))),
            Ipv4Address(10, 150, 0, 254).value());

  Request route = routeRequest(*Ipv4Prefix::parse("0.0.0.0/0"), Ipv4Address(10, 150, 0, 254));
  auto* rt = static_cast<const rtmsg*>(mnl_nlmsg_get_payload(header(route)));
  EXPECT_EQ(rt->rtm_dst_len, 0);
  auto ra = attributes(header(route), sizeof(rtmsg));
  EXPECT_EQ(ra.count(RTA_DST), 0u);  // the default route has no destination
  EXPECT_EQ(ntohl(mnl_attr_get_u32(ra.at(RTA_GATEWAY))), Ipv4Address(10, 150, 0, 254).value());
  Request to = routeRequest(*Ipv4Prefix::parse("10.2.0.0/16"), Ipv4Address(10, 150, 0, 1));
  EXPECT_EQ(ntohl(mnl_attr_get_u32(attributes(header(to), sizeof(rtmsg)).at(RTA_DST))),
            Ipv4Address(10, 2, 0, 0).value());
}

// `tc qdisc add dev D root handle 1: netem delay 20ms loss 1.5% rate 10mbit`
TEST(Netlink, NetemAsTcSendsIt) {
  LinkProperties l;
  l.latency_ms = 20;
  l.loss_percent = 1.5;
  l.bandwidth_bps = 10000000;
  Request r = qdiscRequest(5, l);
  const nlmsghdr* h = header(r);
  EXPECT_EQ(h->nlmsg_type, RTM_NEWQDISC);
  EXPECT_EQ(h->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
  auto* tc = static_cast<const tcmsg*>(mnl_nlmsg_get_payload(h));
  EXPECT_EQ(tc->tcm_ifindex, 5);
  EXPECT_EQ(tc->tcm_handle, 0x10000u);
  EXPECT_EQ(tc->tcm_parent, TC_H_ROOT);
  auto a = attributes(h, sizeof(tcmsg));
  EXPECT_STREQ(mnl_attr_get_str(a.at(TCA_KIND)), "netem");
  const nlattr* o = a.at(TCA_OPTIONS);
  EXPECT_EQ(payload(o), bytes("\xb4\xc4\x04\x00\xe8\x03\x00\x00\x3d\x0a\xd7\x03\x00\x00\x00\x00"
                              "\x00\x00\x00\x00\x00\x00\x00\x00\x14\x00\x06\x00\xd0\x12\x13\x00"
                              "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
                              44));
  EXPECT_EQ(h->nlmsg_len, 96u);  // as tc's

  // tc rounds the loss probability to the nearest step: 1 % is 42,949,673 of 2^32 - 1.
  l.loss_percent = 1;
  Request lossOne = qdiscRequest(5, l);
  const nlattr* one = attributes(header(lossOne), sizeof(tcmsg)).at(TCA_OPTIONS);
  EXPECT_EQ(static_cast<const tc_netem_qopt*>(mnl_attr_get_payload(one))->loss, 42949673u);
}

// `tc qdisc add dev D root tbf rate 1000000bit burst 32kbit latency 100ms`, without the rate
// table: the link layer is given, so the kernel needs none.
TEST(Netlink, TokenBucketAsTcSendsIt) {
  LinkProperties l;
  l.bandwidth_bps = 1000000;
  Request r = qdiscRequest(5, l);
  const nlmsghdr* h = header(r);
  auto* tc = static_cast<const tcmsg*>(mnl_nlmsg_get_payload(h));
  EXPECT_EQ(tc->tcm_handle, 0u);
  auto a = attributes(h, sizeof(tcmsg));
  EXPECT_STREQ(mnl_attr_get_str(a.at(TCA_KIND)), "tbf");
  auto o = nested(a.at(TCA_OPTIONS));
  const nlattr* parms = o.at(TCA_TBF_PARMS);
  EXPECT_EQ(payload(parms), bytes("\x03\x01\x00\x00\xff\xff\x00\x00\x48\xe8\x01\x00"
                                  "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                                  "\xd4\x40\x00\x00\x00\xd0\x07\x00\x00\x00\x00\x00",
                                  36));
  EXPECT_EQ(mnl_attr_get_u32(o.at(TCA_TBF_BURST)), 4096u);
  EXPECT_EQ(o.count(TCA_TBF_RATE64), 0u);

  // Beyond 4 GB/s the rate goes in its 64-bit attribute as well.
  l.bandwidth_bps = 40'000'000'000;
  Request fast = qdiscRequest(5, l);
  auto big = nested(attributes(header(fast), sizeof(tcmsg)).at(TCA_OPTIONS));
  EXPECT_EQ(mnl_attr_get_u64(big.at(TCA_TBF_RATE64)), 5'000'000'000u);
}

}  // namespace
}  // namespace asemu::runtime::linuxos
