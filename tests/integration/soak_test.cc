// Soak: the anycast demo brought up and down 20 times in a row leaves the host as it was: no
// namespace, no process in another network namespace, no open file descriptor and no mount entry
// more than before the first cycle.
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "asemu/runtime/naming.h"
#include "asemu/topo/topology.h"
#include "live_emulation.h"

namespace asemu::runtime::testing {
namespace {

int entries(const std::string& dir) {
  int n = 0;
  DIR* d = opendir(dir.c_str());
  if (!d) return 0;
  while (dirent* e = readdir(d)) n += e->d_name[0] != '.';
  closedir(d);
  return n;
}

int lines(const std::string& file) {
  std::ifstream in(file);
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

// Processes whose network namespace is not the host's: what an emulation could leave behind.
int processesOutsideHostNetwork() {
  struct stat host;
  if (stat("/proc/1/ns/net", &host) != 0) return -1;
  int n = 0;
  DIR* d = opendir("/proc");
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    struct stat st;
    if (stat((std::string("/proc/") + e->d_name + "/ns/net").c_str(), &st) == 0)
      n += st.st_ino != host.st_ino;
  }
  closedir(d);
  return n;
}

struct HostFigures {
  int namespaces = entries("/run/netns");
  int outside = processesOutsideHostNetwork();
  int fds = entries("/proc/self/fd");
  int mounts = lines("/proc/self/mountinfo");
};

TEST(Soak, TwentyUpDownCyclesLeaveNothingBehind) {
  using namespace std::chrono;
  plan::Plan plan = topo::renderTopology("ip-anycast");
  HostFigures before;
  auto start = steady_clock::now();
  for (int cycle = 0; cycle < 20; ++cycle) {
    ASSERT_LT(steady_clock::now() - start, seconds(240)) << "stopped after " << cycle << " cycles";
    LiveEmulation emu;
    emu.up(plan, false);
    ASSERT_EQ(countNamespaces(namespacePrefix(emu.name())), 63) << "cycle " << cycle;
    emu.down();
    HostFigures now;
    EXPECT_EQ(now.namespaces, before.namespaces) << "cycle " << cycle;
    EXPECT_EQ(now.outside, before.outside) << "cycle " << cycle;
    EXPECT_EQ(now.fds, before.fds) << "cycle " << cycle;
    EXPECT_EQ(now.mounts, before.mounts) << "cycle " << cycle;
    if (::testing::Test::HasFailure()) break;
  }
  std::printf("soak: 20 cycles in %.1f s\n", duration<double>(steady_clock::now() - start).count());
}

}  // namespace
}  // namespace asemu::runtime::testing
