#include "asemu/layers/synthetic.h"

#include <algorithm>

namespace asemu {
namespace {

// Stub networks are numbered from 100.64.0.0/24 upwards (the shared address space, which never
// appears as a real destination here); exchange LANs are the automatic 10.N.0.0/24 with N from
// 100, which bounds a generated Internet to 156 exchanges (about 23,000 stub ASes).
std::string stubPrefix(int index) {
  Ipv4Prefix base(Ipv4Address(100, 64, 0, 0), 10);
  return Ipv4Prefix(*base.host(uint64_t(index) * 256), 24).str();
}

}  // namespace

void makeSyntheticInternet(Base& base, Ebgp& ebgp, const SyntheticInternet& shape) {
  const int transits = shape.transits > 0 ? shape.transits : 2 + std::min(shape.stubs / 100, 40);
  const int exchanges = shape.exchanges > 0 ? shape.exchanges : 1 + shape.stubs / 150;
  const int firstIx = 100;
  std::vector<int> members(exchanges, 0);  // addresses handed out per exchange

  for (int x = 0; x < exchanges; ++x)
    base.createInternetExchange(firstIx + x, "auto", "Exchange-" + std::to_string(firstIx + x));

  auto ixAddress = [&](int x) {
    // Member k of exchange x: 10.N.0.(k+2), leaving .1 free; the route server keeps .N.
    int ixNumber = firstIx + x;
    int host = 2 + members[x]++;
    if (host >= ixNumber) ++host;
    return "10." + std::to_string(ixNumber) + ".0." + std::to_string(host);
  };

  for (int t = 0; t < transits; ++t) {
    int asn = 2 + t;
    AutonomousSystem& as = base.createAutonomousSystem(asn);
    for (int x = 0; x < exchanges; ++x) {
      int ix = firstIx + x;
      as.createRouter("r" + std::to_string(ix))
          .joinNetwork("ix" + std::to_string(ix), ixAddress(x));
    }
    for (int x = 0; x + 1 < exchanges; ++x) {
      std::string net = "net_" + std::to_string(x);
      // Internal links get addresses next to the stubs' space, far above any stub index.
      as.createNetwork(net, stubPrefix(16000 - t * 64 - x));
      as.getRouter("r" + std::to_string(firstIx + x)).joinNetwork(net);
      as.getRouter("r" + std::to_string(firstIx + x + 1)).joinNetwork(net);
    }
  }
  for (int x = 0; x < exchanges; ++x) {
    std::vector<int> all;
    for (int t = 0; t < transits; ++t) all.push_back(2 + t);
    ebgp.addRsPeers(firstIx + x, all);
  }

  for (int s = 0; s < shape.stubs; ++s) {
    int asn = 1000 + s;
    int x = s % exchanges;
    int ix = firstIx + x;
    AutonomousSystem& as = base.createAutonomousSystem(asn);
    as.createNetwork("net0", stubPrefix(s));
    as.createRouter("router0").joinNetwork("net0").joinNetwork("ix" + std::to_string(ix),
                                                               ixAddress(x));
    for (int h = 0; h < shape.hostsPerStub; ++h)
      as.createHost("host_" + std::to_string(h)).joinNetwork("net0");
    int p1 = 2 + s % transits;
    int p2 = 2 + (s + 1) % transits;
    ebgp.addPrivatePeering(ix, p1, asn, PeerRelationship::Provider);
    if (p2 != p1) ebgp.addPrivatePeering(ix, p2, asn, PeerRelationship::Provider);
  }
}

}  // namespace asemu
