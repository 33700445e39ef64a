// IPv4 addresses and prefixes: parsing, formatting and arithmetic used by every module.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asemu {

class Ipv4Address {
 public:
  constexpr Ipv4Address() = default;
  constexpr explicit Ipv4Address(uint32_t value) : value_(value) {}
  constexpr Ipv4Address(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
      : value_((uint32_t(a) << 24) | (uint32_t(b) << 16) | (uint32_t(c) << 8) | d) {}

  // Strict dotted quad ("10.0.0.1"); nullopt for anything else.
  static std::optional<Ipv4Address> parse(std::string_view text);

  constexpr uint32_t value() const { return value_; }
  std::string str() const;
  auto operator<=>(const Ipv4Address&) const = default;

 private:
  uint32_t value_ = 0;
};

class Ipv4Prefix {
 public:
  constexpr Ipv4Prefix() = default;
  // The address is masked to the prefix length.
  Ipv4Prefix(Ipv4Address address, int length);

  // "10.180.0.0/24"; nullopt when malformed or when host bits are set.
  static std::optional<Ipv4Prefix> parse(std::string_view text);

  Ipv4Address network() const { return network_; }
  int length() const { return length_; }
  uint64_t size() const { return uint64_t(1) << (32 - length_); }
  Ipv4Address broadcast() const { return Ipv4Address(network_.value() + uint32_t(size() - 1)); }
  bool contains(Ipv4Address a) const;
  // True when `a` can be given to an interface: inside, not network or broadcast (/31, /32 exempt).
  bool isUsableHost(Ipv4Address a) const;
  bool overlaps(const Ipv4Prefix& other) const;
  // network + n, or nullopt when that leaves the prefix.
  std::optional<Ipv4Address> host(uint64_t n) const;
  std::string str() const;
  auto operator<=>(const Ipv4Prefix&) const = default;

 private:
  Ipv4Address network_;
  int length_ = 0;
};

// An interface's address with the prefix of its network, written "10.50.0.1/30".
struct Ipv4Interface {
  Ipv4Address address;
  Ipv4Prefix network;  // the address masked to the length: 10.50.0.0/30

  // nullopt when malformed; host bits are what it is about.
  static std::optional<Ipv4Interface> parse(std::string_view text);
};

// Empty when `prefix` can be a network's, otherwise why not and how to fix it: not the default
// route, and no overlap with 0.0.0.0/8, 127.0.0.0/8 or 224.0.0.0/3, which Linux gives a meaning
// of their own on every interface.
std::string networkPrefixProblem(const Ipv4Prefix& prefix);

// Empty when `text` is a prefix a router may announce into BGP ("10.153.0.0/25"): a prefix
// without host bits that networkPrefixProblem accepts; otherwise why not and how to fix it.
std::string announcedPrefixProblem(std::string_view text);

}  // namespace asemu
