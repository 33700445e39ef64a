// The anycast demo of the seed document, for real: SEED's own acceptance test step by step, the
// demo's UDP claims, reachability of the mini Internet, and the valley-free export policy.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "asemu/topo/topology.h"
#include "live_emulation.h"

namespace asemu::runtime::testing {
namespace {

using namespace std::chrono_literals;

// Polls `probe` until it returns true; false after `timeout`.
bool within(std::chrono::milliseconds timeout, const std::function<bool()>& probe) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (probe()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(200ms);
  }
}

class Anycast : public ::testing::Test {
 protected:
  void SetUp() override { emu.up(topo::renderTopology("ip-anycast")); }

  // SEED's check: `ping -c 3 10.180.0.100` from 10.150.0.71, by exit code.
  int seedPing() { return emu.sh("10.150.0.71", "ping -c 3 -W 1 10.180.0.100 >/dev/null"); }
  int birdc(const std::string& node, const std::string& args) {
    return emu.sh(node, "birdc " + args + " >/dev/null");
  }

  LiveEmulation emu;
};

TEST_F(Anycast, EverySessionIsEstablishedWhenUpReturns) {
  EmulationStatus st = emu.runtime().status(emu.name());
  EXPECT_EQ(st.nodes, 62);
  EXPECT_EQ(st.daemons, 35);
  EXPECT_EQ(st.daemons_running, 35);
  EXPECT_GT(st.sessions, 0);
  EXPECT_EQ(st.established, st.sessions);
  EXPECT_TRUE(st.problems.empty());
}

TEST_F(Anycast, SeedAcceptanceTest) {
  // 1. The anycast address answers.
  EXPECT_EQ(seedPing(), 0);
  // 2. Withdraw both instances: router0's u_as3, u_as4 and router1's u_as2, u_as3, with birdc
  //    inside the routers as SEED does through docker exec. The ping must fail (exit 1).
  ASSERT_EQ(birdc("as180/router0", "dis u_as3"), 0);
  ASSERT_EQ(birdc("as180/router0", "dis u_as4"), 0);
  ASSERT_EQ(birdc("as180/router1", "dis u_as2"), 0);
  ASSERT_EQ(birdc("as180/router1", "dis u_as3"), 0);
  EXPECT_TRUE(within(10s, [&] { return seedPing() == 1; }));
  // 3. Bring back router1's u_as3 only: reachable again.
  ASSERT_EQ(birdc("as180/router1", "en u_as3"), 0);
  EXPECT_TRUE(within(10s, [&] { return seedPing() == 0; }));
}

class AnycastUdp : public Anycast {
 protected:
  void SetUp() override {
    Anycast::SetUp();
    for (const char* h : {"as180/host-0", "as180/host-1"}) {
      std::string file = received(h);
      files.push_back(file);
      ASSERT_EQ(emu.sh(h, "nc -luk 9090 > " + file + " 2>/dev/null &"), 0);
    }
    // The servers listen once their sockets show up.
    for (const char* h : {"as180/host-0", "as180/host-1"})
      ASSERT_TRUE(within(5s, [&] { return emu.sh(h, "ss -lun | grep -q :9090") == 0; }));
  }
  void TearDown() override {
    for (const auto& f : files) unlink(f.c_str());
  }
  std::string received(const std::string& host) {
    std::string f = "/tmp/asemu-it-" + emu.name() + "-" + host.substr(host.find('/') + 1);
    return f;
  }
  static std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void send(const std::string& from, const std::string& text) {
    emu.sh(from, "echo " + text + " | nc -u -w1 -q0 10.180.0.100 9090 2>/dev/null");
  }
  // Which instance (0 or 1) received `text`, -1 for none, 2 for both.
  int receiver(const std::string& text) {
    bool a = slurp(files[0]).find(text) != std::string::npos;
    bool b = slurp(files[1]).find(text) != std::string::npos;
    return a && b ? 2 : a ? 0 : b ? 1 : -1;
  }
  int waitReceiver(const std::string& text) {
    int r = -1;
    within(3s, [&] { return (r = receiver(text)) != -1; });
    return r;
  }
  std::vector<std::string> files;
};

TEST_F(AnycastUdp, ExactlyOneInstanceReceivesThenTheOtherAfterWithdrawal) {
  send("10.150.0.71", "hello");
  int first = waitReceiver("hello");
  ASSERT_TRUE(first == 0 || first == 1) << "received by " << first;
  std::string router = first == 0 ? "as180/router0" : "as180/router1";
  for (const auto& s : emu.node(router).bird->sessions)
    ASSERT_EQ(birdc(router, "dis " + s.name), 0);
  int n = 0;
  bool moved = within(10s, [&] {
    std::string text = "again" + std::to_string(n++);
    send("10.150.0.71", text);
    return waitReceiver(text) == 1 - first;
  });
  EXPECT_TRUE(moved) << "instance " << first << " withdrawn, but the other never received";
}

TEST_F(AnycastUdp, TwoHostsReachDifferentInstances) {
  // Every host outside AS-180 sends its id; which instance receives it is observed, not assumed.
  std::map<int, std::string> reachedBy;
  for (const auto& n : emu.plan().nodes) {
    if (n.role != plan::Role::Host || n.asn == 180) continue;
    std::string tag = "from-" + std::to_string(n.asn) + "-" + n.name;
    send(n.id, tag);
    int r = waitReceiver(tag);
    EXPECT_TRUE(r == 0 || r == 1) << n.id << " reached " << r;
    if (r == 0 || r == 1) reachedBy.emplace(r, n.id);
  }
  ASSERT_EQ(reachedBy.size(), 2u) << "every host reached the same instance";
  RecordProperty("instance0", reachedBy[0]);
  RecordProperty("instance1", reachedBy[1]);
}

TEST_F(Anycast, MiniInternetIsReachableFromAs150) {
  std::vector<std::string> targets = {"10.154.0.129"};
  std::set<int> stubs;
  for (const auto& n : emu.plan().nodes)
    if (n.role == plan::Role::Host && n.asn != 180) stubs.insert(n.asn);
  for (int asn : stubs) targets.push_back("10." + std::to_string(asn) + ".0.254");
  ASSERT_GE(targets.size(), 13u);
  std::string script;
  for (const auto& t : targets) script += "ping -c1 -W2 " + t + " >/dev/null || echo " + t + ";";
  EXPECT_EQ(emu.output("10.150.0.71", script), "") << "unreachable from 10.150.0.71";
}

TEST_F(Anycast, PeerRoutesAreNotExportedToOtherPeers) {
  // AS160 is a customer of AS3 only. AS2 and AS4 learn its prefix from their peer AS3 through
  // the ix100 route server; neither may pass it on to another peer, so the route server never
  // sees a path "2 3 160" or "4 3 160", while AS3's own "3 160" is there. The route crosses
  // AS3 through iBGP after its sessions are up, so it is awaited; once AS2 holds it too, any
  // path AS2 would wrongly export has had its chance to arrive.
  std::string rs;
  EXPECT_TRUE(within(30s, [&] {
    rs = emu.bird("ix/ix100", "show route 10.160.0.0/24 all");
    return rs.find("BGP.as_path: 3 160") != std::string::npos &&
           emu.bird("as2/r100", "show route 10.160.0.0/24 all").find("(2, 2, 0)") !=
               std::string::npos;
  })) << rs;
  std::this_thread::sleep_for(1s);
  rs = emu.bird("ix/ix100", "show route 10.160.0.0/24 all");
  EXPECT_EQ(rs.find("BGP.as_path: 2 3 160"), std::string::npos) << rs;
  EXPECT_EQ(rs.find("BGP.as_path: 4 3 160"), std::string::npos) << rs;
  // AS2 holds the route, tagged as learned from a peer (large community (2, 2, 0)).
  std::string as2 = emu.bird("as2/r100", "show route 10.160.0.0/24 all");
  EXPECT_NE(as2.find("(2, 2, 0)"), std::string::npos) << as2;
  // Customer routes do reach peers: AS2 exports its customer AS150 to the route server.
  std::string customer;
  EXPECT_TRUE(within(30s, [&] {
    customer = emu.bird("ix/ix100", "show route 10.150.0.0/24 all");
    return customer.find("BGP.as_path: 2 150") != std::string::npos;
  })) << customer;
}

}  // namespace
}  // namespace asemu::runtime::testing
