// Announced prefixes: the router API and its errors, the plan's record of them, and the static
// protocol the bird.conf gets (tagged LOCAL with eBGP, untagged with iBGP alone).
#include <gtest/gtest.h>

#include "asemu/layers/base.h"
#include "asemu/plan/bird_config.h"
#include "asemu/plan/json.h"
#include "render_errors.h"
#include "small_topologies.h"

namespace asemu {
namespace {

using ::asemu::testing::errorsOf;

Node& router(Emulator& emu, int asn, const std::string& name) {
  return emu.getLayer<Base>().getAutonomousSystem(asn).getRouter(name);
}

std::vector<std::string> announcedOf(const plan::Plan& plan, const std::string& id) {
  std::vector<std::string> out;
  for (const auto& p : plan.findNode(id)->bird->announced) out.push_back(p.str());
  return out;
}

TEST(Announce, RouterPrefixesReachThePlanInOrder) {
  Emulator emu = testing::makeThreeAsTopology();
  router(emu, 4, "r0").announce("10.153.0.128/25").announce("10.153.0.0/25");
  const plan::Plan plan = emu.render("t");
  EXPECT_EQ(announcedOf(plan, "as4/r0"),
            (std::vector<std::string>{"10.153.0.128/25", "10.153.0.0/25"}));
  EXPECT_TRUE(plan.findNode("as2/r0")->bird->announced.empty());
}

TEST(Announce, BadInputIsOneLineNamingTheRouter) {
  Emulator emu = testing::makeThreeAsTopology();
  Node& r = router(emu, 2, "r0");
  EXPECT_EQ(errorsOf([&] { r.announce("10.153.0.1/24"); }),
            std::vector<std::string>{
                "as2/r0: prefix '10.153.0.1/24' has host bits set; announce 10.153.0.0/24"});
  EXPECT_EQ(errorsOf([&] { r.announce("10.153.0.0"); }),
            std::vector<std::string>{
                "as2/r0: '10.153.0.0' is not an IPv4 prefix a.b.c.d/len (e.g. 10.153.0.0/25)"});
  ASSERT_EQ(errorsOf([&] { r.announce("127.0.0.0/8"); }).size(), 1u);
  r.announce("10.153.0.0/24");
  EXPECT_EQ(
      errorsOf([&] { r.announce("10.153.0.0/24"); }),
      std::vector<std::string>{"as2/r0: already announces 10.153.0.0/24; give each prefix once"});
  Node& host = emu.getLayer<Base>().getAutonomousSystem(2).createHost("h9");
  EXPECT_EQ(errorsOf([&] { host.announce("10.153.0.0/24"); }),
            std::vector<std::string>{
                "as2/h9: a host cannot announce 10.153.0.0/24; only routers speak BGP"});
}

TEST(Announce, EbgpRouterOriginatesBlackholesTaggedLocal) {
  Emulator emu = testing::makeThreeAsTopology();
  router(emu, 4, "r0").announce("10.153.0.0/25").announce("10.153.0.128/25");
  const std::string conf = plan::birdConfig(*emu.render("t").findNode("as4/r0"));
  const std::string expected =
      "protocol static announced {\n"
      "    ipv4 {\n"
      "        table t_bgp;\n"
      "        import filter { bgp_large_community.add(LOCAL_COMM); bgp_local_pref = 40; "
      "accept; };\n"
      "    };\n"
      "    route 10.153.0.0/25 blackhole;\n"
      "    route 10.153.0.128/25 blackhole;\n"
      "}\n";
  EXPECT_NE(conf.find(expected), std::string::npos) << conf;
  // After the communities it uses.
  EXPECT_LT(conf.find("define LOCAL_COMM"), conf.find("protocol static announced"));
}

TEST(Announce, IbgpOnlyRouterPassesThemUntagged) {
  Emulator emu = testing::makeIbgpTopology();
  router(emu, 7, "a1").announce("10.153.0.0/24");
  const std::string conf = plan::birdConfig(*emu.render("t").findNode("as7/a1"));
  EXPECT_EQ(conf.find("LOCAL_COMM"), std::string::npos) << conf;
  EXPECT_NE(conf.find("protocol static announced {\n"
                      "    ipv4 {\n"
                      "        table t_bgp;\n"
                      "    };\n"
                      "    route 10.153.0.0/24 blackhole;\n"
                      "}\n"),
            std::string::npos)
      << conf;
}

TEST(Announce, NothingAnnouncedLeavesTheConfigAsBefore) {
  const plan::Plan plan = testing::makeThreeAsTopology().render("t");
  for (const auto& n : plan.nodes)
    if (n.bird) {
      EXPECT_EQ(plan::birdConfig(n).find("announced"), std::string::npos) << n.id;
    }
}

TEST(Announce, RuntimeConfigReadsTheRoutesFromItsInclude) {
  const plan::Plan plan = testing::makeThreeAsTopology().render("t");
  plan::BirdConfigOptions o{"/etc/bird/announced.conf"};
  const std::string conf = plan::birdConfig(*plan.findNode("as2/r0"), o);
  EXPECT_NE(conf.find("bgp_local_pref = 40; accept; };\n"
                      "    };\n"
                      "    include \"/etc/bird/announced.conf\";\n"
                      "}\n"),
            std::string::npos)
      << conf;
  // A route server originates nothing.
  EXPECT_EQ(plan::birdConfig(*plan.findNode("ix/ix100"), o).find("announced"), std::string::npos);
}

TEST(Announce, PlanJsonRoundTripsAndChecksThePrefixes) {
  Emulator emu = testing::makeThreeAsTopology();
  router(emu, 4, "r0").announce("10.153.0.0/25");
  const std::string text = plan::toJsonText(emu.render("t"));
  const plan::Plan back = plan::planFromJsonText(text);
  EXPECT_EQ(announcedOf(back, "as4/r0"), std::vector<std::string>{"10.153.0.0/25"});
  EXPECT_EQ(plan::toJsonText(back), text);

  nlohmann::json j = plan::toJson(back);
  size_t index = 0;
  while (j["nodes"][index]["id"] != "as4/r0") ++index;
  j["nodes"][index]["bird"]["announced"][0] = "10.153.0.1/25";
  EXPECT_EQ(errorsOf([&] { plan::planFromJson(j); }),
            std::vector<std::string>{"plan.nodes[" + std::to_string(index) +
                                     "].bird.announced[0]: router as4/r0: prefix "
                                     "'10.153.0.1/25' has host bits set; announce 10.153.0.0/25"});
  j["nodes"][index]["bird"]["announced"][0] = "10.153.0/25";
  EXPECT_EQ(errorsOf([&] { plan::planFromJson(j); }).size(), 1u);
}

}  // namespace
}  // namespace asemu
