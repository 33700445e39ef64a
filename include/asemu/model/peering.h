// BGP peerings between ASes, at an exchange or over a cross-connect, as the user asked for them.
#pragma once

#include <string>

#include "asemu/core/error.h"

namespace asemu {

// As in SEED: Provider means the first AS is the provider of the second.
enum class PeerRelationship { Provider, Peer, Unfiltered };

std::string relationshipName(PeerRelationship r);  // "Provider", "Peer", "Unfiltered"

struct PrivatePeering {
  int ix = 0;
  int a = 0;  // provider side for Provider
  int b = 0;
  PeerRelationship relationship = PeerRelationship::Peer;
  SourceLocation origin;
};

// Between routers of AS a and AS b that share a cross-connect.
struct CrossConnectPeering {
  int a = 0;  // provider side for Provider
  int b = 0;
  PeerRelationship relationship = PeerRelationship::Peer;
  SourceLocation origin;
};

struct RouteServerPeering {
  int ix = 0;
  int asn = 0;
  SourceLocation origin;
};

}  // namespace asemu
