// The anycast demo compiled for Docker: the facts SEED users and SEED's Internet Map rely on
// (as SEED names and labels containers), and the refusal without self-managed networks.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

#include "asemu/compile/compose_names.h"
#include "asemu/compile/docker.h"
#include "asemu/compile/graphviz.h"
#include "asemu/compile/seed_labels.h"
#include "asemu/core/error.h"
#include "asemu/topo/topology.h"
#include "test_support.h"

namespace asemu::compile {
namespace {

const std::string P = kSeedLabelPrefix;
using StringMap = std::map<std::string, std::string>;

const plan::Plan& anycast() {
  static const plan::Plan plan = topo::renderTopology("ip-anycast");
  return plan;
}

YAML::Node selfManagedProject() {
  DockerOptions o;
  o.self_managed_network = true;
  return YAML::Load(compileDocker(anycast(), o).find("docker-compose.yml")->content);
}

TEST(AnycastDocker, RefusedWithoutSelfManagedNetworks) {
  try {
    compileDocker(anycast(), {});
    FAIL() << "expected an error";
  } catch (const ErrorList& e) {
    EXPECT_STREQ(e.what(),
                 "as180/net1: shares prefix 10.180.0.0/24 with network as180/net0; Docker refuses "
                 "two networks with one prefix (compile with --self-managed-network)");
  }
}

TEST(AnycastDocker, ContainerNamesFollowSeed) {
  auto y = selfManagedProject();
  std::set<std::string> names;
  for (const auto& s : y["services"]) names.insert(s.second["container_name"].as<std::string>());
  EXPECT_EQ(names.size(), anycast().nodes.size());
  for (const char* n :
       {"as180brd-router0-10.180.0.254", "as180brd-router1-10.180.0.254",
        "as150h-host_0-10.150.0.71", "as100brd-ix100-10.100.0.100", "as180h-host-0-10.180.0.100",
        "as180h-host-1-10.180.0.100", "as2brd-r100-10.100.0.2", "as154h-host_new-10.154.0.129"})
    EXPECT_TRUE(names.count(n)) << n;
}

TEST(AnycastDocker, RouterLabels) {
  auto r0 = selfManagedProject()["services"]["brdnode_180_router0"];
  ASSERT_TRUE(r0.IsMap());
  EXPECT_EQ(r0["container_name"].as<std::string>(), "as180brd-router0-10.180.0.254");
  StringMap expected = {{P + "asn", "180"},           {P + "nodename", "router0"},
                        {P + "role", "BorderRouter"}, {P + "loopback_addr", "10.0.0.28"},
                        {P + "net.0.name", "net0"},   {P + "net.0.address", "10.180.0.254/24"},
                        {P + "net.1.name", "ix100"},  {P + "net.1.address", "10.100.0.180/24"}};
  EXPECT_EQ(r0["labels"].as<StringMap>(), expected);
  EXPECT_EQ(selfManagedProject()["services"]["brdnode_180_router1"]["labels"][P + "loopback_addr"]
                .as<std::string>(),
            "10.0.0.29");
}

TEST(AnycastDocker, HostAndRouteServerLabels) {
  auto y = selfManagedProject();
  auto h = y["services"]["hnode_150_host_0"]["labels"].as<StringMap>();
  EXPECT_EQ(h, (StringMap{{P + "asn", "150"},
                          {P + "nodename", "host_0"},
                          {P + "role", "Host"},
                          {P + "net.0.name", "net0"},
                          {P + "net.0.address", "10.150.0.71/24"}}));
  auto rs = y["services"]["rs_ix_ix100"];
  EXPECT_EQ(rs["container_name"].as<std::string>(), "as100brd-ix100-10.100.0.100");
  EXPECT_EQ(rs["labels"].as<StringMap>(), (StringMap{{P + "asn", "100"},
                                                     {P + "nodename", "ix100"},
                                                     {P + "role", "Route Server"},
                                                     {P + "net.0.name", "ix100"},
                                                     {P + "net.0.address", "10.100.0.100/24"}}));
}

TEST(AnycastDocker, NetworkNamesAndLabels) {
  auto nets = selfManagedProject()["networks"];
  EXPECT_EQ(nets.size(), anycast().networks.size());
  EXPECT_EQ(nets["net_ix_ix100"]["labels"].as<StringMap>(),
            (StringMap{{P + "type", "global"},
                       {P + "scope", "ix"},
                       {P + "name", "ix100"},
                       {P + "prefix", "10.100.0.0/24"},
                       {P + "displayname", "NYC-100"}}));
  EXPECT_EQ(nets["net_ix_ix105"]["labels"][P + "displayname"].as<std::string>(), "Huston-105");
  for (const char* n : {"net_180_net0", "net_180_net1"}) {
    auto labels = nets[n]["labels"];
    EXPECT_EQ(labels[P + "type"].as<std::string>(), "local") << n;
    EXPECT_EQ(labels[P + "scope"].as<std::string>(), "180") << n;
    EXPECT_EQ(labels[P + "prefix"].as<std::string>(), "10.180.0.0/24") << n;
  }
  EXPECT_EQ(nets["net_2_net_100_101"]["labels"][P + "name"].as<std::string>(), "net_100_101");
  EXPECT_NE(nets["net_180_net0"]["ipam"]["config"][0]["subnet"].as<std::string>(),
            nets["net_180_net1"]["ipam"]["config"][0]["subnet"].as<std::string>());
}

TEST(AnycastDocker, PlaceholdersAvoidEveryEmulatedPrefix) {
  auto ph = assignPlaceholders(anycast());
  auto emulated = emulatedPrefixes(anycast());
  ASSERT_EQ(ph.networks.size(), anycast().networks.size());
  std::vector<Ipv4Prefix> seen;
  for (const auto& [id, net] : ph.networks) {
    for (const auto& e : emulated) ASSERT_FALSE(net.subnet.overlaps(e)) << id << " " << e.str();
    for (const auto& s : seen) ASSERT_FALSE(net.subnet.overlaps(s)) << id;
    seen.push_back(net.subnet);
  }
}

TEST(AnycastDocker, ComposeAndStackValidate) {
  ASSERT_TRUE(testing::haveProgram("docker-compose")) << "docker-compose is not installed";
  for (bool swarm : {false, true}) {
    SCOPED_TRACE(swarm ? "swarm" : "compose");
    DockerOptions o;
    o.self_managed_network = true;
    o.distributed = swarm;
    testing::TempDir dir;
    writeOutput(compileDocker(anycast(), o), dir.path(), false);
    auto r = testing::run("cd '" + dir.path() + "' && docker-compose -f " + projectFileName(o) +
                          " config -q");
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
}

// Swarm scripts differ from these only in the subnets they search.
TEST(AnycastDocker, StartScriptsLint) {
  ASSERT_TRUE(testing::haveProgram("shellcheck")) << "shellcheck is not installed";
  DockerOptions o;
  o.self_managed_network = true;
  testing::TempDir dir;
  writeOutput(compileDocker(anycast(), o), dir.path(), false);
  auto lint = testing::run("cd '" + dir.path() +
                           "' && for f in nodes/*/start.sh; do bash -n \"$f\" || exit 1; done && "
                           "shellcheck --severity=style nodes/*/start.sh");
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
}

TEST(AnycastDocker, GraphvizRenders) {
  ASSERT_TRUE(testing::haveProgram("dot")) << "graphviz (dot) is not installed";
  auto bgp = bgpDot(anycast());
  // AS-180's providers: 3 and 4 at ix100, 2 and 3 at ix105.
  for (const char* edge : {"\"AS3\" -> \"AS180\" [style=solid, label=\"ix100, ix105\"];",
                           "\"AS4\" -> \"AS180\" [style=solid, label=\"ix100\"];",
                           "\"AS2\" -> \"AS180\" [style=solid, label=\"ix105\"];",
                           "\"AS2\" -> \"RS:ix/ix100\" [style=dotted, dir=none, label=\"ix100\"];"})
    EXPECT_NE(bgp.find(edge), std::string::npos) << edge;
  testing::TempDir dir;
  writeOutput(compileGraphviz(anycast()), dir.path(), false);
  for (const char* f : {"l2.dot", "bgp.dot"}) {
    auto r = testing::run("dot -Tsvg '" + dir.path() + "/" + f + "' > /dev/null");
    EXPECT_EQ(r.exit_code, 0) << f << ": " << r.output;
  }
}

}  // namespace
}  // namespace asemu::compile
