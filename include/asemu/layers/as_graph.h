// The AS-level graph of an emulation, read from its Base and Ebgp layers: who is whose provider,
// customer and peer, and the eBGP sessions of each AS. It answers what the BGP configuration
// makes of the topology without running it: tiers, degrees, and the AS path every AS picks to
// every other under SEED's policies (customer routes before peer routes before provider routes,
// then the shortest; customer routes go to everyone, the others to customers only).
#pragma once

#include <map>
#include <unordered_map>
#include <vector>

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"

namespace asemu {

struct AsGraph {
  std::vector<int> asns;  // in creation order; the graph's vertices are indices into it
  std::unordered_map<int, size_t> index;
  // Deduplicated, ascending. Unfiltered counts as Provider (its provider side takes the
  // customer's routes as customer routes); a route server's members are each other's peers.
  std::vector<std::vector<size_t>> providers, customers, peers;
  std::vector<int> sessions;  // eBGP sessions of each AS (one per route server peering)

  // 1: no provider (tier-1); 2: providers and customers (transit); 3: a provider, no customer.
  int tier(size_t v) const;
};

AsGraph asGraph(const Base& base, const Ebgp& ebgp);

// The length in AS hops of the route each AS picks to `destination` (0 for itself); -1 when
// it has none.
std::vector<int> routeLengths(const AsGraph& g, size_t destination);

// The vertices on a customer-provider cycle (each its own provider through its providers);
// empty when there is none.
std::vector<size_t> providerCycle(const AsGraph& g);

struct Spread {
  int min = 0;
  int max = 0;
  double mean = 0;
  int median = 0;
  void add(int value) { values.push_back(value); }
  void finish();  // computes min, max, mean and median of the values added
  std::vector<int> values;
};

struct GraphSummary {
  int ases[4] = {0, 0, 0, 0};  // by tier (index 1..3)
  int exchanges = 0;
  int routers = 0;
  int hosts = 0;
  int sessions = 0;  // eBGP sessions, each counted once (a route server peering is one)
  // Per tier (index 1..3).
  Spread providers[4], customers[4], peers[4], sessionsPerAs[4];
  // Path lengths between stubs (tier 3): length -> pairs, over up to `destinations` stubs
  // taken evenly from all; unreachable pairs counted apart.
  std::map<int, long> pathLengths;
  long unreachable = 0;
  int destinationsSampled = 0;
};

GraphSummary summarize(const Base& base, const Ebgp& ebgp, int destinations = 2000);

}  // namespace asemu
