// A small generated Internet run for real: stubs behind different tier-2s reach each other
// through tier-2s, tier-1s, exchanges and route servers.
#include <gtest/gtest.h>

#include <set>

#include "asemu/layers/as_graph.h"
#include "asemu/runtime/naming.h"
#include "asemu/topo/topology.h"
#include "live_emulation.h"

namespace asemu::runtime::testing {
namespace {

// A host address of stub `asn`.
std::string hostAddress(const plan::Plan& plan, int asn) {
  const plan::Node* host = plan.findNode("as" + std::to_string(asn) + "/host_0");
  return host ? host->interfaces.at(0).address.str() : "";
}

TEST(GeneratedInternet, StubsBehindDifferentTier2sPingEachOther) {
  Emulator model;
  topo::loadString(model, "generate: {ases: 20, seed: 1}\n", "gen.yaml");
  AsGraph g = asGraph(model.getLayer<Base>(), model.getLayer<Ebgp>());
  // Two single-homed stubs whose providers are different tier-2s.
  std::vector<std::pair<int, size_t>> stubs;  // asn, its tier-2 provider
  for (size_t v = 0; v < g.asns.size(); ++v)
    if (g.tier(v) == 3 && g.providers[v].size() == 1 && g.tier(g.providers[v][0]) == 2)
      stubs.push_back({g.asns[v], g.providers[v][0]});
  int from = 0, to = 0;
  for (const auto& a : stubs)
    for (const auto& b : stubs)
      if (!from && a.second != b.second) {
        from = a.first;
        to = b.first;
      }
  ASSERT_NE(from, 0) << "no two stubs behind different tier-2s";

  LiveEmulation emu;
  emu.up(model.render("gen20"));
  const std::string target = hostAddress(emu.plan(), to);
  ASSERT_NE(target, "");
  // Up returns once every session is Established; routes may still be on their way.
  EXPECT_EQ(emu.sh("as" + std::to_string(from) + "/host_0",
                   "for i in $(seq 60); do ping -c1 -W1 " + target +
                       " >/dev/null && exit 0; sleep 0.5; done; exit 1"),
            0)
      << "as" << from << " cannot reach as" << to << " at " << target;
  emu.down();
}

// The scale check of CI: 300 ASes come up with every session Established, the two stubs
// furthest apart in AS hops reach each other, and down leaves nothing behind.
TEST(GeneratedInternet, ThreeHundredAsesComeUpAndFarStubsPingEachOther) {
  Emulator model;
  topo::loadString(model, "generate: {ases: 300, seed: 1}\n", "gen.yaml");
  AsGraph g = asGraph(model.getLayer<Base>(), model.getLayer<Ebgp>());
  int from = 0, to = 0, longest = -1;
  for (size_t d = 0; d < g.asns.size(); ++d) {
    if (g.tier(d) != 3) continue;
    std::vector<int> length = routeLengths(g, d);
    for (size_t v = 0; v < g.asns.size(); ++v)
      if (g.tier(v) == 3 && length[v] > longest) {
        longest = length[v];
        from = g.asns[v];
        to = g.asns[d];
      }
  }
  ASSERT_GE(longest, 3);

  LiveEmulation emu;
  emu.up(model.render("gen300"), true, std::chrono::seconds(240));  // every session Established
  std::set<ino_t> inodes = namespaceInodes(namespacePrefix(emu.name()));
  EXPECT_EQ(inodes.size(), emu.plan().nodes.size() + 1);  // the fabric and every node
  const std::string target = hostAddress(emu.plan(), to);
  EXPECT_EQ(emu.sh("as" + std::to_string(from) + "/host_0",
                   "for i in $(seq 120); do ping -c1 -W1 " + target +
                       " >/dev/null && exit 0; sleep 0.5; done; exit 1"),
            0)
      << "as" << from << " cannot reach as" << to << " at " << target << " (" << longest
      << " AS hops)";
  emu.down();
  EXPECT_EQ(countNamespaces(namespacePrefix(emu.name())), 0);
  EXPECT_EQ(processesHolding(inodes), 0);
}

}  // namespace
}  // namespace asemu::runtime::testing
