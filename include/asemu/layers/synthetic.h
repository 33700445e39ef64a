// A generated Internet for benchmarks and scale tests: the Internet generator
// (internet_generator.h) sized by its number of stub ASes.
#pragma once

#include "asemu/layers/internet_generator.h"

namespace asemu {

struct SyntheticInternet {
  int stubs = 1000;  // about this many stub ASes (plus the transit ASes they need)
  int hostsPerStub = 1;
  uint64_t seed = 1;
};

// The number of ASes (stubs and transit ASes) the shape gives.
int syntheticAses(const SyntheticInternet& shape);

// Adds the generated ASes, exchanges and peerings to `base` and `ebgp`.
void makeSyntheticInternet(Base& base, Ebgp& ebgp, const SyntheticInternet& shape);

}  // namespace asemu
