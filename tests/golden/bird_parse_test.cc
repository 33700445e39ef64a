// Every generated bird.conf must pass BIRD's own parser (`bird -p -c FILE`): the anycast demo's
// and those of the small topologies that exercise other relationships and shapes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "anycast_fixture.h"
#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/internet_generator.h"
#include "asemu/plan/bird_config.h"
#include "mini_internet_model.h"
#include "seed_basic_models.h"
#include "small_topologies.h"

namespace asemu {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBird = "/usr/sbin/bird";

// A fresh directory under the system's temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "asemu-bird-parse-XXXXXX").string();
    if (char* made = mkdtemp(pattern.data())) path_ = made;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Output of `bird -p -c file`, or "" when BIRD accepts it.
std::string birdParseProblem(const fs::path& file) {
  std::string command = std::string(kBird) + " -p -c '" + file.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "cannot run " + command;
  std::string output;
  char buffer[512];
  while (size_t got = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, got);
  int status = pclose(pipe);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  return output.empty() ? "bird exited with status " + std::to_string(status) : output;
}

// Writes each config of `plan` into a temp dir and runs BIRD's parser on each; returns how many
// configs were checked. With `include`, routers read their announced routes from a file there
// that holds `included`, as on a running emulation.
size_t expectBirdAccepts(const plan::Plan& plan, bool include = false,
                         const std::vector<Ipv4Prefix>& included = {}) {
  TempDir dir;
  EXPECT_FALSE(dir.path().empty()) << "cannot create a temp dir";
  if (dir.path().empty()) return 0;
  size_t checked = 0;
  plan::BirdConfigOptions options;
  if (include) {
    // Relative, as on a running emulation: BIRD reads it beside the config.
    options.announced_include = "announced.conf";
    std::ofstream(dir.path() / "announced.conf") << plan::announcedRoutes(included);
  }
  for (const auto& node : plan.nodes) {
    if (!node.bird) continue;
    std::string stem = node.id;
    for (char& c : stem)
      if (c == '/') c = '_';
    const fs::path file = dir.path() / (stem + ".conf");
    const std::string conf = plan::birdConfig(node, options);
    std::ofstream(file) << conf;
    const std::string problem = birdParseProblem(file);
    EXPECT_EQ(problem, "") << node.id << ":\n" << conf;
    ++checked;
  }
  return checked;
}

class BirdParser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kBird))
      GTEST_SKIP() << kBird << " is absent (install the Debian package bird2); generated configs "
                   << "were not checked with BIRD's parser";
  }
};

TEST_F(BirdParser, AcceptsEveryAnycastDemoConfig) {
  EXPECT_EQ(expectBirdAccepts(testing::anycastPlan()), 35u);
}

TEST_F(BirdParser, AcceptsEveryRelationshipAndARouterWithoutLocalNetworks) {
  EXPECT_EQ(expectBirdAccepts(testing::makeThreeAsTopology().render()), 5u);
}

TEST_F(BirdParser, AcceptsIbgpMeshesAndInternalRouters) {
  EXPECT_EQ(expectBirdAccepts(testing::makeIbgpTopology().render()), 8u);
}

TEST_F(BirdParser, AcceptsEveryConfigOfSeedsBasicExamples) {
  // Routers and route servers: the simple AS has no OSPF and no iBGP at all.
  const std::vector<std::pair<void (*)(Emulator&), size_t>> examples = {
      {examples::buildSimpleAs, 4u},
      {examples::buildTransitAs, 9u},
      {examples::buildNanoInternet, 9u}};
  for (const auto& [build, configs] : examples) {
    Emulator emu;
    build(emu);
    EXPECT_EQ(expectBirdAccepts(emu.render()), configs);
  }
}

TEST_F(BirdParser, AcceptsCrossConnectPeerings) {
  EXPECT_EQ(expectBirdAccepts(testing::makeCrossConnectTopology().render()), 4u);
}

TEST_F(BirdParser, AcceptsEveryConfigOfAGeneratedInternet) {
  // Tier-1s at every exchange, tier-2s, every relationship kind and route servers.
  Emulator emu = generatedInternet({.ases = 60, .seed = 3});
  const Base& base = emu.getLayer<Base>();
  size_t routers = base.internetExchanges().size();
  for (const auto& as : base.autonomousSystems()) routers += as.routers().size();
  EXPECT_EQ(expectBirdAccepts(emu.render()), routers);
}

TEST_F(BirdParser, AcceptsAnnouncedPrefixesWithEbgpWithIbgpAloneAndWithout) {
  Emulator three = testing::makeThreeAsTopology();
  three.getLayer<Base>().getAutonomousSystem(4).getRouter("r0").announce("10.153.0.0/25");
  three.getLayer<Base>().getAutonomousSystem(5).getRouter("r0").announce("10.153.0.128/25");
  EXPECT_EQ(expectBirdAccepts(three.render()), 5u);
  Emulator ibgp = testing::makeIbgpTopology();
  ibgp.getLayer<Base>().getAutonomousSystem(7).getRouter("a1").announce("10.153.0.0/24");
  EXPECT_EQ(expectBirdAccepts(ibgp.render()), 8u);
}

TEST_F(BirdParser, AcceptsTheRuntimesIncludedAnnouncementsEmptyOrNot) {
  const plan::Plan plan = testing::makeIbgpTopology().render();
  EXPECT_EQ(expectBirdAccepts(plan, true), 8u);
  EXPECT_EQ(expectBirdAccepts(plan, true, {*Ipv4Prefix::parse("10.153.0.0/25")}), 8u);
}

TEST_F(BirdParser, AcceptsEveryTimerProfileWithAndWithoutBfd) {
  for (auto timers : {plan::BgpTimers::Seed, plan::BgpTimers::Fast})
    for (bool bfd : {false, true}) {
      Emulator emu;
      examples::buildMiniInternet(emu);
      emu.getLayer<Ebgp>().setBgpTimers(timers).enableBfd(bfd);
      EXPECT_GT(expectBirdAccepts(emu.render()), 30u);
    }
}

TEST_F(BirdParser, RejectsABrokenConfig) {
  // The check itself must be able to fail.
  TempDir dir;
  const fs::path file = dir.path() / "broken.conf";
  std::ofstream(file) << "router id 10.0.0.1;\nprotocol bgp x { neighbor as; }\n";
  EXPECT_NE(birdParseProblem(file), "");
}

}  // namespace
}  // namespace asemu
