// The one emitter of BIRD 2 configuration text from a node's Bird record.
#pragma once

#include <string>
#include <vector>

#include "asemu/plan/plan.h"

namespace asemu::plan {

struct BirdConfigOptions {
  // When set, a router with BGP takes the routes of its static protocol "announced" from this
  // file (as BIRD sees the path) instead of from Bird::announced, and has that protocol even
  // when it announces nothing; the file holds announcedRoutes(). The runtime changes a running
  // router's announcements this way.
  std::string announced_include;
};

// The complete bird.conf of a router or route server. Asserts the node has a Bird record.
std::string birdConfig(const Node& node, const BirdConfigOptions& options = {});

// The static routes of `prefixes` as they stand in the protocol "announced", one line each.
std::string announcedRoutes(const std::vector<Ipv4Prefix>& prefixes);

}  // namespace asemu::plan
