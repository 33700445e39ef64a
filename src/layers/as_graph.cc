#include "asemu/layers/as_graph.h"

#include <algorithm>
#include <numeric>
#include <set>

namespace asemu {
namespace {

void sortUnique(std::vector<size_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Route classes in order of preference.
enum Class { kNone = 0, kProvider = 1, kPeer = 2, kCustomer = 3 };

}  // namespace

int AsGraph::tier(size_t v) const {
  if (providers[v].empty()) return 1;
  return customers[v].empty() ? 3 : 2;
}

AsGraph asGraph(const Base& base, const Ebgp& ebgp) {
  AsGraph g;
  for (const auto& as : base.autonomousSystems()) {
    g.index.emplace(as.asn(), g.asns.size());
    g.asns.push_back(as.asn());
  }
  const size_t n = g.asns.size();
  g.providers.resize(n);
  g.customers.resize(n);
  g.peers.resize(n);
  g.sessions.assign(n, 0);
  auto relate = [&](int a, int b, PeerRelationship rel) {
    auto ia = g.index.find(a), ib = g.index.find(b);
    if (ia == g.index.end() || ib == g.index.end()) return;
    ++g.sessions[ia->second];
    ++g.sessions[ib->second];
    if (rel == PeerRelationship::Peer) {
      g.peers[ia->second].push_back(ib->second);
      g.peers[ib->second].push_back(ia->second);
    } else {
      g.customers[ia->second].push_back(ib->second);
      g.providers[ib->second].push_back(ia->second);
    }
  };
  for (const auto& p : ebgp.privatePeerings()) relate(p.a, p.b, p.relationship);
  for (const auto& p : ebgp.crossConnectPeerings()) relate(p.a, p.b, p.relationship);
  std::map<int, std::vector<size_t>> rsMembers;
  for (const auto& p : ebgp.rsPeerings()) {
    auto it = g.index.find(p.asn);
    if (it == g.index.end()) continue;
    ++g.sessions[it->second];
    rsMembers[p.ix].push_back(it->second);
  }
  for (auto& [ix, members] : rsMembers) {
    sortUnique(members);
    for (size_t a : members)
      for (size_t b : members)
        if (a != b) g.peers[a].push_back(b);
  }
  for (size_t v = 0; v < n; ++v) {
    sortUnique(g.providers[v]);
    sortUnique(g.customers[v]);
    sortUnique(g.peers[v]);
  }
  return g;
}

std::vector<int> routeLengths(const AsGraph& g, size_t destination) {
  const size_t n = g.asns.size();
  std::vector<int> length(n, -1);
  std::vector<Class> cls(n, kNone);
  // Customer routes: up the provider links from the destination, shortest first.
  std::vector<size_t> queue{destination};
  length[destination] = 0;
  cls[destination] = kCustomer;
  for (size_t i = 0; i < queue.size(); ++i)
    for (size_t p : g.providers[queue[i]])
      if (cls[p] == kNone) {
        cls[p] = kCustomer;
        length[p] = length[queue[i]] + 1;
        queue.push_back(p);
      }
  // Peer routes: one peer link from an AS with a customer route.
  std::vector<int> peerLength(n, -1);
  for (size_t u : queue)
    for (size_t v : g.peers[u])
      if (cls[v] == kNone && (peerLength[v] < 0 || peerLength[v] > length[u] + 1))
        peerLength[v] = length[u] + 1;
  for (size_t v = 0; v < n; ++v)
    if (peerLength[v] >= 0) {
      cls[v] = kPeer;
      length[v] = peerLength[v];
    }
  // Provider routes: down the customer links from every AS with a route, shortest first.
  std::vector<std::vector<size_t>> buckets;
  auto push = [&](size_t v) {
    if (buckets.size() <= size_t(length[v])) buckets.resize(size_t(length[v]) + 1);
    buckets[size_t(length[v])].push_back(v);
  };
  for (size_t v = 0; v < n; ++v)
    if (cls[v] != kNone) push(v);
  for (size_t d = 0; d < buckets.size(); ++d)
    for (size_t i = 0; i < buckets[d].size(); ++i) {
      size_t u = buckets[d][i];
      if (size_t(length[u]) != d) continue;  // reached again by a shorter route
      for (size_t c : g.customers[u])
        if (cls[c] == kNone || (cls[c] == kProvider && length[c] > int(d) + 1)) {
          cls[c] = kProvider;
          length[c] = int(d) + 1;
          push(c);
        }
    }
  return length;
}

std::vector<size_t> providerCycle(const AsGraph& g) {
  // Kahn's algorithm over customer -> provider links: what is never freed lies on or above a
  // cycle; walking providers from such a vertex inside that set finds the cycle itself.
  const size_t n = g.asns.size();
  std::vector<size_t> pending(n);
  std::vector<size_t> ready;
  for (size_t v = 0; v < n; ++v) {
    pending[v] = g.customers[v].size();
    if (pending[v] == 0) ready.push_back(v);
  }
  std::vector<bool> freed(n, false);
  for (size_t i = 0; i < ready.size(); ++i) {
    freed[ready[i]] = true;
    for (size_t p : g.providers[ready[i]])
      if (--pending[p] == 0) ready.push_back(p);
  }
  std::vector<size_t> stuck;
  for (size_t v = 0; v < n; ++v)
    if (!freed[v]) stuck.push_back(v);
  if (stuck.empty()) return {};
  // Every stuck vertex has a stuck customer; follow customers until one repeats.
  std::vector<int> seenAt(n, -1);
  std::vector<size_t> walk;
  size_t v = stuck.front();
  while (seenAt[v] < 0) {
    seenAt[v] = int(walk.size());
    walk.push_back(v);
    for (size_t c : g.customers[v])
      if (!freed[c]) {
        v = c;
        break;
      }
  }
  return std::vector<size_t>(walk.begin() + seenAt[v], walk.end());
}

void Spread::finish() {
  if (values.empty()) return;
  std::vector<int> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  min = sorted.front();
  max = sorted.back();
  median = sorted[sorted.size() / 2];
  mean = double(std::accumulate(sorted.begin(), sorted.end(), 0L)) / double(sorted.size());
}

GraphSummary summarize(const Base& base, const Ebgp& ebgp, int destinations) {
  GraphSummary s;
  AsGraph g = asGraph(base, ebgp);
  s.exchanges = int(base.internetExchanges().size());
  for (const auto& as : base.autonomousSystems()) {
    s.routers += int(as.routers().size());
    s.hosts += int(as.hosts().size());
  }
  s.sessions = int(ebgp.privatePeerings().size() + ebgp.crossConnectPeerings().size() +
                   ebgp.rsPeerings().size());
  std::vector<size_t> stubs;
  for (size_t v = 0; v < g.asns.size(); ++v) {
    int t = g.tier(v);
    ++s.ases[t];
    s.providers[t].add(int(g.providers[v].size()));
    s.customers[t].add(int(g.customers[v].size()));
    s.peers[t].add(int(g.peers[v].size()));
    s.sessionsPerAs[t].add(g.sessions[v]);
    if (t == 3) stubs.push_back(v);
  }
  for (int t = 1; t <= 3; ++t) {
    s.providers[t].finish();
    s.customers[t].finish();
    s.peers[t].finish();
    s.sessionsPerAs[t].finish();
  }
  const size_t sampled = std::min(stubs.size(), size_t(std::max(destinations, 0)));
  s.destinationsSampled = int(sampled);
  for (size_t k = 0; k < sampled; ++k) {
    size_t d = stubs[k * stubs.size() / sampled];
    std::vector<int> length = routeLengths(g, d);
    for (size_t v : stubs) {
      if (v == d) continue;
      if (length[v] < 0)
        ++s.unreachable;
      else
        ++s.pathLengths[length[v]];
    }
  }
  return s;
}

}  // namespace asemu
