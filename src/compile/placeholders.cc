#include "asemu/compile/placeholders.h"

#include <algorithm>
#include <cassert>
#include <cstdint>

#include "asemu/core/error.h"

namespace asemu::compile {

namespace {

struct Interval {
  uint64_t first;
  uint64_t last;
};

// Sorted, merged closed intervals, so that a candidate block is checked in O(log n).
std::vector<Interval> mergedIntervals(const std::vector<Ipv4Prefix>& prefixes) {
  std::vector<Interval> v;
  v.reserve(prefixes.size());
  for (const auto& p : prefixes)
    v.push_back({p.network().value(), uint64_t(p.network().value()) + p.size() - 1});
  std::sort(v.begin(), v.end(), [](const Interval& a, const Interval& b) {
    return a.first < b.first || (a.first == b.first && a.last < b.last);
  });
  std::vector<Interval> merged;
  for (const auto& i : v) {
    if (!merged.empty() && i.first <= merged.back().last + 1)
      merged.back().last = std::max(merged.back().last, i.last);
    else
      merged.push_back(i);
  }
  return merged;
}

// The first interval that ends at or after `first` and starts at or before `last`, if any.
const Interval* firstOverlap(const std::vector<Interval>& set, uint64_t first, uint64_t last) {
  auto it = std::lower_bound(set.begin(), set.end(), first,
                             [](const Interval& i, uint64_t v) { return i.last < v; });
  if (it == set.end() || it->first > last) return nullptr;
  return &*it;
}

uint64_t alignUp(uint64_t v, uint64_t size) {
  return (v + size - 1) / size * size;
}

int lengthFor(uint64_t addresses) {
  int length = 30;
  while (length > 0 && (uint64_t(1) << (32 - length)) < addresses) --length;
  return length;
}

std::string poolList(const std::vector<Ipv4Prefix>& pools) {
  std::string s;
  for (const auto& p : pools) s += (s.empty() ? "" : ", ") + p.str();
  return s;
}

}  // namespace

std::vector<Ipv4Prefix> defaultPlaceholderPools() {
  return {*Ipv4Prefix::parse("198.18.0.0/15"), *Ipv4Prefix::parse("100.64.0.0/10"),
          *Ipv4Prefix::parse("172.16.0.0/12"), *Ipv4Prefix::parse("192.168.0.0/16")};
}

const PlaceholderNetwork& Placeholders::network(const std::string& id) const {
  auto it = networks.find(id);
  assert(it != networks.end());
  return it->second;
}

std::vector<Ipv4Prefix> emulatedPrefixes(const plan::Plan& plan) {
  std::vector<Ipv4Prefix> out;
  for (const auto& n : plan.networks) out.push_back(n.prefix);
  for (const auto& node : plan.nodes) {
    for (const auto& i : node.interfaces) out.emplace_back(i.address, 32);
    if (node.loopback) out.emplace_back(*node.loopback, 32);
    for (const auto& r : node.routes) {
      // A default route covers everything; what matters is where it points.
      if (r.destination.length() > 0) out.push_back(r.destination);
      out.emplace_back(r.via, 32);
    }
  }
  return out;
}

Placeholders assignPlaceholders(const plan::Plan& plan, const PlaceholderOptions& options) {
  for (size_t a = 0; a < options.pools.size(); ++a)
    for (size_t b = a + 1; b < options.pools.size(); ++b)
      if (options.pools[a].overlaps(options.pools[b]))
        throw Error("placeholder pool " + options.pools[b].str(),
                    "overlaps placeholder pool " + options.pools[a].str());

  std::map<std::string, size_t> members = plan.membersPerNetwork();

  const auto emulated = mergedIntervals(emulatedPrefixes(plan));
  std::vector<uint64_t> cursor;
  for (const auto& p : options.pools) cursor.push_back(p.network().value());

  Placeholders result;
  for (const auto& net : plan.networks) {
    // Members, plus network, broadcast and Docker's gateway, plus what the caller keeps spare.
    uint64_t needed = members[net.id] + 3 + options.spare_addresses;
    int length = lengthFor(needed);
    uint64_t size = uint64_t(1) << (32 - length);
    bool placed = false;
    for (size_t p = 0; p < options.pools.size() && !placed; ++p) {
      const auto& pool = options.pools[p];
      uint64_t poolLast = uint64_t(pool.network().value()) + pool.size() - 1;
      uint64_t candidate = alignUp(cursor[p], size);
      while (candidate + size - 1 <= poolLast) {
        const Interval* hit = firstOverlap(emulated, candidate, candidate + size - 1);
        if (!hit) break;
        candidate = alignUp(hit->last + 1, size);
      }
      if (candidate + size - 1 > poolLast) continue;
      Ipv4Prefix subnet(Ipv4Address(uint32_t(candidate)), length);
      result.networks[net.id] = {subnet, *subnet.host(1)};
      cursor[p] = candidate + size;
      placed = true;
    }
    if (!placed)
      throw Error(net.id, "no placeholder subnet of /" + std::to_string(length) +
                              " is left in the placeholder pools (" + poolList(options.pools) +
                              ") outside the emulated address space; give another pool with "
                              "--placeholder-pool");
  }

  if (options.static_addresses) {
    std::map<std::string, uint64_t> next;
    for (const auto& node : plan.nodes)
      for (const auto& i : node.interfaces) {
        const auto& subnet = result.network(i.network).subnet;
        uint64_t index = 2 + next[i.network]++;
        result.addresses[{node.id, i.network}] = *subnet.host(index);
      }
  }
  return result;
}

}  // namespace asemu::compile
