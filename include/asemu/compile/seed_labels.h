// The `org.seedsecuritylabs.seedemu.meta.*` labels on containers and networks.
//
// SEED's Internet Map draws an emulation from these labels alone, so their keys and values follow
// SEED exactly: every value is a string, interfaces are numbered in the order the node joined its
// networks, and addresses carry their prefix length. Labels always describe the emulated
// addresses, also when Docker itself only sees placeholder subnets.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "asemu/plan/plan.h"

namespace asemu::compile {

inline constexpr const char* kSeedLabelPrefix = "org.seedsecuritylabs.seedemu.meta.";

// Ordered (full key, value) pairs; the order is the one written to the compose file.
using Labels = std::vector<std::pair<std::string, std::string>>;

Labels nodeLabels(const plan::Plan& plan, const plan::Node& node);
Labels networkLabels(const plan::Network& network);

}  // namespace asemu::compile
