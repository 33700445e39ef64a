// A generator of realistic Internets of any size (`asemu generate`, the topology key `generate:`).
//
// The shape (docs/generator.md): a clique of tier-1 ASes present at every exchange; tier-2
// transit ASes at one to three exchanges, customers of one or two tier-1s or larger tier-2s and
// peering with other tier-2s through route servers and private peerings; stub ASes at one
// exchange with one or two providers, one network, one router and their hosts. Every prefix
// and address is explicit, so any number of ASes works (SEED's automatic addresses stop at AS
// 255). The same shape and seed give the same Internet with every compiler and standard
// library: the random numbers come from std::mt19937_64 through the generator's own
// integer-only draws.
#pragma once

#include <cstdint>
#include <string>

#include "asemu/core/error.h"
#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/emulator.h"

namespace asemu {

struct InternetShape {
  int ases = 1000;  // every AS: tier-1, tier-2 and stub
  uint64_t seed = 1;
  int hostsPerStub = 1;
};

inline constexpr int kMinGeneratedAses = 2;
inline constexpr int kMaxGeneratedAses = 10000;
inline constexpr int kMaxHostsPerStub = 100;

// Empty when the shape can be generated; else one line saying which value to change and how.
std::string internetShapeProblem(const InternetShape& shape);

// The counts a number of ASes gives (tier1 + tier2 + stubs == ases).
struct InternetCounts {
  int tier1 = 0;
  int tier2 = 0;
  int stubs = 0;
  int exchanges = 0;
};
InternetCounts internetCounts(int ases);

// The numbers the generator gives: tier-1 ASNs from 2, exchanges from 100, tier-2 ASNs from
// 1000, stub ASNs from 10000.
inline constexpr int kFirstTier1Asn = 2;
inline constexpr int kFirstExchange = 100;
inline constexpr int kFirstTier2Asn = 1000;
inline constexpr int kFirstStubAsn = 10000;

// Adds the generated exchanges, ASes and peerings to `base` and `ebgp`; `at` is the origin of
// every object (where a topology file asked for them). Throws Error when the shape has a
// problem (internetShapeProblem) or an ASN or exchange it needs already exists.
void generateInternet(Base& base, Ebgp& ebgp, const InternetShape& shape, SourceLocation at = {});

// An emulation of the five standard layers (Base, Routing, Ebgp, Ospf, Ibgp) holding the
// generated Internet.
Emulator generatedInternet(const InternetShape& shape);

}  // namespace asemu
