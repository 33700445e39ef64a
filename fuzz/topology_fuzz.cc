// Fuzzes the topology loader: any input either loads or fails with asemu's own errors, and a
// topology that loads is saved, loaded back and rendered to check that nothing is lost.
//
// Included files resolve against the working directory; fuzz/run.sh runs in a scratch directory
// that holds the example files, so that inputs can include them.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "topology_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

std::optional<nlohmann::json> renderOrNothing(const asemu::Emulator& emu) {
  try {
    return asemu::plan::toJson(emu.render());
  } catch (const asemu::Error&) {
  } catch (const asemu::ErrorList&) {
  }
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  asemu::Emulator emu;
  try {
    asemu::topo::loadString(emu, text, "input.yaml");
  } catch (const asemu::Error&) {
    return 0;
  } catch (const asemu::ErrorList&) {
    return 0;
  }

  // What loaded must save and load back to the same model.
  const std::string saved = asemu::topo::dumpString(emu);
  asemu::Emulator again;
  try {
    asemu::topo::loadString(again, saved, "saved.yaml");
  } catch (const std::exception& e) {
    fail("a saved topology does not load", std::string(e.what()) + "\n--- saved:\n" + saved);
  }
  if (asemu::topo::dumpString(again) != saved) fail("saving a reloaded topology changes it", saved);

  // And render to the same plan (or fail to render in both cases).
  std::optional<nlohmann::json> first = renderOrNothing(emu);
  std::optional<nlohmann::json> second = renderOrNothing(again);
  if (first.has_value() != second.has_value() || (first && *first != *second))
    fail("a saved topology renders differently", saved);
  return 0;
}
