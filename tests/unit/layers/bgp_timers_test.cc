// BGP timer profiles and BFD: what each adds to every kind of session, and that the default
// (seed) writes nothing.
#include <gtest/gtest.h>

#include "asemu/layers/ebgp.h"
#include "asemu/plan/bird_config.h"
#include "asemu/plan/json.h"
#include "mini_internet_model.h"

namespace asemu {
namespace {

plan::Plan miniInternet(plan::BgpTimers timers, bool bfd) {
  Emulator emu;
  examples::buildMiniInternet(emu);
  emu.getLayer<Ebgp>().setBgpTimers(timers).enableBfd(bfd);
  return emu.render("t");
}

// The text of session `name` in the node's bird.conf, from "protocol bgp NAME" to its "}\n".
std::string sessionText(const plan::Plan& plan, const std::string& node, const std::string& name) {
  const std::string conf = plan::birdConfig(*plan.findNode(node));
  size_t begin = conf.find("protocol bgp " + name + " {");
  if (begin == std::string::npos) return "";
  return conf.substr(begin, conf.find("\n}\n", begin) + 3 - begin);
}

// One of each: an eBGP session, a route server's, an iBGP one.
const std::vector<std::pair<std::string, std::string>> kSessions = {
    {"as150/router0", "u_as2"}, {"ix/ix100", "p_as2"}, {"as2/r100", "ibgp1"}};

TEST(BgpTimers, SeedIsTheDefaultAndWritesNothing) {
  Emulator emu;
  examples::buildMiniInternet(emu);
  const plan::Plan defaults = emu.render("t");
  const plan::Plan seed = miniInternet(plan::BgpTimers::Seed, false);
  ASSERT_EQ(defaults.nodes.size(), seed.nodes.size());
  for (size_t i = 0; i < seed.nodes.size(); ++i) {
    if (!seed.nodes[i].bird) continue;
    const std::string conf = plan::birdConfig(seed.nodes[i]);
    EXPECT_EQ(conf, plan::birdConfig(defaults.nodes[i]));
    EXPECT_EQ(conf.find("hold time"), std::string::npos) << seed.nodes[i].id;
    EXPECT_EQ(conf.find("bfd"), std::string::npos) << seed.nodes[i].id;
  }
  EXPECT_EQ(plan::toJsonText(seed), plan::toJsonText(defaults));
}

TEST(BgpTimers, FastShortensHoldAndKeepaliveOnEverySession) {
  const plan::Plan p = miniInternet(plan::BgpTimers::Fast, false);
  for (const auto& [node, name] : kSessions) {
    const std::string text = sessionText(p, node, name);
    EXPECT_NE(text.find("    error wait time 1, 1;\n"
                        "    hold time 3;\n"
                        "    keepalive time 1;\n"
                        "}\n"),
              std::string::npos)
        << node << " " << name << ":\n"
        << text;
    EXPECT_EQ(text.find("bfd"), std::string::npos) << text;
  }
}

TEST(BgpTimers, BfdOnEbgpAndRouteServerSessionsNotOnIbgp) {
  const plan::Plan p = miniInternet(plan::BgpTimers::Seed, true);
  EXPECT_NE(sessionText(p, "as150/router0", "u_as2").find("    bfd on;\n}\n"), std::string::npos);
  EXPECT_NE(sessionText(p, "ix/ix100", "p_as2").find("    bfd on;\n}\n"), std::string::npos);
  const std::string ibgp = sessionText(p, "as2/r100", "ibgp1");
  ASSERT_NE(ibgp, "");
  EXPECT_EQ(ibgp.find("bfd"), std::string::npos) << ibgp;
  for (const char* node : {"as150/router0", "ix/ix100"})
    EXPECT_NE(plan::birdConfig(*p.findNode(node))
                  .find("protocol bfd {\n"
                        "    interface \"*\" {\n"
                        "        min rx interval 100 ms;\n"
                        "        min tx interval 100 ms;\n"
                        "        multiplier 3;\n"
                        "    };\n"
                        "}\n"),
              std::string::npos)
        << node;
}

TEST(BgpTimers, PlanJsonKeepsTheProfileAndBfd) {
  const plan::Plan p = miniInternet(plan::BgpTimers::Fast, true);
  const std::string text = plan::toJsonText(p);
  const plan::Plan back = plan::planFromJsonText(text);
  EXPECT_EQ(plan::toJsonText(back), text);
  EXPECT_EQ(back.findNode("as2/r100")->bird->timers, plan::BgpTimers::Fast);
  EXPECT_TRUE(back.findNode("ix/ix100")->bird->bfd);
  nlohmann::json j = plan::toJson(p);
  size_t i = 0;
  while (!j["nodes"][i].contains("bird")) ++i;
  j["nodes"][i]["bird"]["bgp_timers"] = "slow";
  try {
    plan::planFromJson(j);
    ADD_FAILURE() << "an unknown profile was read";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "plan.nodes[" + std::to_string(i) +
                                         "].bird.bgp_timers: unknown value 'slow' (known: seed, "
                                         "fast)");
  }
}

// OSPF's timers: SEED's hello 1 s / dead after 2 by default; standard (RFC 2328's 10 s / 40 s)
// on every active interface when asked, and kept through the plan's JSON.
TEST(OspfTimers, StandardLengthensHelloAndDeadOnEveryActiveInterface) {
  Emulator emu;
  examples::buildMiniInternet(emu);
  plan::Plan p = emu.render("t");
  const std::string seed = plan::birdConfig(*p.findNode("as2/r100"));
  EXPECT_NE(seed.find("{ type ptp; hello 1; dead count 2; }"), std::string::npos) << seed;
  plan::setOspfTimers(p, plan::OspfTimers::Standard);
  size_t routers = 0;
  for (const auto& n : p.nodes) {
    if (!n.bird || !n.bird->ospf || n.bird->ospf->active_interfaces.empty()) continue;
    ++routers;
    const std::string conf = plan::birdConfig(n);
    EXPECT_EQ(conf.find("hello 1;"), std::string::npos) << n.id << ":\n" << conf;
    size_t lines = 0;
    for (size_t at = conf.find("hello 10; dead count 4;"); at != std::string::npos;
         at = conf.find("hello 10; dead count 4;", at + 1))
      ++lines;
    EXPECT_EQ(lines, n.bird->ospf->active_interfaces.size()) << n.id << ":\n" << conf;
  }
  EXPECT_GT(routers, 5u);
  const std::string text = plan::toJsonText(p);
  const plan::Plan back = plan::planFromJsonText(text);
  EXPECT_EQ(plan::toJsonText(back), text);
  EXPECT_EQ(back.findNode("as2/r100")->bird->ospf->timers, plan::OspfTimers::Standard);
  EXPECT_EQ(plan::toJsonText(emu.render("t")).find("ospf_timers"), std::string::npos);
}

}  // namespace
}  // namespace asemu
