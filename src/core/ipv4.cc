#include "asemu/core/ipv4.h"

#include <charconv>

namespace asemu {

std::optional<Ipv4Address> Ipv4Address::parse(std::string_view text) {
  uint32_t value = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
    if (p == end || *p < '0' || *p > '9') return std::nullopt;
    // No leading zeros: "010" is ambiguous (octal in some tools).
    if (*p == '0' && p + 1 != end && p[1] >= '0' && p[1] <= '9') return std::nullopt;
    unsigned part = 0;
    auto [next, ec] = std::from_chars(p, end, part);
    if (ec != std::errc() || part > 255 || next - p > 3) return std::nullopt;
    value = (value << 8) | part;
    p = next;
  }
  if (p != end) return std::nullopt;
  return Ipv4Address(value);
}

std::string Ipv4Address::str() const {
  return std::to_string(value_ >> 24) + "." + std::to_string((value_ >> 16) & 0xff) + "." +
         std::to_string((value_ >> 8) & 0xff) + "." + std::to_string(value_ & 0xff);
}

static uint32_t maskOf(int length) {
  return length == 0 ? 0 : ~uint32_t(0) << (32 - length);
}

Ipv4Prefix::Ipv4Prefix(Ipv4Address address, int length)
    : network_(address.value() & maskOf(length)), length_(length) {}

std::optional<Ipv4Interface> Ipv4Interface::parse(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto address = Ipv4Address::parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  auto lenText = text.substr(slash + 1);
  if (lenText.empty() || lenText.size() > 2) return std::nullopt;
  int length = 0;
  auto [next, ec] = std::from_chars(lenText.data(), lenText.data() + lenText.size(), length);
  if (ec != std::errc() || next != lenText.data() + lenText.size() || length < 0 || length > 32)
    return std::nullopt;
  return Ipv4Interface{*address, Ipv4Prefix(*address, length)};
}

std::optional<Ipv4Prefix> Ipv4Prefix::parse(std::string_view text) {
  auto parsed = Ipv4Interface::parse(text);
  if (!parsed || parsed->address != parsed->network.network()) return std::nullopt;
  return parsed->network;
}

bool Ipv4Prefix::contains(Ipv4Address a) const {
  return (a.value() & maskOf(length_)) == network_.value();
}

bool Ipv4Prefix::isUsableHost(Ipv4Address a) const {
  if (!contains(a)) return false;
  if (length_ >= 31) return true;
  return a != network_ && a != broadcast();
}

bool Ipv4Prefix::overlaps(const Ipv4Prefix& other) const {
  return length_ <= other.length_ ? contains(other.network_) : other.contains(network_);
}

std::optional<Ipv4Address> Ipv4Prefix::host(uint64_t n) const {
  if (n >= size()) return std::nullopt;
  return Ipv4Address(network_.value() + uint32_t(n));
}

std::string Ipv4Prefix::str() const {
  return network_.str() + "/" + std::to_string(length_);
}

// Address space no network may overlap: Linux gives it a meaning of its own on every interface.
namespace {

struct ReservedRange {
  Ipv4Prefix prefix;
  const char* what;
};
const ReservedRange kReservedRanges[] = {
    {Ipv4Prefix(Ipv4Address(0, 0, 0, 0), 8), "'this network', never a source or destination"},
    {Ipv4Prefix(Ipv4Address(127, 0, 0, 0), 8), "the loopback range"},
    {Ipv4Prefix(Ipv4Address(224, 0, 0, 0), 3), "multicast and reserved addresses"},
};

}  // namespace

std::string networkPrefixProblem(const Ipv4Prefix& prefix) {
  const std::string fix = "; give a prefix of private space such as 10.150.0.0/24";
  if (prefix.length() == 0)
    return "prefix " + prefix.str() + " covers every address (it is the default route)" + fix;
  for (const auto& r : kReservedRanges)
    if (prefix.overlaps(r.prefix))
      return "prefix " + prefix.str() + " overlaps " + r.prefix.str() + ", " + r.what + fix;
  return {};
}

std::string announcedPrefixProblem(std::string_view text) {
  auto parsed = Ipv4Interface::parse(text);
  if (!parsed)
    return "'" + std::string(text) + "' is not an IPv4 prefix a.b.c.d/len (e.g. 10.153.0.0/25)";
  if (parsed->address != parsed->network.network())
    return "prefix '" + std::string(text) + "' has host bits set; announce " +
           parsed->network.str();
  return networkPrefixProblem(parsed->network);
}

}  // namespace asemu
