#include "asemu/map/packet_summary.h"

#include <fmt/format.h>

namespace asemu::map {

namespace {

std::string ipv4(const uint8_t* p) {
  return fmt::format("{}.{}.{}.{}", p[0], p[1], p[2], p[3]);
}

std::string ipv6(const uint8_t* p) {
  // Full form without zero compression: good enough for a one-line summary.
  std::string out;
  for (int i = 0; i < 16; i += 2) out += fmt::format("{}{:x}", i ? ":" : "", be16(p + i));
  return out;
}

std::string mac(const uint8_t* p) {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", p[0], p[1], p[2], p[3], p[4],
                     p[5]);
}

std::string icmpType(uint8_t type, uint8_t code) {
  switch (type) {
    case 0:
      return "echo reply";
    case 3: {
      static const char* names[] = {"net unreachable", "host unreachable", "protocol unreachable",
                                    "port unreachable", "fragmentation needed"};
      return code < 5 ? names[code] : fmt::format("unreachable code {}", code);
    }
    case 5:
      return "redirect";
    case 8:
      return "echo request";
    case 11:
      return code == 0 ? "time exceeded in transit" : "fragment reassembly time exceeded";
    default:
      return fmt::format("type {} code {}", type, code);
  }
}

std::string tcpFlags(uint8_t f) {
  std::string out;
  if (f & 0x02) out += 'S';
  if (f & 0x01) out += 'F';
  if (f & 0x04) out += 'R';
  if (f & 0x08) out += 'P';
  if (f & 0x10) out += '.';
  return out.empty() ? "none" : out;
}

std::string ospfType(uint8_t t) {
  static const char* names[] = {"hello", "database description", "link state request",
                                "link state update", "link state ack"};
  return t >= 1 && t <= 5 ? names[t - 1] : fmt::format("type {}", t);
}

std::string summarizeIpv4(const uint8_t* p, size_t n) {
  if (n < 20 || (p[0] >> 4) != 4) return "IPv4 truncated";
  size_t ihl = size_t(p[0] & 0x0f) * 4;
  if (ihl < 20 || n < ihl) return "IPv4 truncated";
  uint8_t proto = p[9];
  std::string src = ipv4(p + 12), dst = ipv4(p + 16);
  uint16_t total = be16(p + 2);
  bool laterFragment = (be16(p + 6) & 0x1fff) != 0;
  const uint8_t* l4 = p + ihl;
  size_t l4n = n - ihl;
  if (laterFragment) return fmt::format("IPv4 fragment {} > {} proto {}", src, dst, proto);
  switch (proto) {
    case 1:
      if (l4n < 4) return fmt::format("ICMP {} > {} truncated", src, dst);
      if ((l4[0] == 0 || l4[0] == 8) && l4n >= 8)
        return fmt::format("ICMP {} {} > {} id {} seq {}", icmpType(l4[0], l4[1]), src, dst,
                           be16(l4 + 4), be16(l4 + 6));
      return fmt::format("ICMP {} {} > {}", icmpType(l4[0], l4[1]), src, dst);
    case 6:
      if (l4n < 14) return fmt::format("TCP {} > {} truncated", src, dst);
      return fmt::format("TCP {}:{} > {}:{} [{}]", src, be16(l4), dst, be16(l4 + 2),
                         tcpFlags(l4[13]));
    case 17:
      if (l4n < 8) return fmt::format("UDP {} > {} truncated", src, dst);
      return fmt::format("UDP {}:{} > {}:{} len {}", src, be16(l4), dst, be16(l4 + 2),
                         be16(l4 + 4) >= 8 ? be16(l4 + 4) - 8 : 0);
    case 89:
      if (l4n < 2) return fmt::format("OSPF {} > {} truncated", src, dst);
      return fmt::format("OSPF {} {} > {}", ospfType(l4[1]), src, dst);
    default:
      return fmt::format("IPv4 {} > {} proto {} len {}", src, dst, proto, total);
  }
}

std::string summarizeArp(const uint8_t* p, size_t n) {
  // Ethernet/IPv4 ARP only: hardware 1, protocol 0x0800, lengths 6 and 4.
  if (n < 28 || be16(p) != 1 || be16(p + 2) != 0x0800 || p[4] != 6 || p[5] != 4)
    return "ARP (not Ethernet/IPv4)";
  uint16_t op = be16(p + 6);
  std::string senderMac = mac(p + 8), sender = ipv4(p + 14), target = ipv4(p + 24);
  if (op == 1) return fmt::format("ARP who-has {} tell {}", target, sender);
  if (op == 2) return fmt::format("ARP reply {} is-at {}", sender, senderMac);
  return fmt::format("ARP op {} {} > {}", op, sender, target);
}

std::string summarizeIpv6(const uint8_t* p, size_t n) {
  if (n < 40 || (p[0] >> 4) != 6) return "IPv6 truncated";
  uint8_t next = p[6];
  std::string src = ipv6(p + 8), dst = ipv6(p + 24);
  if (next == 58 && n >= 41) return fmt::format("ICMPv6 type {} {} > {}", p[40], src, dst);
  return fmt::format("IPv6 {} > {} next header {}", src, dst, next);
}

}  // namespace

std::optional<Sll2Packet> decodeSll2(const uint8_t* data, size_t length) {
  if (length < kSll2HeaderLength) return std::nullopt;
  Sll2Packet p;
  p.protocol = be16(data);
  p.ifindex = be32(data + 4);
  p.packet_type = data[10];
  p.payload = data + kSll2HeaderLength;
  p.length = length - kSll2HeaderLength;
  return p;
}

std::string summarizePacket(uint16_t protocol, const uint8_t* payload, size_t length) {
  switch (protocol) {
    case 0x0800:
      return summarizeIpv4(payload, length);
    case 0x0806:
      return summarizeArp(payload, length);
    case 0x86dd:
      return summarizeIpv6(payload, length);
    default:
      return fmt::format("EtherType 0x{:04x}, {} bytes", protocol, length);
  }
}

}  // namespace asemu::map
