// Facts of SEED's basic routing examples (simple AS, transit AS, nano Internet) as SEED renders
// them: addresses, loopbacks, roles, session names and peers, OSPF, and the pipes that decide
// what each router announces.
#include <gtest/gtest.h>

#include <map>

#include "asemu/plan/bird_config.h"
#include "seed_basic_models.h"

namespace asemu {
namespace {

using plan::Role;

plan::Plan rendered(void (*build)(Emulator&)) {
  Emulator emu;
  build(emu);
  return emu.render("example");
}

const plan::Node& node(const plan::Plan& p, const std::string& id) {
  const plan::Node* n = p.findNode(id);
  if (!n) throw std::runtime_error("no node " + id);
  return *n;
}

// Session name -> neighbor address.
std::map<std::string, std::string> sessions(const plan::Plan& p, const std::string& id) {
  std::map<std::string, std::string> out;
  for (const auto& s : node(p, id).bird->sessions) out[s.name] = s.neighbor_address.str();
  return out;
}

std::string address(const plan::Plan& p, const std::string& id, size_t interface = 0) {
  return node(p, id).interfaces.at(interface).address.str();
}

TEST(SeedSimpleAs, OnlyRouteServerSessionsAndNoOspf) {
  plan::Plan p = rendered(examples::buildSimpleAs);
  for (int asn : {150, 151, 152}) {
    std::string router = "as" + std::to_string(asn) + "/router0";
    EXPECT_EQ(sessions(p, router),
              (std::map<std::string, std::string>{{"p_rs100", "10.100.0.100"}}));
    EXPECT_FALSE(node(p, router).bird->ospf) << router;
    EXPECT_EQ(node(p, router).loopback->str(), "10.0.0." + std::to_string(asn - 149));
    EXPECT_EQ(address(p, router, 1), "10.100.0." + std::to_string(asn));
    EXPECT_EQ(address(p, "as" + std::to_string(asn) + "/web"),
              "10.1" + std::to_string(asn - 100) + ".0.71");
    // Without an Ospf layer the config has no OSPF at all.
    EXPECT_EQ(plan::birdConfig(node(p, router)).find("ospf"), std::string::npos);
  }
  EXPECT_EQ(
      sessions(p, "ix/ix100"),
      (std::map<std::string, std::string>{
          {"p_as150", "10.100.0.150"}, {"p_as151", "10.100.0.151"}, {"p_as152", "10.100.0.152"}}));
}

TEST(SeedTransitAs, InternalRoutersAndIbgpNumbering) {
  plan::Plan p = rendered(examples::buildTransitAs);
  EXPECT_EQ(node(p, "as2/r1").role, Role::BorderRouter);
  EXPECT_EQ(node(p, "as2/r2").role, Role::Router);
  EXPECT_EQ(node(p, "as2/r3").role, Role::Router);
  EXPECT_EQ(node(p, "as2/r4").role, Role::BorderRouter);
  for (int k = 1; k <= 4; ++k)
    EXPECT_EQ(node(p, "as2/r" + std::to_string(k)).loopback->str(), "10.0.0." + std::to_string(k));
  EXPECT_EQ(node(p, "as151/router0").loopback->str(), "10.0.0.5");
  // Routers count down from .254 on each network, in the order they join it.
  EXPECT_EQ(address(p, "as2/r1"), "10.2.0.254");
  EXPECT_EQ(address(p, "as2/r2"), "10.2.0.253");
  EXPECT_EQ(address(p, "as2/r2", 1), "10.2.1.254");
  EXPECT_EQ(address(p, "as2/r4"), "10.2.2.253");
  EXPECT_EQ(address(p, "as2/r4", 1), "10.101.0.2");

  // iBGP sessions numbered in SEED's depth-first order from each router.
  using Sessions = std::map<std::string, std::string>;
  EXPECT_EQ(sessions(p, "as2/r1"), (Sessions{{"ibgp1", "10.0.0.2"},
                                             {"ibgp2", "10.0.0.3"},
                                             {"ibgp3", "10.0.0.4"},
                                             {"c_as151", "10.100.0.151"}}));
  EXPECT_EQ(sessions(p, "as2/r2"),
            (Sessions{{"ibgp1", "10.0.0.1"}, {"ibgp2", "10.0.0.3"}, {"ibgp3", "10.0.0.4"}}));
  EXPECT_EQ(sessions(p, "as2/r4"), (Sessions{{"ibgp1", "10.0.0.3"},
                                             {"ibgp2", "10.0.0.2"},
                                             {"ibgp3", "10.0.0.1"},
                                             {"c_as152", "10.101.0.152"},
                                             {"c_as153", "10.101.0.153"}}));
  EXPECT_EQ(sessions(p, "as152/router0"),
            (Sessions{{"u_as2", "10.101.0.2"}, {"p_as153", "10.101.0.153"}}));
  EXPECT_EQ(sessions(p, "as153/router0"),
            (Sessions{{"u_as2", "10.101.0.2"}, {"p_as152", "10.101.0.152"}}));

  // OSPF: each internal network links two routers; the exchanges are stubs.
  const plan::Ospf& r2 = *node(p, "as2/r2").bird->ospf;
  EXPECT_EQ(r2.active_interfaces, (std::vector<std::string>{"net0", "net1"}));
  EXPECT_EQ(r2.stub_interfaces, (std::vector<std::string>{"dummy0"}));
  EXPECT_EQ(node(p, "as2/r1").bird->ospf->stub_interfaces,
            (std::vector<std::string>{"dummy0", "ix100"}));
}

TEST(SeedTransitAs, OnlyBorderRoutersTagTheirNetworksLocal) {
  plan::Plan p = rendered(examples::buildTransitAs);
  // SEED's Ebgp layer adds the LOCAL_COMM pipe on routers with eBGP; r2 and r3 pass their
  // networks into iBGP untagged, so AS-2 exports net1 to its customers only.
  for (const char* id : {"as2/r1", "as2/r4", "as151/router0"})
    EXPECT_NE(plan::birdConfig(node(p, id)).find("bgp_large_community.add(LOCAL_COMM)"),
              std::string::npos)
        << id;
  for (const char* id : {"as2/r2", "as2/r3"}) {
    std::string conf = plan::birdConfig(node(p, id));
    EXPECT_EQ(conf.find("LOCAL_COMM"), std::string::npos) << id;
    EXPECT_NE(conf.find("protocol pipe"), std::string::npos) << id;
  }
}

TEST(SeedNanoInternet, DisplayNamesAndHosts) {
  plan::Plan p = rendered(examples::buildNanoInternet);
  EXPECT_EQ(p.findNetwork("ix/ix100")->display_name, "New York-100");
  EXPECT_EQ(p.findNetwork("ix/ix101")->display_name, "Chicago-101");
  EXPECT_EQ(plan::seedContainerName(node(p, "as151/host0")), "as151h-Web-1-10.151.0.71");
  EXPECT_EQ(plan::seedContainerName(node(p, "as152/host0")), "as152h-Web-2-10.152.0.71");
  EXPECT_EQ(node(p, "as151/host0").display_name, "Web-1");
  EXPECT_EQ(plan::seedContainerName(node(p, "as151/host1")), "as151h-host1-10.151.0.80");
  EXPECT_EQ(address(p, "as152/host2"), "10.152.0.73");
  EXPECT_EQ(address(p, "as153/host_1"), "10.153.0.72");
  EXPECT_EQ(plan::seedContainerName(node(p, "as3/r1")), "as3brd-r1-10.3.0.254");
  EXPECT_EQ(plan::seedContainerName(node(p, "as3/r2")), "as3r-r2-10.3.0.253");
  EXPECT_EQ(sessions(p, "as3/r4").count("c_as153"), 1u);
  EXPECT_EQ(
      sessions(p, "as153/router0"),
      (std::map<std::string, std::string>{{"u_as3", "10.101.0.3"}, {"p_as152", "10.101.0.152"}}));
}

}  // namespace
}  // namespace asemu
