#include "asemu/model/peering.h"

namespace asemu {

std::string relationshipName(PeerRelationship r) {
  switch (r) {
    case PeerRelationship::Provider:
      return "Provider";
    case PeerRelationship::Peer:
      return "Peer";
    case PeerRelationship::Unfiltered:
      return "Unfiltered";
  }
  return "?";
}

}  // namespace asemu
