// Real namespaces and BIRD on hand-built plans: a LAN, two ASes peering over an exchange, and two
// ASes peering over a cross-connect.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "asemu/core/error.h"
#include "asemu/runtime/naming.h"
#include "asemu/runtime/state.h"
#include "asemu/topo/topology.h"
#include "live_emulation.h"
#include "small_plans.h"

namespace asemu::runtime::testing {
namespace {

TEST(SmallEmulation, HostsOnOneLanReachEachOtherAndTheRouter) {
  std::string before = hostNetworkState();
  LiveEmulation emu;
  emu.up(twoHostsAndRouter());
  EXPECT_EQ(countNamespaces(namespacePrefix(emu.name())), 4);
  EXPECT_EQ(emu.sh("host_0", "ping -c1 -W2 10.150.0.72 >/dev/null"), 0);
  EXPECT_EQ(emu.sh("host_0", "ping -c1 -W2 10.0.0.1 >/dev/null"), 0);  // via default route
  // Interface names inside a node are the plan's.
  EXPECT_NE(emu.output("router0", "ip -o addr show dev dummy0").find("10.0.0.1/32"),
            std::string::npos);
  EXPECT_EQ(emu.output("host_1", "cat /proc/sys/net/ipv4/ip_forward"), "1\n");
  // The host's own namespace knows nothing of the emulation.
  EXPECT_EQ(hostNetworkState(), before);
  emu.down();
  EXPECT_EQ(countNamespaces(namespacePrefix(emu.name())), 0);
  EXPECT_EQ(hostNetworkState(), before);
}

// A Linux bridge holds at most 1,024 ports: this LAN is two bridges joined by a trunk.
TEST(SmallEmulation, ALanOfMoreMembersThanABridgeHoldsConnectsThemAll) {
  LiveEmulation emu;
  emu.up(hostsOnOneNetwork(1100));
  EXPECT_EQ(countNamespaces(namespacePrefix(emu.name())), 1101);
  // host_0 and host_999 are on the first bridge, host_1050 and host_1099 on the second.
  EXPECT_EQ(emu.sh("as20/host_0", "ping -c1 -W2 10.20.4.76 >/dev/null"), 0);      // host_1099
  EXPECT_EQ(emu.sh("as20/host_1050", "ping -c1 -W2 10.20.4.76 >/dev/null"), 0);   // host_1099
  EXPECT_EQ(emu.sh("as20/host_1050", "ping -c1 -W2 10.20.3.232 >/dev/null"), 0);  // host_999
  emu.down();
  EXPECT_EQ(countNamespaces(namespacePrefix(emu.name())), 0);
}

TEST(SmallEmulation, EbgpSessionComesUpAndCarriesRoutes) {
  LiveEmulation emu;
  emu.up(twoRoutersEbgp());  // returns once both sessions are Established
  auto s = emu.runtime().sessions(emu.name(), emu.node("as2/router0"));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "p_as3");
  EXPECT_TRUE(s[0].established()) << s[0].info;
  EXPECT_EQ(emu.sh("as2/host_0", "ping -c1 -W2 10.3.0.71 >/dev/null"), 0);

  // birdc inside the node talks to that node's BIRD.
  EXPECT_EQ(emu.sh("as2/router0", "birdc -r show protocols p_as3 | grep -q Established"), 0);
  EXPECT_EQ(emu.sh("as2/router0", "birdc disable p_as3 >/dev/null"), 0);
  s = emu.runtime().sessions(emu.name(), emu.node("as2/router0"));
  EXPECT_EQ(s[0].state, "down");
  EXPECT_FALSE(s[0].established());
  EXPECT_NE(emu.sh("as2/host_0", "ping -c1 -W1 10.3.0.71 >/dev/null"), 0);
}

TEST(SmallEmulation, KilledBirdIsReportedByStatus) {
  LiveEmulation emu;
  emu.up(twoRoutersEbgp());
  EmulationStatus st = emu.runtime().status(emu.name());
  EXPECT_EQ(st.daemons_running, 2);
  EXPECT_EQ(st.established, 2);
  EXPECT_TRUE(st.problems.empty());
  EXPECT_EQ(emu.sh("as3/router0", "kill $(cat /run/bird/bird.pid)"), 0);
  bool reported = false;
  for (int i = 0; i < 50 && !reported; ++i) {
    st = emu.runtime().status(emu.name());
    reported = st.daemons_running == 1;
    if (!reported) usleep(20000);
  }
  EXPECT_TRUE(reported);
  ASSERT_EQ(st.problems.size(), 1u);
  EXPECT_EQ(st.problems[0].rfind("as3/router0: BIRD is not running", 0), 0u) << st.problems[0];
}

// Fields of /proc/PID/status ("PPid", "State"); "" once the process is gone.
std::string statusField(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field + ":", 0) == 0) {
      size_t at = line.find_first_not_of(" \t", field.size() + 1);
      return at == std::string::npos ? "" : line.substr(at);
    }
  return "";
}

// Each daemon's parent is the emulation's keeper, not the machine's init: `down` finds every
// daemon collected the moment it ends, and the keeper leaves once its daemons have.
TEST(SmallEmulation, DaemonsBelongToAKeeperThatCollectsThemAndLeaves) {
  LiveEmulation emu;
  emu.up(twoRoutersEbgp());
  std::set<int> keepers;
  std::vector<int> birds;
  for (const char* node : {"as2/router0", "as3/router0"}) {
    StateDir st(kDefaultStateRoot, emu.name());
    int bird = readPidFile(st.birdPidFile(node));
    ASSERT_GT(bird, 0) << node;
    birds.push_back(bird);
    int keeper = std::stoi(statusField(bird, "PPid"));
    std::ifstream comm("/proc/" + std::to_string(keeper) + "/comm");
    std::string name;
    std::getline(comm, name);
    EXPECT_EQ(name, "asemu-keeper") << node << "'s BIRD has parent " << keeper;
    EXPECT_NE(keeper, getpid());
    keepers.insert(keeper);
  }
  EXPECT_EQ(keepers.size(), 1u);  // one per start of daemons
  emu.down();
  for (int bird : birds) EXPECT_EQ(statusField(bird, "State"), "") << "BIRD " << bird;
  int keeper = *keepers.begin();
  bool left = false;
  for (int i = 0; i < 100 && !left; ++i) {
    std::string state = statusField(keeper, "State");
    left = state.empty() || state[0] == 'Z';  // gone, or waiting for init to collect it
    if (!left) usleep(10000);
  }
  EXPECT_TRUE(left) << "keeper " << keeper << " still " << statusField(keeper, "State");
}

// A daemon that fails to start is reported through the keeper: its node, status and first line.
TEST(SmallEmulation, ADaemonThatFailsToStartIsNamedWithItsError) {
  LiveEmulation emu;
  emu.up(twoRoutersEbgp());
  NodeView view = emu.runtime().view(emu.name(), emu.node("as2/router0"));
  try {
    emu.runtime().kernel().startDaemons({{view, {"sh", "-c", "echo no config here >&2; exit 3"}}});
    ADD_FAILURE() << "a failing daemon was not reported";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "as2/router0: sh exited with status 3: no config here");
  }
  emu.runtime().kernel().startDaemons({{view, {"sh", "-c", "exit 0"}}});  // and one that starts
}

TEST(SmallEmulation, TwoEmulationsOfOnePlanSideBySide) {
  LiveEmulation a, b;
  a.up(twoRoutersEbgp());
  b.up(twoRoutersEbgp());
  EXPECT_EQ(a.sh("as2/host_0", "ping -c1 -W2 10.3.0.71 >/dev/null"), 0);
  EXPECT_EQ(b.sh("as2/host_0", "ping -c1 -W2 10.3.0.71 >/dev/null"), 0);
  a.down();
  EXPECT_EQ(b.sh("as3/host_0", "ping -c1 -W2 10.2.0.71 >/dev/null"), 0);
}

TEST(SmallEmulation, CrossConnectProviderPeeringCarriesRoutes) {
  // AS2 provides AS3; their only link is a cross-connect, on no exchange.
  Emulator model;
  topo::loadString(model, R"(
ases:
  - asn: 2
    networks: [{name: net0}]
    hosts: [{name: h0, joins: [net0]}]
    routers:
      - name: r0
        joins: [net0]
        cross_connects: [{peer: as3/r0, address: 10.50.0.1/29}]
  - asn: 3
    networks: [{name: net0}]
    hosts: [{name: h0, joins: [net0]}]
    routers:
      - name: r0
        joins: [net0]
        cross_connects: [{peer: as2/r0, address: 10.50.0.2/29}]
peerings:
  cross_connect: [{a: 2, b: 3, relationship: Provider}]
)",
                   "xc.yaml");
  LiveEmulation emu;
  emu.up(model.render("xc"));  // returns once both sessions are Established
  auto provider = emu.runtime().sessions(emu.name(), emu.node("as2/r0"));
  auto customer = emu.runtime().sessions(emu.name(), emu.node("as3/r0"));
  ASSERT_EQ(provider.size(), 1u);
  ASSERT_EQ(customer.size(), 1u);
  EXPECT_EQ(provider[0].name, "c_as3");
  EXPECT_EQ(customer[0].name, "u_as2");
  EXPECT_TRUE(provider[0].established()) << provider[0].info;
  EXPECT_TRUE(customer[0].established()) << customer[0].info;
  // The routers' interfaces on the link are named after it.
  EXPECT_NE(emu.output("as3/r0", "ip -o addr show dev xc0").find("10.50.0.2/29"),
            std::string::npos);
  EXPECT_EQ(emu.sh("as3/h0", "ping -c1 -W2 10.2.0.71 >/dev/null"), 0);
  EXPECT_EQ(emu.sh("as2/h0", "ping -c1 -W2 10.3.0.71 >/dev/null"), 0);
  // The link's prefix is not announced: the customer learns only the provider's own network.
  EXPECT_EQ(emu.sh("as3/r0", "birdc -r show route 10.50.0.0/29 protocol u_as2 | grep -q 10.50"), 1);
}

// A network's link properties become a qdisc on every interface joined to it: delay, loss and
// a rate with them through netem, a rate alone through a token bucket. A kernel built without
// netem (as this project's CI machine is) refuses delay and loss before anything exists.
plan::Plan shapedPlan(bool delay) {
  Emulator model;
  std::string yaml = R"(
ases:
  - asn: 2
    networks:
      - {name: thin, link: {bandwidth_bps: 1000000}}
)";
  if (delay)
    yaml += R"(      - {name: slow, link: {latency_ms: 20}}
      - {name: lossy, link: {latency_ms: 1, loss_percent: 1.5, bandwidth_bps: 10000000}}
    hosts: [{name: h0, joins: [slow]}, {name: h1, joins: [slow]}]
    routers: [{name: r0, joins: [thin, slow, lossy]}]
)";
  else
    yaml += R"(    hosts: [{name: h0, joins: [thin]}]
    routers: [{name: r0, joins: [thin]}]
)";
  topo::loadString(model, yaml, "shape.yaml");
  return model.render("shape");
}

TEST(SmallEmulation, LinkPropertiesShapeEveryInterfaceOfTheirNetwork) {
  LiveEmulation emu;
  emu.up(shapedPlan(false), false);
  std::string thin = emu.output("as2/r0", "tc qdisc show dev thin");
  EXPECT_NE(thin.find("tbf"), std::string::npos) << thin;
  EXPECT_NE(thin.find("rate 1Mbit"), std::string::npos) << thin;
  EXPECT_NE(emu.output("as2/h0", "tc qdisc show dev thin").find("rate 1Mbit"), std::string::npos);
  emu.down();

  if (!linuxKernel()->hasQueueingDiscipline("netem")) {
    LiveEmulation refused;
    std::string error;
    try {
      refused.up(shapedPlan(true), false);
    } catch (const Error& e) {
      error = e.what();
    }
    EXPECT_EQ(error.rfind("as2/slow: latency_ms and loss_percent need the kernel's netem", 0), 0u)
        << error;
    EXPECT_EQ(countNamespaces(namespacePrefix(refused.name())), 0);
    return;
  }
  LiveEmulation shaped;
  shaped.up(shapedPlan(true), false);
  // Each end delays what it sends by 20 ms: a round trip takes at least 40 ms.
  std::string rtt = shaped.output(
      "as2/h0", "ping -c3 -i0.2 -W2 10.2.1.72 | sed -n 's|^rtt.* = \\([0-9.]*\\)/.*|\\1|p'");
  ASSERT_FALSE(rtt.empty());
  EXPECT_GE(std::stod(rtt), 39.0) << rtt;
  std::string slow = shaped.output("as2/r0", "tc qdisc show dev slow");
  EXPECT_NE(slow.find("delay 20ms"), std::string::npos) << slow;
  std::string lossy = shaped.output("as2/r0", "tc qdisc show dev lossy");
  EXPECT_NE(lossy.find("delay 1ms"), std::string::npos) << lossy;
  EXPECT_NE(lossy.find("loss 1.5%"), std::string::npos) << lossy;
  EXPECT_NE(lossy.find("rate 10Mbit"), std::string::npos) << lossy;
  shaped.down();
}

// Many requests go to the kernel in one system call; a failure is still pinned on its own
// operation, with the kernel's reason, and what came before it was done.
TEST(SmallEmulation, AFailedKernelOperationIsNamedWithTheKernelsReason) {
  auto kernel = linuxKernel();
  std::string ns = "asemu-nltest" + std::to_string(getpid());
  kernel->createNamespace(ns, {});
  struct Remove {
    Kernel& k;
    std::string ns;
    ~Remove() { k.deleteNamespace(ns); }
  } remove{*kernel, ns};
  auto op = [](LinkOp::Kind kind, const std::string& object, const std::string& dev) {
    LinkOp o;
    o.kind = kind;
    o.object = object;
    o.dev = dev;
    return o;
  };
  Batch b;
  b.ns = ns;
  b.ops.push_back(op(LinkOp::Kind::Loopback, "n lo0", "lo0"));
  LinkOp addr = op(LinkOp::Kind::Address, "n lo0 address", "lo0");
  addr.address = Ipv4Address(10, 9, 0, 1);
  addr.prefix_length = 24;
  b.ops.push_back(addr);
  LinkOp route = op(LinkOp::Kind::Route, "n route", "");
  route.destination = *Ipv4Prefix::parse("10.77.0.0/16");
  route.via = Ipv4Address(10, 8, 0, 1);  // on no network of the namespace
  b.ops.push_back(route);
  std::string error;
  try {
    kernel->apply({b});
  } catch (const Error& e) {
    error = e.what();
  }
  EXPECT_EQ(error, "n route: route 10.77.0.0/16 via 10.8.0.1: Network is unreachable");
  std::string shown = capture("ip -n " + ns + " -o addr show dev lo0");
  EXPECT_NE(shown.find("10.9.0.1/24"), std::string::npos) << shown;
}

}  // namespace
}  // namespace asemu::runtime::testing
