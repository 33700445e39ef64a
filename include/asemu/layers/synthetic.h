// A generated Internet of any size, for benchmarks and scale tests beyond SEED's 255-AS limit of
// automatic addresses: every prefix and exchange address is explicit.
//
// Shape: a ring of exchanges; transit ASes with one router at every exchange, chained by internal
// links and peering with each other through each route server; stub ASes spread over the
// exchanges, each a customer of two transit ASes at its exchange, with one network, one router
// and `hostsPerStub` hosts.
#pragma once

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"

namespace asemu {

struct SyntheticInternet {
  int stubs = 1000;  // stub ASes: ASN 1000, 1001, ...
  int hostsPerStub = 1;
  int transits = 0;   // transit ASes (ASN 2, 3, ...); 0 = 2 + min(stubs / 100, 40)
  int exchanges = 0;  // 0 = 1 + stubs / 150 (at most 250 members per exchange LAN)
};

// Adds the generated ASes, exchanges and peerings to `base` and `ebgp`.
void makeSyntheticInternet(Base& base, Ebgp& ebgp, const SyntheticInternet& shape);

}  // namespace asemu
