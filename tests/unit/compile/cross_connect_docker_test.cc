// A cross-connect compiled for Docker: SEED's network name and labels, and the two routers on it
// as border routers.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "asemu/compile/docker.h"
#include "asemu/compile/graphviz.h"
#include "asemu/compile/seed_labels.h"
#include "asemu/topo/topology.h"

namespace asemu::compile {
namespace {

const std::string P = kSeedLabelPrefix;

plan::Plan crossConnected() {
  Emulator emu;
  topo::loadString(emu, R"(
ases:
  - asn: 2
    networks: [{name: net0}]
    routers:
      - {name: r0, joins: [net0], cross_connects: [{peer: as3/r0, address: 10.50.0.1/29}]}
  - asn: 3
    networks: [{name: net0}]
    routers:
      - {name: r0, joins: [net0], cross_connects: [{peer: as2/r0, address: 10.50.0.2/29}]}
peerings: {cross_connect: [{a: 2, b: 3, relationship: Provider}]}
)",
                   "xc.yaml");
  return emu.render("xc");
}

TEST(CrossConnectDocker, NetworkNamedAndLabelledAsSeed) {
  DockerOptions o;
  YAML::Node y = YAML::Load(compileDocker(crossConnected(), o).find("docker-compose.yml")->content);
  YAML::Node net = y["networks"]["net_xc_xc0"];
  ASSERT_TRUE(net.IsMap()) << y["networks"];
  EXPECT_EQ(net["ipam"]["config"][0]["subnet"].as<std::string>(), "10.50.0.0/29");
  EXPECT_EQ(net["labels"][P + "type"].as<std::string>(), "local");
  EXPECT_EQ(net["labels"][P + "scope"].as<std::string>(), "xc");
  EXPECT_EQ(net["labels"][P + "name"].as<std::string>(), "xc0");
  YAML::Node r = y["services"]["brdnode_2_r0"];
  ASSERT_TRUE(r.IsMap());
  EXPECT_EQ(r["container_name"].as<std::string>(), "as2brd-r0-10.2.0.254");
  EXPECT_EQ(r["networks"]["net_xc_xc0"]["ipv4_address"].as<std::string>(), "10.50.0.1");
  EXPECT_EQ(r["labels"][P + "net.1.name"].as<std::string>(), "xc0");
  EXPECT_EQ(r["labels"][P + "net.1.address"].as<std::string>(), "10.50.0.1/29");
  EXPECT_TRUE(y["services"]["brdnode_3_r0"].IsMap());
}

TEST(CrossConnectDocker, TheL2GraphDrawsTheLinkBetweenTheAses) {
  std::string dot = l2Dot(crossConnected());
  // Outside both AS clusters, linked to both routers.
  EXPECT_NE(dot.find("}\n  \"net:xc/xc0\" [shape=box"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"as2/r0\" -- \"net:xc/xc0\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"as3/r0\" -- \"net:xc/xc0\""), std::string::npos) << dot;
}

}  // namespace
}  // namespace asemu::compile
