// The Internet generator: the same seed gives the same file, the shape keeps its promises
// (routing works between every pair of stubs, no provider cycle, exchanges below Linux's bridge
// limit, disjoint prefixes), and the file, the `generate:` key and the built-in example load and
// render the same Internet.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "asemu/core/linux_limits.h"
#include "asemu/layers/as_graph.h"
#include "asemu/layers/internet_generator.h"
#include "asemu/plan/json.h"
#include "asemu/topo/topology.h"

namespace asemu {
namespace {

Emulator generated(int ases, uint64_t seed, int hostsPerStub = 1) {
  return generatedInternet({.ases = ases, .seed = seed, .hostsPerStub = hostsPerStub});
}

std::string file(int ases, uint64_t seed) {
  return topo::dumpString(generated(ases, seed), "gen");
}

AsGraph graphOf(const Emulator& emu) {
  return asGraph(emu.getLayer<Base>(), emu.getLayer<Ebgp>());
}

std::string loadError(const std::string& yaml) {
  try {
    Emulator emu;
    topo::loadString(emu, yaml, "gen.yaml");
  } catch (const ErrorList& e) {
    std::string out;
    for (const auto& err : e.errors()) out += std::string(err.what()) + "\n";
    return out;
  } catch (const Error& e) {
    return std::string(e.what()) + "\n";
  }
  return "";
}

TEST(InternetGenerator, SameSeedGivesTheSameFileAndAnotherSeedAnother) {
  const std::string first = file(300, 1);
  EXPECT_EQ(first, file(300, 1));
  EXPECT_NE(first, file(300, 2));
  EXPECT_NE(file(300, 2), file(300, 3));
}

// The draws of a seed are fixed: a change to them (or a standard library that computed them
// differently) gives every existing seed another Internet, which this test catches.
TEST(InternetGenerator, TheDrawsOfASeedAreFixed) {
  Emulator emu = generated(60, 1);
  std::string shape;
  for (const auto& as : emu.getLayer<Base>().autonomousSystems()) {
    shape += std::to_string(as.asn()) + ":";
    for (const auto& r : as.routers())
      for (const auto& j : r.joins()) shape += " " + r.name() + "@" + j.network;
    shape += "\n";
  }
  for (const auto& p : emu.getLayer<Ebgp>().privatePeerings())
    shape += std::to_string(p.ix) + " " + std::to_string(p.a) + " " + std::to_string(p.b) + " " +
             relationshipName(p.relationship) + "\n";
  for (const auto& p : emu.getLayer<Ebgp>().rsPeerings())
    shape += std::to_string(p.ix) + " rs " + std::to_string(p.asn) + "\n";
  uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (unsigned char c : shape) hash = (hash ^ c) * 1099511628211ull;
  EXPECT_EQ(hash, 14537492862849943478ull) << shape;
}

TEST(InternetGenerator, CountsScaleLinearlyWithASmallTier1Clique) {
  for (int n : {2, 3, 10, 20, 250, 1000, 2000, 10000}) {
    SCOPED_TRACE(n);
    InternetCounts c = internetCounts(n);
    EXPECT_EQ(c.tier1 + c.tier2 + c.stubs, n);
    EXPECT_GE(c.tier1, 2);
    EXPECT_LE(c.tier1, 8);
    EXPECT_GE(c.exchanges, 1);
  }
  // Sessions grow with N, not N^2: eBGP peerings per AS stay bounded.
  for (int n : {250, 2000}) {
    Emulator emu = generated(n, 1);
    const Ebgp& ebgp = emu.getLayer<Ebgp>();
    size_t peerings = ebgp.privatePeerings().size() + ebgp.rsPeerings().size();
    EXPECT_LT(peerings, size_t(n) * 3) << n;
  }
}

// Every relationship invariant, on the model and on the rendered plan.
void expectSoundInternet(int ases, uint64_t seed) {
  SCOPED_TRACE("ases " + std::to_string(ases) + " seed " + std::to_string(seed));
  Emulator emu = generated(ases, seed);
  AsGraph g = graphOf(emu);
  ASSERT_EQ(g.asns.size(), size_t(ases));
  EXPECT_TRUE(providerCycle(g).empty());

  // Tier-1s (no provider) are exactly the generated ones, and peer with each other.
  const InternetCounts counts = internetCounts(ases);
  std::vector<size_t> tier1s;
  for (size_t v = 0; v < g.asns.size(); ++v)
    if (g.providers[v].empty()) tier1s.push_back(v);
  ASSERT_EQ(tier1s.size(), size_t(counts.tier1));
  for (size_t a : tier1s) {
    EXPECT_LT(g.asns[a], kFirstExchange);
    for (size_t b : tier1s)
      if (a != b) {
        EXPECT_TRUE(std::binary_search(g.peers[a].begin(), g.peers[a].end(), b));
      }
  }

  // Every stub reaches every other along the routes BGP's policies pick.
  std::vector<size_t> stubs;
  for (size_t v = 0; v < g.asns.size(); ++v)
    if (g.tier(v) == 3) stubs.push_back(v);
  EXPECT_EQ(stubs.size(), size_t(counts.stubs));
  long unreachable = 0;
  for (size_t d : stubs) {
    std::vector<int> length = routeLengths(g, d);
    for (size_t s : stubs) unreachable += length[s] < 0;
  }
  EXPECT_EQ(unreachable, 0);

  plan::Plan plan = emu.render("gen");
  // The plan passes the checks a plan file gets.
  EXPECT_NO_THROW(plan::planFromJson(plan::toJson(plan)));
  // Exchanges below Linux's 1,024 bridge ports; prefixes disjoint and away from the loopbacks;
  // every address usable in its network.
  std::map<std::string, const plan::Network*> networks;
  for (const auto& net : plan.networks) networks[net.id] = &net;
  std::map<std::string, int> ports;
  std::set<uint32_t> addresses;
  for (const auto& node : plan.nodes)
    for (const auto& i : node.interfaces) {
      const plan::Network& net = *networks.at(i.network);
      ++ports[net.id];
      EXPECT_TRUE(net.prefix.isUsableHost(i.address)) << node.id << " " << i.address.str();
      EXPECT_EQ(i.prefix_length, net.prefix.length()) << node.id;
      EXPECT_TRUE(addresses.insert(i.address.value()).second) << i.address.str();
    }
  for (const auto& [id, n] : ports) EXPECT_LE(size_t(n), kBridgePorts) << id;
  const Ipv4Prefix loopbacks(Ipv4Address(10, 0, 0, 0), 16);
  for (size_t a = 0; a < plan.networks.size(); ++a) {
    EXPECT_FALSE(plan.networks[a].prefix.overlaps(loopbacks)) << plan.networks[a].id;
    for (size_t b = a + 1; b < plan.networks.size(); ++b)
      EXPECT_FALSE(plan.networks[a].prefix.overlaps(plan.networks[b].prefix))
          << plan.networks[a].id << " " << plan.networks[b].id;
  }
}

TEST(InternetGenerator, RoutesBetweenEveryPairOfStubsWithoutProviderCycles) {
  expectSoundInternet(20, 1);
  expectSoundInternet(250, 1);
  expectSoundInternet(1000, 1);
  expectSoundInternet(1000, 99);
}

TEST(InternetGenerator, ManyExchangesKeepTier1sAtAFew) {
  // 20 exchanges: every tier-1 is at the first 4, and two tier-1s are at each other one.
  ASSERT_EQ(internetCounts(3000).exchanges, 20);
  expectSoundInternet(3000, 1);
  Emulator emu = generated(3000, 1);
  const Base& base = emu.getLayer<Base>();
  std::vector<int> tier1sAt(20, 0);
  for (int t = 0; t < internetCounts(3000).tier1; ++t) {
    const AutonomousSystem* as = base.findAutonomousSystem(kFirstTier1Asn + t);
    ASSERT_NE(as, nullptr);
    EXPECT_LT(as->routers().size(), 20u);
    for (const auto& r : as->routers()) ++tier1sAt[std::stoi(r.name().substr(1)) - kFirstExchange];
  }
  for (int x = 0; x < 20; ++x) EXPECT_GE(tier1sAt[x], 2) << x;
}

TEST(InternetGenerator, SmallestInternetsWork) {
  expectSoundInternet(2, 1);
  expectSoundInternet(3, 1);
  expectSoundInternet(9, 5);
}

TEST(InternetGenerator, EveryRelationshipKindAndInternalRoutingOccur) {
  Emulator emu = generated(1000, 1);
  std::set<PeerRelationship> kinds;
  for (const auto& p : emu.getLayer<Ebgp>().privatePeerings()) kinds.insert(p.relationship);
  EXPECT_EQ(kinds.size(), 3u);
  EXPECT_FALSE(emu.getLayer<Ebgp>().rsPeerings().empty());
  AsGraph g = graphOf(emu);
  int tier2s = 0, multiHomed = 0;
  for (size_t v = 0; v < g.asns.size(); ++v) {
    tier2s += g.tier(v) == 2;
    multiHomed += g.tier(v) == 3 && g.providers[v].size() == 2;
  }
  EXPECT_EQ(tier2s, internetCounts(1000).tier2);
  EXPECT_GT(multiHomed, 100);
  // Transit ASes at several exchanges run OSPF and iBGP between their routers.
  plan::Plan plan = emu.render("gen");
  const plan::Node* r = plan.findNode("as2/r100");
  ASSERT_NE(r, nullptr);
  ASSERT_TRUE(r->bird.has_value());
  bool ibgp = false;
  for (const auto& s : r->bird->sessions) ibgp = ibgp || s.kind == plan::SessionKind::Ibgp;
  EXPECT_TRUE(ibgp);
}

TEST(InternetGenerator, BadShapesAreRefusedInOneLine) {
  EXPECT_NE(internetShapeProblem({.ases = 1}), "");
  EXPECT_NE(internetShapeProblem({.ases = kMaxGeneratedAses + 1}), "");
  EXPECT_NE(internetShapeProblem({.ases = 10, .hostsPerStub = -1}), "");
  EXPECT_EQ(internetShapeProblem({.ases = 10}), "");
  Base base;
  Ebgp ebgp;
  EXPECT_THROW(generateInternet(base, ebgp, {.ases = 1}), Error);
}

TEST(InternetGenerator, TheFileLoadsBackToTheSamePlan) {
  Emulator emu = generated(120, 4, 2);
  const std::string text = topo::dumpString(emu, "gen");
  Emulator loaded;
  topo::loadString(loaded, text, "gen.yaml");
  EXPECT_EQ(plan::toJsonText(loaded.render("gen")), plan::toJsonText(emu.render("gen")));
}

TEST(GenerateKey, BuildsTheSameInternetAsTheGenerator) {
  Emulator emu;
  std::string name;
  topo::loadString(emu, "name: lab\ngenerate: {ases: 120, seed: 4, hosts_per_stub: 2}\n",
                   "gen.yaml", &name);
  EXPECT_EQ(name, "lab");
  EXPECT_EQ(plan::toJsonText(emu.render("gen")),
            plan::toJsonText(generated(120, 4, 2).render("gen")));
  // Defaults: seed 1, one host per stub.
  Emulator defaults;
  topo::loadString(defaults, "generate: {ases: 50}\n", "gen.yaml");
  EXPECT_EQ(plan::toJsonText(defaults.render("gen")),
            plan::toJsonText(generated(50, 1).render("gen")));
}

TEST(GenerateKey, ErrorsNameTheKeyAndTheFix) {
  EXPECT_EQ(loadError("generate: {ases: 10}\nases: [{asn: 1}]\n"),
            "gen.yaml:2:7: topology: a topology with 'generate' may only have 'name' besides it; "
            "remove 'ases' or put it in a file that includes this one\n");
  EXPECT_NE(loadError("generate: {ases: 1}\n").find("gen.yaml:1:18: generate: 'ases'"),
            std::string::npos);
  EXPECT_NE(loadError("generate: {ases: 10, seed: -1}\n").find("'seed'"), std::string::npos);
  EXPECT_NE(loadError("generate: {ases: 10, sead: 1}\n").find("did you mean 'seed'?"),
            std::string::npos);
  EXPECT_NE(loadError("generate: {seed: 1}\n").find("'ases'"), std::string::npos);
  EXPECT_NE(loadError("generate: 1000\n"), "");
  // One error: the generator does not run, so the missing Ebgp layer is not reported too.
  EXPECT_EQ(loadError("layers: [Base, Routing]\ngenerate: {ases: 10}\n"),
            "gen.yaml:1:9: topology: a topology with 'generate' may only have 'name' besides "
            "it; remove 'layers' or put it in a file that includes this one\n");
}

TEST(GenerateKey, BuiltInExampleRendersQuickly) {
  EXPECT_TRUE(topo::isExample("internet-1000"));
  auto start = std::chrono::steady_clock::now();
  plan::Plan plan = topo::renderTopology("internet-1000");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(plan.name, "internet-1000");
  std::set<int> ases;
  for (const auto& node : plan.nodes)
    if (node.role != plan::Role::RouteServer) ases.insert(node.asn);
  EXPECT_EQ(ases.size(), 1000u);
  EXPECT_LT(seconds, 5.0);
}

}  // namespace
}  // namespace asemu
