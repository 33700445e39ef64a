// Helpers that build common kinds of AS in one call, as SEED's Makers.
#pragma once

#include <utility>
#include <vector>

#include "asemu/layers/base.h"

namespace asemu {

// For each IX x a router r{x} joining ix{x}; for each pair (a,b) a network net_{a}_{b} that
// r{a} then r{b} join.
AutonomousSystem& makeTransitAs(Base& base, int asn, const std::vector<int>& exchanges,
                                const std::vector<std::pair<int, int>>& internalLinks);

// Network net0, router router0 (net0, then ix{exchange}), hosts host_0..host_{n-1} on net0.
AutonomousSystem& makeStubAsWithHosts(Base& base, int asn, int exchange, int hosts);

}  // namespace asemu
