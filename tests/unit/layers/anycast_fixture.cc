// The demo the pinned facts are checked on is the shipped C++ example itself (examples/), so the
// facts hold for what users run; the YAML form is compared with it in the topo tests.
#include "anycast_fixture.h"

#include "ip_anycast_model.h"
#include "mini_internet_model.h"

namespace asemu::testing {

Emulator makeMiniInternet(int hostsPerStub) {
  Emulator emu;
  examples::buildMiniInternet(emu, hostsPerStub);
  return emu;
}

Emulator makeAnycastDemo() {
  Emulator emu = makeMiniInternet();
  examples::addAnycastAs(emu);
  return emu;
}

const plan::Plan& anycastPlan() {
  static const plan::Plan plan = makeAnycastDemo().render("ip-anycast");
  return plan;
}

}  // namespace asemu::testing
