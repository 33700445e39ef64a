#include "asemu/compile/docker.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "asemu/compile/compose_names.h"
#include "asemu/compile/seed_labels.h"
#include "asemu/core/error.h"
#include "small_plans.h"

namespace asemu::compile {
namespace {

const std::string P = kSeedLabelPrefix;

YAML::Node project(const Output& out, const DockerOptions& o) {
  const OutputFile* f = out.find(projectFileName(o));
  EXPECT_NE(f, nullptr);
  return YAML::Load(f ? f->content : "");
}

TEST(Docker, PlainComposeUsesRealPrefixesAndAddresses) {
  DockerOptions o;
  auto out = compileDocker(testing::smallInternet(), o);
  auto y = project(out, o);
  EXPECT_EQ(y["version"].as<std::string>(), "3.8");
  auto host = y["services"]["hnode_150_host_0"];
  ASSERT_TRUE(host.IsMap());
  EXPECT_EQ(host["container_name"].as<std::string>(), "as150h-host_0-10.150.0.71");
  EXPECT_EQ(host["build"].as<std::string>(), "./nodes/hnode_150_host_0");
  EXPECT_EQ(host["networks"]["net_150_net0"]["ipv4_address"].as<std::string>(), "10.150.0.71");
  EXPECT_EQ(host["labels"][P + "net.0.address"].as<std::string>(), "10.150.0.71/24");
  EXPECT_EQ(host["sysctls"]["net.ipv4.ip_forward"].as<std::string>(), "1");
  auto net = y["networks"]["net_ix_ix100"];
  EXPECT_EQ(net["ipam"]["config"][0]["subnet"].as<std::string>(), "10.100.0.0/24");
  EXPECT_EQ(net["ipam"]["config"][0]["gateway"].as<std::string>(), "10.100.0.1");
  EXPECT_EQ(net["labels"][P + "displayname"].as<std::string>(), "NYC-100");
  EXPECT_EQ(net["driver"].as<std::string>(), "bridge");
}

// Docker drops every bridged packet of an internal network whose source or destination lies
// outside the network's subnet, which is all routed traffic of an emulation. Compose networks are
// therefore not internal; the host stays out of them instead: no address on the bridge (so the
// host is no router between them and its uplink) and no masquerading.
void expectBridgesRouteButStayOffTheHost(const YAML::Node& y) {
  ASSERT_TRUE(y["networks"].IsMap());
  ASSERT_GT(y["networks"].size(), 0u);
  for (const auto& entry : y["networks"]) {
    const std::string name = entry.first.as<std::string>();
    const YAML::Node net = entry.second;
    EXPECT_FALSE(net["internal"]) << name;
    EXPECT_EQ(net["driver"].as<std::string>(), "bridge") << name;
    ASSERT_TRUE(net["driver_opts"].IsMap()) << name;
    EXPECT_EQ(
        net["driver_opts"]["com.docker.network.bridge.enable_ip_masquerade"].as<std::string>(),
        "false")
        << name;
    EXPECT_EQ(net["driver_opts"]["com.docker.network.bridge.inhibit_ipv4"].as<std::string>(),
              "true")
        << name;
  }
}

TEST(Docker, ComposeNetworksRouteButStayOffTheHost) {
  DockerOptions o;
  expectBridgesRouteButStayOffTheHost(project(compileDocker(testing::smallInternet(), o), o));
  o.self_managed_network = true;
  expectBridgesRouteButStayOffTheHost(
      project(compileDocker(testing::sharedPrefixInternet(), o), o));
}

TEST(Docker, EveryNodeGetsItsFiles) {
  auto p = testing::smallInternet();
  auto out = compileDocker(p, {});
  for (const auto& n : p.nodes) {
    SCOPED_TRACE(n.id);
    std::string dir = "nodes/" + composeServiceName(n) + "/";
    const OutputFile* script = out.find(dir + "start.sh");
    ASSERT_NE(script, nullptr);
    EXPECT_TRUE(script->executable);
    ASSERT_NE(out.find(dir + "Dockerfile"), nullptr);
    EXPECT_EQ(out.find(dir + "bird.conf") != nullptr, n.bird.has_value());
    bool copiesBird =
        out.find(dir + "Dockerfile")->content.find("COPY bird.conf") != std::string::npos;
    EXPECT_EQ(copiesBird, n.bird.has_value());
  }
  EXPECT_NE(out.find("README.md"), nullptr);
}

TEST(Docker, SharedPrefixNeedsSelfManagedNetworks) {
  try {
    compileDocker(testing::sharedPrefixInternet(), {});
    FAIL() << "expected an error";
  } catch (const ErrorList& e) {
    EXPECT_STREQ(e.what(),
                 "as180/net1: shares prefix 10.180.0.0/24 with network as180/net0; Docker refuses "
                 "two networks with one prefix (compile with --self-managed-network)");
  }
}

TEST(Docker, OverlappingPrefixesAreNamed) {
  auto p = testing::smallInternet();
  p.networks[1].prefix = *Ipv4Prefix::parse("10.0.0.0/8");  // as2/net0 now covers everything
  auto errors = realPrefixConflicts(p);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_STREQ(errors[0].what(),
               "ix/ix100: prefix 10.100.0.0/24 overlaps 10.0.0.0/8 of network as2/net0; Docker "
               "refuses overlapping networks (compile with --self-managed-network)");
}

TEST(Docker, BridgeTakesTheLowestFreeAddress) {
  auto p = testing::smallInternet();
  p.findNode("as150/host_0")->interfaces[0].address = *Ipv4Address::parse("10.150.0.1");
  DockerOptions o;
  auto y = project(compileDocker(p, o), o);
  EXPECT_EQ(y["networks"]["net_150_net0"]["ipam"]["config"][0]["gateway"].as<std::string>(),
            "10.150.0.2");
}

TEST(Docker, FullNetworkLeavesNoBridgeAddress) {
  auto p = testing::smallInternet();
  p.networks[1].prefix = *Ipv4Prefix::parse("10.2.0.252/30");  // .253 and .254 usable
  p.findNode("as2/r100")->interfaces[1].address = *Ipv4Address::parse("10.2.0.253");
  p.findNode("as2/r100")->interfaces[1].prefix_length = 30;
  plan::Interface extra{"net0", "as2/net0", *Ipv4Address::parse("10.2.0.254"), 30};
  p.findNode("as150/host_0")->interfaces.push_back(extra);
  try {
    compileDocker(p, {});
    FAIL() << "expected an error";
  } catch (const ErrorList& e) {
    EXPECT_STREQ(e.what(),
                 "as2/net0: every address of 10.2.0.252/30 belongs to a node, leaving none for "
                 "Docker's bridge (compile with --self-managed-network)");
  }
}

// A plan whose network as150/net0 (a /20) has `hosts` hosts besides its router.
plan::Plan crowdedNetwork(size_t hosts) {
  auto p = testing::smallInternet();
  const Ipv4Prefix wide = *Ipv4Prefix::parse("10.150.0.0/20");
  for (auto& net : p.networks)
    if (net.id == "as150/net0") net.prefix = wide;
  plan::Node model = *p.findNode("as150/host_0");
  for (auto& n : p.nodes)
    for (auto& i : n.interfaces)
      if (i.network == "as150/net0") i.prefix_length = 20;
  for (size_t k = 1; k < hosts; ++k) {
    plan::Node h = model;
    h.id = "as150/host_" + std::to_string(k);
    h.name = "host_" + std::to_string(k);
    h.interfaces[0].prefix_length = 20;
    h.interfaces[0].address = *wide.host(1000 + k);
    p.nodes.push_back(h);
  }
  return p;
}

// A Docker network is one Linux bridge per host, with one port per container: a network of more
// members than a bridge has ports is refused before anything is written.
TEST(Docker, ANetworkOfMoreContainersThanABridgeHasPortsIsRefused) {
  EXPECT_NO_THROW(compileDocker(crowdedNetwork(1022), {}));  // with the router, 1,023
  for (bool selfManaged : {false, true}) {
    DockerOptions o;
    o.self_managed_network = selfManaged;
    try {
      compileDocker(crowdedNetwork(1023), o);
      FAIL() << "expected an error";
    } catch (const ErrorList& e) {
      EXPECT_STREQ(e.what(),
                   "as150/net0: 1024 containers on one Docker network, which is one Linux bridge "
                   "of at most 1023 ports (split the network, or run it with `asemu up`, which "
                   "joins several bridges)");
    }
  }
}

TEST(Docker, SelfManagedComposeUsesPlaceholdersButLabelsKeepRealAddresses) {
  DockerOptions o;
  o.self_managed_network = true;
  auto p = testing::sharedPrefixInternet();
  auto out = compileDocker(p, o);
  auto y = project(out, o);
  auto ph = assignPlaceholders(p);
  for (const char* id : {"as180/net0", "as180/net1"}) {
    const auto* net = p.findNetwork(id);
    auto n = y["networks"]["net_180_" + net->name];
    EXPECT_EQ(n["ipam"]["config"][0]["subnet"].as<std::string>(), ph.network(id).subnet.str());
    EXPECT_EQ(n["labels"][P + "prefix"].as<std::string>(), "10.180.0.0/24");
  }
  auto h1 = y["services"]["hnode_180_host-1"];
  EXPECT_EQ(h1["container_name"].as<std::string>(), "as180h-host-1-10.180.0.100");
  EXPECT_EQ(h1["networks"]["net_180_net1"]["ipv4_address"].as<std::string>(),
            ph.addresses.at({"as180/host-1", "as180/net1"}).str());
  EXPECT_EQ(h1["labels"][P + "net.0.address"].as<std::string>(), "10.180.0.100/24");
  // The start script finds the interface by the placeholder subnet.
  const auto* script = out.find("nodes/hnode_180_host-1/start.sh");
  ASSERT_NE(script, nullptr);
  EXPECT_NE(script->content.find("claim_interface " + ph.network("as180/net1").subnet.str() +
                                 " net1 10.180.0.100/24\n"),
            std::string::npos);
}

TEST(Docker, SwarmStackHasOverlaysConfigsAndNoStaticAddresses) {
  DockerOptions o;
  o.distributed = true;
  o.place_by_as = true;
  auto out = compileDocker(testing::sharedPrefixInternet(), o);
  EXPECT_EQ(projectFileName(o), "docker-stack.yml");
  auto y = project(out, o);
  auto net = y["networks"]["net_180_net0"];
  EXPECT_EQ(net["driver"].as<std::string>(), "overlay");
  EXPECT_TRUE(net["attachable"].as<bool>());
  auto r = y["services"]["brdnode_180_router0"];
  EXPECT_FALSE(r["container_name"]);
  EXPECT_FALSE(r["build"]);
  EXPECT_EQ(r["image"].as<std::string>(), "asemu-node:latest");
  EXPECT_TRUE(r["networks"]["net_180_net0"].IsMap());
  EXPECT_EQ(r["networks"]["net_180_net0"].size(), 0u);
  EXPECT_EQ(r["deploy"]["placement"]["constraints"][0].as<std::string>(),
            "node.labels.asemu.as180 == true");
  EXPECT_EQ(y["services"]["rs_ix_ix100"]["deploy"]["placement"]["constraints"][0].as<std::string>(),
            "node.labels.asemu.ix100 == true");
  EXPECT_EQ(r["configs"][1]["target"].as<std::string>(), "/etc/bird/bird.conf");
  EXPECT_EQ(y["configs"]["brdnode_180_router0_bird"]["file"].as<std::string>(),
            "./nodes/brdnode_180_router0/bird.conf");
  EXPECT_NE(out.find("image/Dockerfile"), nullptr);
  EXPECT_EQ(out.find("nodes/brdnode_180_router0/Dockerfile"), nullptr);
}

// An overlay network of a swarm stays internal: otherwise Docker also connects every container to
// the host's docker_gwbridge, with a default route and masquerading out of the host. Docker's
// stack schema has no `gateway` in a network's ipam config and refuses a stack that has one.
TEST(Docker, SwarmOverlaysAreInternalWithoutGateway) {
  DockerOptions o;
  o.distributed = true;
  auto y = project(compileDocker(testing::sharedPrefixInternet(), o), o);
  ASSERT_GT(y["networks"].size(), 0u);
  for (const auto& entry : y["networks"]) {
    const std::string name = entry.first.as<std::string>();
    const YAML::Node net = entry.second;
    EXPECT_TRUE(net["internal"].as<bool>()) << name;
    EXPECT_FALSE(net["driver_opts"]) << name;
    ASSERT_TRUE(net["ipam"]["config"][0]["subnet"]) << name;
    EXPECT_FALSE(net["ipam"]["config"][0]["gateway"]) << name;
  }
}

TEST(Docker, SameInputSameBytes) {
  DockerOptions o;
  o.self_managed_network = true;
  auto a = compileDocker(testing::sharedPrefixInternet(), o);
  auto b = compileDocker(testing::sharedPrefixInternet(), o);
  ASSERT_EQ(a.files.size(), b.files.size());
  for (size_t i = 0; i < a.files.size(); ++i) {
    EXPECT_EQ(a.files[i].path, b.files[i].path);
    EXPECT_EQ(a.files[i].content, b.files[i].content);
  }
}

TEST(Docker, NodeWithoutInterfacesGetsNoNetwork) {
  auto p = testing::smallInternet();
  p.findNode("as151/host_0")->interfaces.clear();
  p.findNode("as151/host_0")->routes.clear();
  DockerOptions o;
  auto y = project(compileDocker(p, o), o);
  EXPECT_EQ(y["services"]["hnode_151_host_0"]["network_mode"].as<std::string>(), "none");
}

TEST(ImageReference, AcceptsDockersGrammar) {
  for (const char* good :
       {"debian:bookworm-slim", "debian", "library/debian:12",
        "registry.example.com:5000/team/node:v1.2", "localhost/a__b.c-d:latest",
        "ghcr.io/seed-labs/seedemu-base",
        "debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "a---b:T_ag.1"})
    EXPECT_EQ(imageReferenceProblem(good), "") << good;
}

TEST(ImageReference, RefusesAnythingElse) {
  for (const char* bad : {"", "debian\nRUN touch /pwned", "Debian", "debian:", ":tag", "debian:-x",
                          "a/", "/a", "a//b", "a..b", "debian latest", "debian:bookworm\n",
                          "debian@sha256:abc", "a_-b", "$(id)", "debian;rm"})
    EXPECT_NE(imageReferenceProblem(bad), "") << bad;
  EXPECT_NE(imageReferenceProblem("debian:" + std::string(129, 'a')), "");
  EXPECT_EQ(imageReferenceProblem("debian:" + std::string(128, 'a')), "");
}

TEST(ImageReference, ABadImageOptionIsAOneLineError) {
  DockerOptions o;
  o.base_image = "debian\nRUN touch /pwned";
  try {
    compileDocker(testing::smallInternet(), o);
    FAIL() << "accepted";
  } catch (const ErrorList& e) {
    EXPECT_STREQ(e.what(),
                 "--base-image: 'debian\\x0aRUN touch /pwned' is not a Docker image reference "
                 "(expected [registry/]name[:tag][@sha256:digest], e.g. debian:bookworm-slim)");
  }
  DockerOptions swarm;
  swarm.distributed = true;
  swarm.swarm_image = "node image";
  EXPECT_THROW(compileDocker(testing::smallInternet(), swarm), ErrorList);
}

}  // namespace
}  // namespace asemu::compile
