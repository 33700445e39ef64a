// One-line summaries of captured packets, as the log panel and `asemu watch` show them.
//
// Packets come from the emulation's fabric through libpcap's "any" device in the LINUX_SLL2
// link type: each carries the index of the bridge port it crossed and whether the bridge sent it
// to the node or received it from the node. Decoding is pure so that it is tested on packets
// built by hand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace asemu::map {

// What the SLL2 pseudo-header says about a packet, and where its network-layer bytes start.
struct Sll2Packet {
  uint16_t protocol = 0;  // EtherType: 0x0800 IPv4, 0x0806 ARP, 0x86dd IPv6
  uint32_t ifindex = 0;
  uint8_t packet_type = 0;  // PACKET_HOST (0) ... PACKET_OUTGOING (4)
  const uint8_t* payload = nullptr;
  size_t length = 0;
  // The bridge sent it out of the port, so the node behind the port receives it.
  bool toNode() const { return packet_type == 4; }
};

inline constexpr size_t kSll2HeaderLength = 20;

// Big-endian (network order) fields of a packet.
inline uint16_t be16(const uint8_t* p) {
  return uint16_t((p[0] << 8) | p[1]);
}
inline uint32_t be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

// nullopt when the frame is shorter than the pseudo-header.
std::optional<Sll2Packet> decodeSll2(const uint8_t* data, size_t length);

// "ICMP echo request 10.150.0.71 > 10.180.0.100 id 7 seq 1", "UDP 10.150.0.71:40000 >
// 10.180.0.100:9090 len 6", "ARP who-has 10.150.0.254 tell 10.150.0.71", ... Truncated or
// unknown packets still get a line ("IPv4 truncated", "EtherType 0x88cc, 60 bytes").
std::string summarizePacket(uint16_t protocol, const uint8_t* payload, size_t length);

}  // namespace asemu::map
