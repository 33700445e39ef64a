#include "prefix_hijack_model.h"

#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/makers.h"

namespace asemu::examples {

void addHijackAttacker(Emulator& emu) {
  makeStubAsWithHosts(emu.getLayer<Base>(), 199, 105, 1);
  emu.getLayer<Ebgp>().addPrivatePeerings(105, {2, 3}, {199}, PeerRelationship::Provider);
}

}  // namespace asemu::examples
