// Faults: a BIRD that dies is reported; `down` after an `up` that was killed half way leaves
// nothing behind; the host's own network is the same before `up` and after `down`.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "asemu/runtime/naming.h"
#include "asemu/topo/topology.h"
#include "live_emulation.h"

namespace asemu::runtime::testing {
namespace {

using namespace std::chrono_literals;

TEST(Faults, KilledBirdIsReportedByStatus) {
  LiveEmulation emu;
  emu.up(topo::renderTopology("ip-anycast"));
  ASSERT_EQ(emu.sh("as2/r100", "kill -9 $(cat /run/bird/bird.pid)"), 0);
  EmulationStatus st = emu.runtime().status(emu.name());
  EXPECT_EQ(st.daemons, 35);
  EXPECT_EQ(st.daemons_running, 34);
  ASSERT_EQ(st.problems.size(), 1u);
  EXPECT_EQ(st.problems[0].rfind("as2/r100: BIRD is not running", 0), 0u) << st.problems[0];
}

std::string procStat(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  return line;
}

// `up` killed with SIGKILL at several points of its work; `down` must leave nothing.
constexpr int kWaitingForBgp = 1000;
class KilledUp : public ::testing::TestWithParam<int> {};

TEST_P(KilledUp, DownLeavesNothingBehind) {
  const int killAfterNamespaces = GetParam();
  std::string hostBefore = hostNetworkState();
  plan::Plan plan = topo::renderTopology("ip-anycast");
  std::string name =
      "itkill" + std::to_string(getpid()) + "-" + std::to_string(killAfterNamespaces);
  std::string prefix = namespacePrefix(name);

  pid_t child = fork();
  if (child == 0) {
    auto kernel = linuxKernel();
    Runtime rt(*kernel);
    UpOptions o;
    o.name = name;
    o.wait = true;
    try {
      rt.up(plan, o);
    } catch (...) {
    }
    _exit(0);
  }
  // Kill it once it has created the given number of namespaces, or (kWaitingForBgp) once every
  // daemon runs and it waits for BGP.
  auto deadline = std::chrono::steady_clock::now() + 20s;
  std::string record = std::string(kDefaultStateRoot) + "/" + name + "/record.json";
  auto reached = [&] {
    if (killAfterNamespaces != kWaitingForBgp)
      return countNamespaces(prefix) >= killAfterNamespaces;
    std::ifstream in(record);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text.find("\"phase\": \"running\"") != std::string::npos;
  };
  while (std::chrono::steady_clock::now() < deadline && !reached())
    std::this_thread::sleep_for(1ms);
  if (killAfterNamespaces == 63) std::this_thread::sleep_for(300ms);  // into the BIRD start
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status)) << "up finished before it could be killed";

  auto kernel = linuxKernel();
  Runtime rt(*kernel);
  // Every process that lives in the emulation's namespaces now (BIRD, iproute2).
  std::vector<std::string> namespaces;
  for (const auto& ns : kernel->listNamespaces())
    if (ns.rfind(prefix, 0) == 0) namespaces.push_back(ns);
  std::vector<int> inside = kernel->processesIn(namespaces);
  std::set<ino_t> inodes = namespaceInodes(prefix);
  if (killAfterNamespaces > 60) {
    EXPECT_FALSE(inside.empty());
  }
  rt.down(name);
  EXPECT_EQ(countNamespaces(prefix), 0);
  // down returns once each process has exited and been collected.
  for (int pid : inside) EXPECT_EQ(procStat(pid), "") << "process " << pid << " survived down";
  // Nor did anything enter the namespaces after they were looked at: no process holds one.
  EXPECT_EQ(processesHolding(inodes), 0);
  EXPECT_EQ(hostNetworkState(), hostBefore);
  EXPECT_FALSE(std::filesystem::exists(std::string(kDefaultStateRoot) + "/" + name));
}

INSTANTIATE_TEST_SUITE_P(AtSeveralPoints, KilledUp, ::testing::Values(1, 30, 63, kWaitingForBgp));

TEST(Faults, HostNetworkIsUntouchedWhileRunningAndAfterDown) {
  // Links, addresses and routes of the host's own namespace: the emulation adds none, so no
  // emulated address is reachable from the host.
  std::string before = hostNetworkState();
  {
    LiveEmulation emu;
    emu.up(topo::renderTopology("ip-anycast"), false);
    EXPECT_EQ(hostNetworkState(), before);
  }
  EXPECT_EQ(hostNetworkState(), before);
}

}  // namespace
}  // namespace asemu::runtime::testing
