// The Internet generator: first the shape as plain data (who is where, who serves whom), drawn
// in one fixed order from one random stream, then the model objects with explicit addresses.
//
// Address plan (no range overlaps another, nor the router loopbacks in 10.0.0.0/16):
//   exchange i (from 0)      a /24, /23 or /22 at 100.64.0.0 + 1024 i; route server at .1,
//                            members from .2 in AS creation order
//   internal link l          100.96.0.0 + 4 l, a /30 whose routers are .1 and .2
//   stub s                   10.(1 + s / 256).(s % 256).0/24; router .254, hosts from .71
#include "asemu/layers/internet_generator.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"

namespace asemu {
namespace {

// Most members an exchange gets: its LAN stays within a /22 and its bridge below Linux's 1,024
// ports (the route server takes one more).
constexpr int kMaxMembers = 1000;
// Stubs per exchange the counts aim at.
constexpr int kAsesPerExchange = 150;
// Up to this many exchanges, every tier-1 is at every one; beyond, every tier-1 is at the first
// kCoreExchanges and two tier-1s are at each other exchange.
constexpr int kTier1Everywhere = 16;
constexpr int kCoreExchanges = 4;

const Ipv4Prefix kExchangePool(Ipv4Address(100, 64, 0, 0), 14);
const Ipv4Prefix kLinkPool(Ipv4Address(100, 96, 0, 0), 11);

// Draws from std::mt19937_64, whose output the standard fixes; the draws themselves use integer
// arithmetic only, so they are the same everywhere (std's distributions are not).
class Draw {
 public:
  explicit Draw(uint64_t seed) : rng_(seed) {}

  // Uniform in [0, n), n > 0, without modulo bias.
  uint64_t below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t v;
    do v = rng_();
    while (v >= limit);
    return v % n;
  }
  // True with probability percent / 100.
  bool percent(int percent) { return below(100) < uint64_t(percent); }
  // An index drawn with probability proportional to its weight; weights sum to more than 0.
  size_t weighted(const std::vector<uint64_t>& weights) {
    uint64_t total = 0;
    for (uint64_t w : weights) total += w;
    uint64_t r = below(total);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 rng_;
};

struct Link {
  int ix;  // exchange index
  int a;   // AS index; the provider for Provider and Unfiltered
  int b;
  PeerRelationship relationship;
};

struct As {
  int asn = 0;
  int tier = 0;                // 1, 2 or 3 (stub)
  std::vector<int> exchanges;  // exchange indices, ascending
  std::vector<int> rsAt;       // exchange indices where it peers with the route server
  int customers = 0;
};

// The shape as data: ASes in creation order (tier-1s, tier-2s, stubs) and their peerings.
struct Shape {
  InternetCounts counts;
  std::vector<As> ases;
  std::vector<std::vector<int>> members;  // per exchange: AS indices in creation order
  std::vector<Link> links;
  std::set<std::pair<int, int>> related;  // AS index pairs (low, high) with a peering

  bool relate(int a, int b) { return related.insert({std::min(a, b), std::max(a, b)}).second; }
  bool isRelated(int a, int b) const { return related.count({std::min(a, b), std::max(a, b)}); }
  bool at(int as, int ix) const {
    const auto& x = ases[as].exchanges;
    return std::binary_search(x.begin(), x.end(), ix);
  }
  bool meet(int a, int b) const {
    for (int x : ases[a].exchanges)
      if (at(b, x)) return true;
    return false;
  }
};

// `count` of the numbers 0 .. from-1, drawn without repetition, in ascending order.
std::vector<int> pickSome(Draw& draw, int count, int from) {
  std::vector<int> all(from);
  for (int i = 0; i < from; ++i) all[i] = i;
  std::vector<int> out;
  for (int i = 0; i < count && !all.empty(); ++i) {
    size_t k = draw.below(all.size());
    out.push_back(all[k]);
    all.erase(all.begin() + long(k));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Preferential attachment: a provider with more customers draws more new ones.
int pickProvider(Draw& draw, const Shape& s, const std::vector<int>& candidates) {
  std::vector<uint64_t> weights;
  for (int c : candidates) weights.push_back(1 + uint64_t(s.ases[c].customers));
  return candidates[draw.weighted(weights)];
}

void addProvider(Shape& s, int ix, int provider, int customer, PeerRelationship rel) {
  s.links.push_back({ix, provider, customer, rel});
  s.relate(provider, customer);
  ++s.ases[provider].customers;
}

Shape drawShape(const InternetShape& shape) {
  Shape s;
  s.counts = internetCounts(shape.ases);
  const InternetCounts& n = s.counts;
  Draw draw(shape.seed);
  s.members.resize(n.exchanges);
  auto join = [&](int as, const std::vector<int>& exchanges) {
    s.ases[as].exchanges = exchanges;
    for (int x : exchanges) s.members[x].push_back(as);
  };

  // Tier-1s: at every exchange, and a clique of private peerings spread over the exchanges.
  // With many exchanges, all are at the first few (where the clique peers) and two at each
  // other, so that a tier-1's routers, and its iBGP mesh, stay few.
  const bool everywhere = n.exchanges <= kTier1Everywhere;
  for (int t = 0; t < n.tier1; ++t) {
    s.ases.push_back({kFirstTier1Asn + t, 1, {}, {}, 0});
    std::vector<int> at;
    for (int x = 0; x < n.exchanges; ++x)
      if (everywhere || x < kCoreExchanges || x % n.tier1 == t || (x + 1) % n.tier1 == t)
        at.push_back(x);
    join(t, at);
  }
  const int cliqueExchanges = everywhere ? n.exchanges : kCoreExchanges;
  for (int a = 0; a < n.tier1; ++a)
    for (int b = a + 1; b < n.tier1; ++b) {
      s.links.push_back({(a + b) % cliqueExchanges, a, b, PeerRelationship::Peer});
      s.relate(a, b);
    }

  // Tier-2s: at 1-3 exchanges; 1-2 providers, tier-1s or one of the large tier-2s (the first
  // fifth, customers of tier-1s only, so that the hierarchy is at most three deep); route
  // server peering at most of their exchanges.
  const int firstTier2 = n.tier1;
  const int largeTier2s = std::max(1, n.tier2 / 5);
  for (int j = 0; j < n.tier2; ++j) {
    const int as = firstTier2 + j;
    s.ases.push_back({kFirstTier2Asn + j, 2, {}, {}, 0});
    int presence = 1 + int(draw.percent(50)) + int(draw.percent(25));
    join(as, pickSome(draw, std::min(presence, n.exchanges), n.exchanges));
    for (int x : s.ases[as].exchanges)
      if (draw.percent(75)) s.ases[as].rsAt.push_back(x);
    const int providers = 1 + int(draw.percent(50));
    for (int p = 0; p < providers; ++p) {
      std::vector<int> tier2s;  // larger tier-2s sharing an exchange, not yet related
      if (j >= largeTier2s && !draw.percent(60))
        for (int k = firstTier2; k < firstTier2 + largeTier2s; ++k)
          if (!s.isRelated(k, as) && s.meet(as, k)) tier2s.push_back(k);
      int provider;
      if (!tier2s.empty()) {
        provider = pickProvider(draw, s, tier2s);
      } else {
        std::vector<int> tier1s;  // sharing an exchange, not yet related
        for (int t = 0; t < n.tier1; ++t)
          if (!s.isRelated(t, as) && s.meet(as, t)) tier1s.push_back(t);
        if (tier1s.empty()) break;
        provider = pickProvider(draw, s, tier1s);
      }
      std::vector<int> shared;
      for (int x : s.ases[as].exchanges)
        if (s.at(provider, x)) shared.push_back(x);
      addProvider(s, shared[draw.below(shared.size())], provider, as, PeerRelationship::Provider);
    }
  }
  // Private peerings between tier-2s at an exchange where not both peer with the route server.
  for (int j = 0; j < n.tier2; ++j) {
    const int as = firstTier2 + j;
    if (!draw.percent(50)) continue;
    const auto& mine = s.ases[as].exchanges;
    int x = mine[draw.below(mine.size())];
    std::vector<int> candidates;
    auto onRs = [&](int a) {
      const auto& r = s.ases[a].rsAt;
      return std::find(r.begin(), r.end(), x) != r.end();
    };
    for (int other : s.members[x])
      if (s.ases[other].tier == 2 && other != as && !s.isRelated(as, other) &&
          !(onRs(as) && onRs(other)))
        candidates.push_back(other);
    if (candidates.empty()) continue;
    int peer = candidates[draw.below(candidates.size())];
    s.links.push_back({x, std::min(as, peer), std::max(as, peer), PeerRelationship::Peer});
    s.relate(as, peer);
  }

  // Stubs: at one exchange, with one provider there or (30%) two; most providers are tier-2s.
  // The first stubs go one to each tier-2, so that every transit AS has a customer.
  for (int i = 0; i < n.stubs; ++i) {
    const int as = firstTier2 + n.tier2 + i;
    const int first = i < n.tier2 ? firstTier2 + i : -1;
    s.ases.push_back({kFirstStubAsn + i, 3, {}, {}, 0});
    int x = first >= 0 ? s.ases[first].exchanges[0] : int(draw.below(uint64_t(n.exchanges)));
    while (first < 0 && int(s.members[x].size()) >= kMaxMembers) x = (x + 1) % n.exchanges;
    join(as, {x});
    const int providers = 1 + int(draw.percent(30));
    for (int p = 0; p < providers; ++p) {
      std::vector<int> tier1s, tier2s;
      for (int m : s.members[x])
        if (m != as && s.ases[m].tier < 3 && !s.isRelated(m, as))
          (s.ases[m].tier == 1 ? tier1s : tier2s).push_back(m);
      int provider = p == 0 && first >= 0 ? first
                     : !tier2s.empty() && (tier1s.empty() || draw.percent(85))
                         ? pickProvider(draw, s, tier2s)
                         : pickProvider(draw, s, tier1s);
      // A share of single-homed stubs take everything their provider sends and send it all
      // back: with one provider that is what a customer would do anyway.
      bool unfiltered = providers == 1 && s.ases[provider].tier == 2 && draw.percent(5);
      addProvider(s, x, provider, as,
                  unfiltered ? PeerRelationship::Unfiltered : PeerRelationship::Provider);
    }
  }
  return s;
}

std::string ixNet(int x) {
  return "ix" + std::to_string(kFirstExchange + x);
}

// The model objects of a drawn shape.
void build(const Shape& s, Base& base, Ebgp& ebgp, int hostsPerStub, const SourceLocation& at) {
  const int exchanges = s.counts.exchanges;
  // Exchanges: the smallest LAN of /24, /23, /22 that holds the members and the route server.
  std::vector<Ipv4Prefix> lan(exchanges);
  for (int x = 0; x < exchanges; ++x) {
    int length = 24;
    while (uint64_t(1) << (32 - length) < s.members[x].size() + 3) --length;
    lan[x] = Ipv4Prefix(*kExchangePool.host(uint64_t(x) * 1024), length);
    InternetExchange& ix = base.createInternetExchange(kFirstExchange + x, lan[x].str(),
                                                       "Exchange-" + std::to_string(x + 1));
    ix.setRouteServerAddress(lan[x].host(1)->str());
    ix.origin = at;
  }
  std::vector<int> nextMember(exchanges, 2);
  auto memberAddress = [&](int x) { return lan[x].host(uint64_t(nextMember[x]++))->str(); };

  uint64_t links = 0;
  int stub = 0;
  for (const As& a : s.ases) {
    AutonomousSystem& as = base.createAutonomousSystem(a.asn);
    as.origin = at;
    if (a.tier == 3) {
      Ipv4Prefix net(Ipv4Address(10, uint8_t(1 + stub / 256), uint8_t(stub % 256), 0), 24);
      ++stub;
      as.createNetwork("net0", net.str()).origin = at;
      Node& router = as.createRouter("router0");
      router.origin = at;
      router.joinNetwork("net0", net.host(254)->str(), at);
      router.joinNetwork(ixNet(a.exchanges[0]), memberAddress(a.exchanges[0]), at);
      for (int h = 0; h < hostsPerStub; ++h) {
        Node& host = as.createHost("host_" + std::to_string(h));
        host.origin = at;
        host.joinNetwork("net0", net.host(uint64_t(71 + h))->str(), at);
      }
      continue;
    }
    // A transit AS: a router rN at each exchange N, in a ring (a chain of two) of internal
    // links so that OSPF and iBGP join them.
    for (int x : a.exchanges) {
      Node& router = as.createRouter("r" + std::to_string(kFirstExchange + x));
      router.origin = at;
      router.joinNetwork(ixNet(x), memberAddress(x), at);
    }
    const size_t k = a.exchanges.size();
    for (size_t i = 0; i + 1 < k || (k > 2 && i + 1 == k); ++i) {
      int from = kFirstExchange + a.exchanges[i];
      int to = kFirstExchange + a.exchanges[(i + 1) % k];
      Ipv4Prefix net(*kLinkPool.host(4 * links++), 30);
      std::string name = "net_" + std::to_string(from) + "_" + std::to_string(to);
      as.createNetwork(name, net.str()).origin = at;
      as.getRouter("r" + std::to_string(from)).joinNetwork(name, net.host(1)->str(), at);
      as.getRouter("r" + std::to_string(to)).joinNetwork(name, net.host(2)->str(), at);
    }
  }
  for (int x = 0; x < exchanges; ++x)
    for (int m : s.members[x]) {
      const auto& rs = s.ases[m].rsAt;
      if (std::find(rs.begin(), rs.end(), x) != rs.end())
        ebgp.addRsPeer(kFirstExchange + x, s.ases[m].asn, at);
    }
  for (const Link& l : s.links)
    ebgp.addPrivatePeering(kFirstExchange + l.ix, s.ases[l.a].asn, s.ases[l.b].asn, l.relationship,
                           at);
}

}  // namespace

InternetCounts internetCounts(int ases) {
  InternetCounts c;
  c.tier1 = std::max(2, std::min({8, 3 + ases / 400, ases / 2}));
  c.tier2 = (ases - c.tier1) / 8;
  c.stubs = ases - c.tier1 - c.tier2;
  c.exchanges = std::max(ases >= 10 ? 2 : 1, (ases + kAsesPerExchange - 1) / kAsesPerExchange);
  return c;
}

std::string internetShapeProblem(const InternetShape& shape) {
  if (shape.ases < kMinGeneratedAses || shape.ases > kMaxGeneratedAses)
    return "the number of ASes must be " + std::to_string(kMinGeneratedAses) + ".." +
           std::to_string(kMaxGeneratedAses) + ", got " + std::to_string(shape.ases);
  if (shape.hostsPerStub < 0 || shape.hostsPerStub > kMaxHostsPerStub)
    return "the hosts per stub AS must be 0.." + std::to_string(kMaxHostsPerStub) + ", got " +
           std::to_string(shape.hostsPerStub);
  return "";
}

void generateInternet(Base& base, Ebgp& ebgp, const InternetShape& shape, SourceLocation at) {
  if (auto problem = internetShapeProblem(shape); !problem.empty())
    throw Error("generate", problem, at);
  build(drawShape(shape), base, ebgp, shape.hostsPerStub, at);
}

Emulator generatedInternet(const InternetShape& shape) {
  Emulator emu;
  Base& base = emu.addLayer(Base());
  emu.addLayer(Routing());
  Ebgp& ebgp = emu.addLayer(Ebgp());
  emu.addLayer(Ospf());
  emu.addLayer(Ibgp());
  generateInternet(base, ebgp, shape);
  return emu;
}

}  // namespace asemu
