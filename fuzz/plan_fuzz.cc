// Fuzzes the plan reader and everything a plan file reaches: `asemu compile` and `asemu map
// --plan` read plans that users hand them. Any input either is refused with asemu's own errors,
// or it reads into a plan that
//   - writes and reads back to the same JSON,
//   - compiles to Docker (compose, self-managed, swarm) and Graphviz output whose every file
//     lies below the output directory, each path once, or is refused with asemu's errors,
//   - realizes for the native runtime into interface names the kernel accepts, or is refused,
//   - gives each router a BIRD configuration.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "asemu/compile/docker.h"
#include "asemu/compile/graphviz.h"
#include "asemu/core/files.h"
#include "asemu/core/names.h"
#include "asemu/plan/bird_config.h"
#include "asemu/plan/json.h"
#include "asemu/runtime/realization.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "plan_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// Runs `f`; asemu's own errors mean the plan was refused, anything else escapes and is a crash.
template <typename F>
bool refused(F&& f) {
  try {
    f();
    return false;
  } catch (const asemu::Error&) {
  } catch (const asemu::ErrorList&) {
  }
  return true;
}

void checkPaths(const asemu::compile::Output& out) {
  std::set<std::string> seen;
  for (const auto& f : out.files) {
    if (!asemu::isPlainRelativePath(f.path)) fail("an output path leaves its directory", f.path);
    if (!seen.insert(f.path).second) fail("two output files share a path", f.path);
  }
}

void checkDevice(const std::string& name) {
  if (!name.empty() && !asemu::interfaceNameProblem(name).empty())
    fail("a realized interface name is not one the kernel accepts", name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  asemu::plan::Plan plan;
  if (refused([&] { plan = asemu::plan::planFromJsonText(text); })) return 0;

  const std::string written = asemu::plan::toJsonText(plan);
  asemu::plan::Plan again;
  if (refused([&] { again = asemu::plan::planFromJsonText(written); }))
    fail("a written plan does not read back", written);
  if (asemu::plan::toJsonText(again) != written)
    fail("a plan read back writes differently", written);

  for (int variant = 0; variant < 3; ++variant) {
    asemu::compile::DockerOptions options;
    options.self_managed_network = variant == 1;
    options.distributed = variant == 2;
    asemu::compile::Output out;
    if (!refused([&] { out = asemu::compile::compileDocker(plan, options); })) checkPaths(out);
  }
  asemu::compile::Output graphs;
  if (!refused([&] { graphs = asemu::compile::compileGraphviz(plan); })) checkPaths(graphs);

  asemu::runtime::Realization r;
  if (!refused([&] { r = asemu::runtime::realize(plan, "fuzz"); })) {
    for (const auto& op : r.fabric_batch.ops) {
      checkDevice(op.dev);
      checkDevice(op.peer);
      checkDevice(op.master);
      checkDevice(op.peer_master);
    }
    for (const auto& node : r.nodes)
      for (const auto& op : node.batch.ops) checkDevice(op.dev);
  }

  for (const auto& node : plan.nodes)
    if (node.bird) refused([&] { (void)asemu::plan::birdConfig(node); });
  return 0;
}
