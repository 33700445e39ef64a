// The start scripts' address swap, run for real without Docker: each test builds what Docker
// would hand a container (a fresh network namespace whose veths carry addresses from Docker's
// subnets, named eth0, eth1, ... in an order of Docker's choosing, plus Docker's default route),
// runs the generated script in it with BIRD stubbed, and reads back addresses, names and routes.
//
// Needs root and `ip netns`; everything happens inside namespaces this test creates and removes,
// the host's own interfaces are never touched. Labelled "integration".
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "asemu/compile/docker.h"
#include "asemu/compile/start_script.h"
#include "small_plans.h"
#include "test_support.h"

namespace asemu::compile {
namespace {

namespace fs = std::filesystem;
using testing::run;

constexpr const char* kNamespacePrefix = "asemu-ctest-compile-";

// One namespace, deleted (with every link inside it) on destruction.
class Netns {
 public:
  explicit Netns(const std::string& role)
      : name_(kNamespacePrefix + std::to_string(getpid()) + "-" + role) {
    run("ip netns del " + name_);
    auto r = run("ip netns add " + name_);
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
  ~Netns() { run("ip netns del " + name_); }
  Netns(const Netns&) = delete;
  Netns& operator=(const Netns&) = delete;
  const std::string& name() const { return name_; }
  // Runs an `ip` command inside the namespace; fails the test on error.
  void ip(const std::string& args) const {
    auto r = run("ip -n " + name_ + " " + args);
    EXPECT_EQ(r.exit_code, 0) << "ip " << args << ": " << r.output;
  }
  std::string capture(const std::string& args) const {
    return run("ip -n " + name_ + " " + args).output;
  }

 private:
  std::string name_;
};

// Namespaces left by an earlier run of this test that was killed before it could clean up.
void removeStaleNamespaces() {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/run/netns", ec)) {
    std::string n = e.path().filename().string();
    if (n.rfind(kNamespacePrefix, 0) != 0) continue;
    int pid = std::atoi(n.c_str() + std::string(kNamespacePrefix).size());
    if (pid > 0 && pid != getpid() && kill(pid, 0) != 0) run("ip netns del " + n);
  }
}

class AddressSwap : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root for network namespaces";
    removeStaleNamespaces();
    stub_ = dir_.path() + "/bird-stub";
    std::ofstream(stub_) << "#!/bin/sh\necho \"$@\" > '" << dir_.path() << "/bird-args'\n";
    fs::permissions(stub_, fs::perms::owner_all);
  }

  // Docker's side: veth `dockerName` in `node`, its peer in `peer`, holding `address`/`len`.
  void attach(const Netns& node, const Netns& peer, const std::string& dockerName,
              const std::string& address, int len, int index) {
    std::string peerName = "p" + std::to_string(index);
    node.ip("link add " + dockerName + " type veth peer name " + peerName + " netns " +
            peer.name());
    node.ip("addr add " + address + "/" + std::to_string(len) + " dev " + dockerName);
    node.ip("link set dev " + dockerName + " up");
    peer.ip("link set dev " + peerName + " up");
  }

  testing::CommandResult runScript(const Netns& node, const std::string& script) {
    std::string path = dir_.path() + "/start.sh";
    std::ofstream(path) << script;
    return run("ip netns exec " + node.name() + " env ASEMU_BIRD='" + stub_ +
               "' ASEMU_NO_WAIT=1 bash '" + path + "'");
  }

  std::string birdArgs() { return testing::readFile(dir_.path() + "/bird-args"); }

  // "name address/len" for every IPv4 address in the namespace, sorted.
  static std::set<std::string> addresses(const Netns& ns) {
    std::set<std::string> out;
    std::istringstream in(ns.capture("-o -4 addr show"));
    std::string idx, dev, family, cidr, rest;
    while (in >> idx >> dev >> family >> cidr) {
      std::getline(in, rest);
      out.insert(dev + " " + cidr);
    }
    return out;
  }

  static std::set<std::string> linkNames(const Netns& ns) {
    std::set<std::string> out;
    std::istringstream in(ns.capture("-o link show"));
    std::string idx, dev, rest;
    while (in >> idx >> dev) {
      std::getline(in, rest);
      dev.pop_back();  // trailing ':'
      out.insert(dev.substr(0, dev.find('@')));
    }
    return out;
  }

  static std::string routes(const Netns& ns) { return ns.capture("-4 route show"); }

  testing::TempDir dir_;
  std::string stub_;
};

TEST_F(AddressSwap, SelfManagedRouterFindsInterfacesByPlaceholder) {
  auto p = testing::sharedPrefixInternet();
  auto ph = assignPlaceholders(p);
  const auto& node = *p.findNode("as180/router1");  // net1 10.180.0.254, ix100 10.100.0.181
  DockerSubnets subnets;
  for (const auto& [id, net] : ph.networks) subnets[id] = net.subnet;

  Netns ns("router"), peer("peer");
  // Docker's names in the opposite order, and one of them already called like another network.
  auto ixPh = ph.addresses.at({node.id, "ix/ix100"});
  auto netPh = ph.addresses.at({node.id, "as180/net1"});
  attach(ns, peer, "net1", ixPh.str(), ph.network("ix/ix100").subnet.length(), 0);
  attach(ns, peer, "eth0", netPh.str(), ph.network("as180/net1").subnet.length(), 1);
  ns.ip("route add default via " + ph.network("ix/ix100").gateway.str());

  auto r = runScript(ns, startScript(p, node, subnets));
  ASSERT_EQ(r.exit_code, 0) << r.output;

  std::set<std::string> expected = {"lo 127.0.0.1/8", "net1 10.180.0.254/24",
                                    "ix100 10.100.0.181/24", "dummy0 10.0.0.5/32"};
  EXPECT_EQ(addresses(ns), expected);
  EXPECT_EQ(linkNames(ns), (std::set<std::string>{"lo", "net1", "ix100", "dummy0"}));
  std::string rt = routes(ns);
  EXPECT_EQ(rt.find("default"), std::string::npos) << rt;
  EXPECT_NE(rt.find("10.180.0.0/24 dev net1 proto kernel scope link src 10.180.0.254"),
            std::string::npos)
      << rt;
  EXPECT_NE(rt.find("10.100.0.0/24 dev ix100 proto kernel scope link src 10.100.0.181"),
            std::string::npos)
      << rt;
  EXPECT_EQ(rt.find("198.18."), std::string::npos) << rt;
  EXPECT_EQ(birdArgs(), "-c /etc/bird/bird.conf\n");
  EXPECT_EQ(run("ip netns exec " + ns.name() + " cat /proc/sys/net/ipv4/ip_forward").output, "1\n");
  EXPECT_EQ(run("ip netns exec " + ns.name() + " cat /proc/sys/net/ipv4/conf/all/rp_filter").output,
            "0\n");

  // A restarted container runs the script again over its finished setup.
  auto again = runScript(ns, startScript(p, node, subnets));
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(addresses(ns), expected);
}

TEST_F(AddressSwap, SelfManagedHostGetsItsDefaultRoute) {
  auto p = testing::sharedPrefixInternet();
  auto ph = assignPlaceholders(p);
  const auto& node = *p.findNode("as180/host-1");
  DockerSubnets subnets;
  for (const auto& [id, net] : ph.networks) subnets[id] = net.subnet;

  Netns ns("host"), peer("peer");
  attach(ns, peer, "eth0", ph.addresses.at({node.id, "as180/net1"}).str(),
         ph.network("as180/net1").subnet.length(), 0);
  ns.ip("route add default via " + ph.network("as180/net1").gateway.str());

  auto r = runScript(ns, startScript(p, node, subnets));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(addresses(ns), (std::set<std::string>{"lo 127.0.0.1/8", "net1 10.180.0.100/24"}));
  EXPECT_EQ(linkNames(ns), (std::set<std::string>{"lo", "net1"}));
  std::string rt = routes(ns);
  EXPECT_NE(rt.find("default via 10.180.0.254 dev net1"), std::string::npos) << rt;
  EXPECT_EQ(rt.find("198.18."), std::string::npos) << rt;
  EXPECT_FALSE(fs::exists(dir_.path() + "/bird-args"));  // hosts run no BIRD
}

// Swarm hands out addresses dynamically: any address of the placeholder subnet must do.
TEST_F(AddressSwap, SwarmAddressAnywhereInThePlaceholderSubnet) {
  auto p = testing::smallInternet();
  PlaceholderOptions po;
  po.static_addresses = false;
  po.spare_addresses = 29;
  auto ph = assignPlaceholders(p, po);
  const auto& node = *p.findNode("as150/router0");
  DockerSubnets subnets;
  for (const auto& [id, net] : ph.networks) subnets[id] = net.subnet;

  Netns ns("swarm"), peer("peer");
  attach(ns, peer, "eth1", ph.network("as150/net0").subnet.host(37)->str(),
         ph.network("as150/net0").subnet.length(), 0);
  attach(ns, peer, "eth0", ph.network("ix/ix100").subnet.host(9)->str(),
         ph.network("ix/ix100").subnet.length(), 1);
  auto r = runScript(ns, startScript(p, node, subnets));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(addresses(ns), (std::set<std::string>{"lo 127.0.0.1/8", "net0 10.150.0.254/24",
                                                  "ix100 10.100.0.150/24", "dummy0 10.0.0.2/32"}));
}

// Without self-managed networks Docker already gave the real address; the script renames.
TEST_F(AddressSwap, PlainComposeKeepsRealAddressesAndRenames) {
  auto p = testing::smallInternet();
  const auto& node = *p.findNode("as2/r100");  // ix100 10.100.0.2, net0 10.2.0.254
  DockerSubnets subnets;
  for (const auto& n : p.networks) subnets[n.id] = n.prefix;

  Netns ns("plain"), peer("peer");
  attach(ns, peer, "eth0", "10.2.0.254", 24, 0);
  attach(ns, peer, "eth1", "10.100.0.2", 24, 1);
  auto r = runScript(ns, startScript(p, node, subnets));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(addresses(ns), (std::set<std::string>{"lo 127.0.0.1/8", "ix100 10.100.0.2/24",
                                                  "net0 10.2.0.254/24", "dummy0 10.0.0.1/32"}));
}

TEST_F(AddressSwap, MissingInterfaceIsNamed) {
  auto p = testing::smallInternet();
  const auto& node = *p.findNode("as150/host_0");
  DockerSubnets subnets;
  for (const auto& n : p.networks) subnets[n.id] = n.prefix;
  Netns ns("missing");
  auto r = runScript(ns, startScript(p, node, subnets));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "asemu-start: net0: no interface has an address in 10.150.0.0/24\n");
}

}  // namespace
}  // namespace asemu::compile
