// Runtime::up / down against the recording kernel: order of work, the record, clean-up.
#include "asemu/runtime/runtime.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "asemu/core/error.h"
#include "asemu/runtime/naming.h"
#include "error_of.h"
#include "fake_bird.h"
#include "fake_kernel.h"
#include "small_plans.h"

namespace asemu::runtime {
namespace {

namespace fs = std::filesystem;

class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Short, so that BIRD's control socket path fits a socket address (see
    // BirdSeesItsFilesAtFixedPathsWhenTheSocketPathIsTooLong).
    static int serial = 0;
    root = fs::temp_directory_path() /
           ("asemu-rt-" + std::to_string(getpid()) + "-" + std::to_string(++serial));
    fs::remove_all(root);
  }
  void TearDown() override { fs::remove_all(root); }

  UpOptions noWait(const std::string& name = "") {
    UpOptions o;
    o.name = name;
    o.wait = false;
    return o;
  }

  fs::path root;
  testing::FakeKernel kernel;
};

using testing::errorOf;

TEST_F(RuntimeTest, UpCreatesNamespacesThenLinksThenDaemons) {
  Runtime rt(kernel, root);
  EXPECT_EQ(rt.up(testing::twoHostsAndRouter(), noWait()), "small");
  std::vector<std::string> kinds;
  for (const auto& line : kernel.log) {
    std::string kind = line.substr(0, line.find(' '));
    if (kinds.empty() || kinds.back() != kind) kinds.push_back(kind);
  }
  // netns adds, then the fabric batch, then the node batches, then BIRD.
  EXPECT_EQ(kinds, (std::vector<std::string>{
                       "netns", "asemu-small.fabric:", "asemu-small.as150.host_0:",
                       "asemu-small.as150.host_1:", "asemu-small.as150.router0:", "start"}));
  EXPECT_EQ(kernel.lines("netns add asemu-small.as150.host_0"),
            (std::vector<std::string>{"netns add asemu-small.as150.host_0 "
                                      "net.ipv6.conf.all.disable_ipv6=1 "
                                      "net.ipv6.conf.default.disable_ipv6=1 net.ipv4.ip_forward=1 "
                                      "net.ipv4.conf.all.rp_filter=0 "
                                      "net.ipv4.conf.default.rp_filter=0"}));
  // BIRD gets no mount namespace of its own: its files are named by their host paths.
  std::string node = (root / "small/nodes/as150.router0").string();
  EXPECT_EQ(kernel.lines("start"),
            (std::vector<std::string>{"start asemu-small.as150.router0: bird -c " + node +
                                      "/etc/bird.conf -s " + node + "/run/bird.ctl -P " + node +
                                      "/run/bird.pid"}));
}

TEST_F(RuntimeTest, BirdSeesItsFilesAtFixedPathsWhenTheSocketPathIsTooLong) {
  // A socket address holds at most 107 characters of path.
  fs::path deep = root / std::string(60, 'd') / std::string(40, 'e');
  Runtime rt(kernel, deep);
  rt.up(testing::twoHostsAndRouter(), noWait());
  std::string node = (deep / "small/nodes/as150.router0").string();
  EXPECT_EQ(
      kernel.lines("start"),
      (std::vector<std::string>{"start asemu-small.as150.router0: bird -c /etc/bird/bird.conf -s "
                                "/run/bird/bird.ctl -P /run/bird/bird.pid [" +
                                node + "/etc on /etc/bird] [" + node + "/run on /run/bird]"}));
}

TEST_F(RuntimeTest, UpWritesPlanRecordAndBirdConfigs) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait("mine"));
  StateDir st(root, "mine");
  Record rec = st.readRecord();
  EXPECT_EQ(rec.phase, "running");
  EXPECT_EQ(rec.namespaces.size(), 4u);
  EXPECT_EQ(rec.ports.size(), 3u);
  EXPECT_EQ(st.readPlan().nodes.size(), 3u);
  EXPECT_TRUE(fs::exists(root / "mine/nodes/as150.router0/etc/bird.conf"));
  EXPECT_FALSE(fs::exists(root / "mine/nodes/as150.host_0/etc/bird.conf"));
  EXPECT_TRUE(fs::is_directory(root / "mine/nodes/as150.host_0/run"));
  EXPECT_EQ(rt.emulations(), (std::vector<std::string>{"mine"}));
  NodeView v = st.view("as150/router0");
  EXPECT_EQ(v.ns, "asemu-mine.as150.router0");
  ASSERT_EQ(v.binds.size(), 2u);
  EXPECT_EQ(v.binds[1].first, (root / "mine/nodes/as150.router0/run").string());
  EXPECT_EQ(v.binds[1].second, "/run/bird");
}

TEST_F(RuntimeTest, RecordListsEveryNamespaceBeforeTheFirstIsCreated) {
  Runtime rt(kernel, root);
  int checked = 0;
  kernel.on_create = [&](const std::string& ns) {
    Record rec = StateDir(root, "small").readRecord();
    EXPECT_NE(std::find(rec.namespaces.begin(), rec.namespaces.end(), ns), rec.namespaces.end());
    ++checked;
  };
  rt.up(testing::twoHostsAndRouter(), noWait());
  EXPECT_EQ(checked, 4);
}

// A daemon that `up` started is killed at once: its namespace goes, and a graceful BGP shutdown
// would only make every neighbour withdraw and reinstall routes while it goes down too. Anything
// else in the emulation (a capture, a shell) gets SIGTERM first. A pid file that names no process
// of the emulation, or holds no number, changes nothing.
TEST_F(RuntimeTest, DownKillsTheDaemonsItStartedAtOnceAndStopsOthersGently) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait());
  kernel.daemons["asemu-small.as150.host_0"] = 77;  // a process a user started in a host
  kernel.log.clear();
  rt.down("small");
  EXPECT_EQ(kernel.log.front(), "stop 77 1000 (at once: 1000)");

  rt.up(testing::twoHostsAndRouter(), noWait());
  StateDir st(root, "small");
  writeFileAtomically(st.birdPidFile("as150/router0"), "77\n");
  kernel.daemons["asemu-small.as150.host_0"] = 77;
  kernel.log.clear();
  rt.down("small");
  EXPECT_EQ(kernel.log.front(), "stop 77 1001 (at once: 77)");

  rt.up(testing::twoHostsAndRouter(), noWait());
  writeFileAtomically(st.birdPidFile("as150/router0"), "1002; rm -rf /\n");
  kernel.log.clear();
  rt.down("small");
  EXPECT_EQ(kernel.log.front(), "stop 1002");
}

TEST(PidFile, HoldsOnePositiveDecimalNumberOrNothing) {
  fs::path file = fs::temp_directory_path() / ("asemu-pid-" + std::to_string(getpid()));
  EXPECT_EQ(readPidFile(file), 0);  // missing
  for (auto [text, pid] : std::vector<std::pair<std::string, int>>{{"4242\n", 4242},
                                                                   {"17", 17},
                                                                   {"", 0},
                                                                   {"-3\n", 0},
                                                                   {"0\n", 0},
                                                                   {"12 34\n", 0},
                                                                   {"99999999999\n", 0},
                                                                   {"7x\n", 0}}) {
    writeFileAtomically(file, text);
    EXPECT_EQ(readPidFile(file), pid) << text;
  }
  fs::remove(file);
}

TEST_F(RuntimeTest, DownRemovesExactlyTheRecordedNamespacesAndProcesses) {
  Runtime rt(kernel, root);
  kernel.namespaces = {"asemu-other.fabric", "unrelated"};
  rt.up(testing::twoHostsAndRouter(), noWait());
  kernel.log.clear();
  rt.down("small");
  EXPECT_EQ(kernel.log.front(), "stop 1000 (at once: 1000)");
  EXPECT_EQ(kernel.lines("netns del").size(), 4u);
  EXPECT_EQ(kernel.namespaces, (std::set<std::string>{"asemu-other.fabric", "unrelated"}));
  EXPECT_FALSE(fs::exists(root / "small"));
  EXPECT_TRUE(rt.emulations().empty());
}

TEST_F(RuntimeTest, FailureHalfWayRemovesWhatWasCreatedAndNamesTheObject) {
  Runtime rt(kernel, root);
  kernel.fail_on = "route 0.0.0.0/0 via 10.150.0.254";
  EXPECT_EQ(errorOf([&] { rt.up(testing::twoHostsAndRouter(), noWait()); }),
            "as150/host_0 route 0.0.0.0/0: asemu-small.as150.host_0: route 0.0.0.0/0 via "
            "10.150.0.254: Operation not permitted");
  EXPECT_TRUE(kernel.namespaces.empty());
  EXPECT_FALSE(fs::exists(root / "small"));
}

TEST_F(RuntimeTest, DownAfterAnUpThatDiedCleansFromTheRecordAlone) {
  // An `up` killed after creating two namespaces: only its state directory tells what exists.
  {
    Runtime rt(kernel, root);
    kernel.fail_on = "netns add asemu-small.as150.host_1";
    kernel.on_create = [&](const std::string& ns) {
      if (ns == "asemu-small.as150.host_1") throw std::runtime_error("killed");
    };
    EXPECT_THROW(rt.up(testing::twoHostsAndRouter(), noWait()), std::runtime_error);
  }
  // up cleans up after itself on any exception; simulate a kill by recreating its leftovers.
  StateDir st(root, "small");
  fs::create_directories(st.dir());
  Record rec;
  rec.name = "small";
  rec.phase = "starting";
  rec.namespaces = realize(testing::twoHostsAndRouter(), "small").namespaces;
  st.writeRecord(rec);
  kernel.namespaces = {"asemu-small.fabric", "asemu-small.as150.host_0", "keep-me"};
  kernel.on_create = nullptr;
  Runtime fresh(kernel, root);
  fresh.down("small");
  EXPECT_EQ(kernel.namespaces, (std::set<std::string>{"keep-me"}));
  EXPECT_FALSE(fs::exists(st.dir()));
}

TEST_F(RuntimeTest, NameInUseFailsBeforeAnythingIsCreated) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait());
  kernel.log.clear();
  EXPECT_EQ(errorOf([&] { rt.up(testing::twoHostsAndRouter(), noWait()); }),
            "small: an emulation of this name is already running (stop it with 'asemu down "
            "small' or choose another name with --name)");
  EXPECT_TRUE(kernel.log.empty());
}

TEST_F(RuntimeTest, TwoEmulationsSideBySide) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait("a"));
  rt.up(testing::twoHostsAndRouter(), noWait("b"));
  EXPECT_EQ(kernel.namespaces.size(), 8u);
  EXPECT_EQ(errorOf([&] { rt.resolveEmulation(std::nullopt); }),
            "several emulations are running (a, b); choose one with -e NAME");
  rt.down("a");
  EXPECT_EQ(kernel.namespaces.size(), 4u);
  EXPECT_EQ(rt.resolveEmulation(std::nullopt), "b");
}

TEST_F(RuntimeTest, MissingPrerequisiteFailsBeforeAnythingIsCreated) {
  Runtime rt(kernel, root);
  kernel.prerequisite = "must run as root (network namespaces need CAP_SYS_ADMIN)";
  EXPECT_EQ(errorOf([&] { rt.up(testing::twoHostsAndRouter(), noWait()); }),
            "up: must run as root (network namespaces need CAP_SYS_ADMIN)");
  EXPECT_TRUE(kernel.log.empty());
  EXPECT_FALSE(fs::exists(root / "small"));
}

// A kernel without netem cannot delay or drop: the network that asks for it is named, with the
// fix, before anything exists. A rate alone needs the token bucket only.
TEST_F(RuntimeTest, LinkPropertiesTheKernelCannotApplyFailBeforeAnythingIsCreated) {
  Runtime rt(kernel, root);
  kernel.qdiscs = {"tbf"};
  plan::Plan p = testing::twoHostsAndRouter();
  p.networks[0].link.bandwidth_bps = 1000000;
  rt.up(p, noWait("rate"));
  rt.down("rate");
  kernel.log.clear();
  p.networks[0].link.latency_ms = 20;
  EXPECT_EQ(errorOf([&] { rt.up(p, noWait()); }),
            p.networks[0].id +
                ": latency_ms and loss_percent need the kernel's netem queueing discipline, "
                "which this kernel lacks (CONFIG_NET_SCH_NETEM); load it with 'modprobe "
                "sch_netem', or remove them from the network's link");
  EXPECT_TRUE(kernel.log.empty());
  EXPECT_FALSE(fs::exists(root / "small"));
  kernel.qdiscs = {"netem"};
  p.networks[0].link = {};
  p.networks[0].link.bandwidth_bps = 1000000;
  EXPECT_EQ(errorOf([&] { rt.up(p, noWait()); }),
            p.networks[0].id +
                ": bandwidth_bps needs the kernel's token bucket queueing discipline, which "
                "this kernel lacks (CONFIG_NET_SCH_TBF); load it with 'modprobe sch_tbf', or "
                "remove it from the network's link");
  EXPECT_TRUE(kernel.log.empty());
  // A plan built in C++ meets the limits a topology file does: 5 bit/s is no rate tbf can hold.
  kernel.qdiscs = {"netem", "tbf"};
  p.networks[0].link.bandwidth_bps = 5;
  EXPECT_EQ(errorOf([&] { rt.up(p, noWait()); }),
            p.networks[0].id +
                ": link: 'bandwidth_bps' must be 0 (no limit) or from 8 (one byte per second, "
                "the kernel's smallest rate) to 1000000000000000, got 5");
  p.networks[0].link = {};
  p.networks[0].link.loss_percent = 150;
  EXPECT_EQ(errorOf([&] { rt.up(p, noWait()); }),
            p.networks[0].id + ": link: 'loss_percent' must be a number from 0 to 100, got 150");
  EXPECT_TRUE(kernel.log.empty());
  EXPECT_FALSE(fs::exists(root / "small"));
}

TEST_F(RuntimeTest, LeftoverNamespaceWithoutRecordIsReported) {
  Runtime rt(kernel, root);
  kernel.namespaces = {"asemu-small.as150.host_0"};
  EXPECT_EQ(errorOf([&] { rt.up(testing::twoHostsAndRouter(), noWait()); }),
            "small: namespace 'asemu-small.as150.host_0' exists but no emulation 'small' is "
            "recorded; remove it with 'ip netns delete asemu-small.as150.host_0'");
}

TEST_F(RuntimeTest, BadEmulationNameAndUnknownEmulation) {
  Runtime rt(kernel, root);
  EXPECT_EQ(errorOf([&] { rt.up(testing::twoHostsAndRouter(), noWait("a.b")); }),
            "a.b: emulation name 'a.b' contains '.' (allowed: letters, digits, '_', '-')");
  EXPECT_EQ(errorOf([&] { rt.down("nothing"); }), "nothing: no emulation of this name is running");
  EXPECT_EQ(errorOf([&] { rt.resolveEmulation(std::nullopt); }),
            "no emulation is running (start one with 'asemu up')");
}

TEST_F(RuntimeTest, StatusReportsDeadDaemonsAndMissingNamespaces) {
  testing::FakeBird bird;
  Runtime rt(kernel, root, bird);
  rt.up(testing::twoHostsAndRouter(), noWait());
  kernel.namespaces.erase("asemu-small.as150.host_1");
  EmulationStatus s = rt.status("small");
  EXPECT_EQ(s.nodes, 3);
  EXPECT_EQ(s.daemons, 1);
  EXPECT_EQ(s.daemons_running, 0);  // the fake BIRD of router0 does not answer
  ASSERT_EQ(s.problems.size(), 2u);
  EXPECT_EQ(s.problems[0], "namespace asemu-small.as150.host_1 is missing");
  EXPECT_EQ(s.problems[1], "as150/router0: BIRD is not running (cannot reach BIRD at " +
                               (root / "small/nodes/as150.router0/run/bird.ctl").string() + ")");
}

TEST_F(RuntimeTest, StatusCountsEstablishedSessionsAsBirdReportsThem) {
  testing::FakeBird bird;
  bird.sessions["as2/router0"] = {{"p_as3", "Established"}};
  bird.sessions["as3/router0"] = {{"p_as2", "Connect"}};
  Runtime rt(kernel, root, bird);
  rt.up(testing::twoRoutersEbgp(), noWait());
  EmulationStatus s = rt.status("ebgp2");
  EXPECT_EQ(s.daemons, 2);
  EXPECT_EQ(s.daemons_running, 2);
  EXPECT_EQ(s.sessions, 2);
  EXPECT_EQ(s.established, 1);
  EXPECT_TRUE(s.problems.empty());
  ASSERT_EQ(s.node_list.size(), 4u);
  EXPECT_EQ(s.node_list[1].id, "as2/router0");
  EXPECT_EQ(s.node_list[1].established, 1);
  EXPECT_EQ(s.node_list[3].established, 0);
  EXPECT_EQ(s.daemons_busy, 0);

  // A daemon that runs but does not answer in time is busy, not dead; what it would say is not
  // counted.
  bird.late = {"as2/router0"};
  s = rt.status("ebgp2");
  EXPECT_EQ(s.daemons_running, 2);
  EXPECT_EQ(s.daemons_busy, 1);
  EXPECT_EQ(s.established, 0);
  EXPECT_TRUE(s.problems.empty());
  EXPECT_TRUE(s.node_list[1].bird_busy);
  EXPECT_TRUE(s.node_list[1].bird_running);
  EXPECT_FALSE(s.node_list[3].bird_busy);
}

TEST_F(RuntimeTest, UpWaitsUntilEveryReachableSessionIsEstablished) {
  testing::FakeBird bird;
  bird.sessions["as2/router0"] = {{"p_as3", "Connect"}};
  bird.sessions["as3/router0"] = {{"p_as2", "Connect"}};
  testing::FakeTime time;
  time.on_sleep = [&](std::chrono::milliseconds t) {
    if (t >= std::chrono::milliseconds(1500)) bird.sessions["as2/router0"]["p_as3"] = "Established";
    if (t >= std::chrono::milliseconds(2500)) bird.sessions["as3/router0"]["p_as2"] = "Established";
  };
  Runtime rt(kernel, root, bird, time.clock());
  std::vector<std::string> lines;
  UpOptions o;
  o.progress = [&](const std::string& l) { lines.push_back(l.substr(l.find(']') + 2)); };
  rt.up(testing::twoRoutersEbgp(), o);
  EXPECT_EQ(time.now.time_since_epoch(), std::chrono::milliseconds(2500));
  std::vector<std::string> bgp;
  for (const auto& l : lines)
    if (l.rfind("BGP:", 0) == 0) bgp.push_back(l);
  EXPECT_EQ(bgp, (std::vector<std::string>{"BGP: 0/2 sessions established",
                                           "BGP: 1/2 sessions established",
                                           "BGP: 2/2 sessions established"}));
}

TEST_F(RuntimeTest, UpThatTimesOutNamesTheSessionsAndKeepsTheEmulation) {
  testing::FakeBird bird;
  bird.sessions["as2/router0"] = {{"p_as3", "Established"}};
  bird.sessions["as3/router0"] = {{"p_as2", "Connect"}};
  testing::FakeTime time;
  Runtime rt(kernel, root, bird, time.clock());
  UpOptions o;
  o.timeout = std::chrono::seconds(5);
  EXPECT_EQ(errorOf([&] { rt.up(testing::twoRoutersEbgp(), o); }),
            "ebgp2: timed out after 5.0 s waiting for 1 BGP sessions: as3/router0: p_as2 in "
            "Connect (the emulation keeps running; 'asemu down ebgp2' stops it)");
  EXPECT_EQ(rt.emulations(), std::vector<std::string>{"ebgp2"});
}

// Names that are paths never reach the file system: the victim directories live inside this
// test's temporary directory, next to the state root.
TEST_F(RuntimeTest, NamesThatArePathsAreRefusedByEveryVerb) {
  fs::path victim = root / "victim";
  fs::create_directories(victim / "data");
  fs::create_directories(root / "state");
  Runtime rt(kernel, root / "state");
  for (const std::string& name : {std::string("../victim"), victim.string(), std::string(".."),
                                  std::string("."), std::string("a/../../victim")}) {
    std::string why = emulationNameProblem(name) + "; 'asemu status' lists the running emulations";
    EXPECT_EQ(errorOf([&] { rt.down(name); }), name + ": " + why);
    EXPECT_EQ(errorOf([&] { rt.status(name); }), name + ": " + why);
    EXPECT_EQ(errorOf([&] { rt.plan(name); }), name + ": " + why);
    EXPECT_EQ(errorOf([&] { rt.resolveEmulation(name); }), name + ": " + why);
  }
  EXPECT_TRUE(fs::exists(victim / "data"));
  EXPECT_TRUE(fs::exists(root / "state"));
  EXPECT_TRUE(kernel.log.empty());
}

TEST_F(RuntimeTest, DownLeavesADirectoryWithoutRecordAlone) {
  fs::create_directories(root / "lab" / "notes");
  Runtime rt(kernel, root);
  EXPECT_EQ(errorOf([&] { rt.down("lab"); }),
            "lab: " + (root / "lab").string() +
                " holds no emulation record, so asemu leaves it alone; remove it by hand if it is "
                "yours");
  EXPECT_TRUE(fs::exists(root / "lab" / "notes"));
}

TEST_F(RuntimeTest, DownOfAnUpThatOnlyClaimedTheNameRemovesTheEmptyDirectory) {
  fs::create_directories(root / "lab");
  Runtime rt(kernel, root);
  rt.down("lab");
  EXPECT_FALSE(fs::exists(root / "lab"));
}

TEST_F(RuntimeTest, DownRemovesOnlyWhatUpCreated) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait());
  std::ofstream(root / "small" / "mine.txt") << "not asemu's";
  EXPECT_EQ(errorOf([&] { rt.down("small"); }),
            "small: the emulation is stopped, but " + (root / "small").string() +
                " still holds what asemu did not create (mine.txt); remove it by hand");
  EXPECT_TRUE(fs::exists(root / "small" / "mine.txt"));
  EXPECT_FALSE(fs::exists(root / "small" / "plan.json"));
  EXPECT_FALSE(fs::exists(root / "small" / "nodes"));
  EXPECT_TRUE(kernel.namespaces.empty());
}

TEST_F(RuntimeTest, DownRefusesARecordThatListsForeignNamespaces) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait());
  StateDir st(root, "small");
  Record rec = st.readRecord();
  rec.namespaces.push_back("precious");
  st.writeRecord(rec);
  kernel.namespaces.insert("precious");
  kernel.log.clear();
  EXPECT_EQ(errorOf([&] { rt.down("small"); }),
            st.recordFile().string() +
                ": lists namespace 'precious', which is not one of emulation 'small'; nothing "
                "was removed");
  EXPECT_TRUE(kernel.log.empty());
  EXPECT_TRUE(kernel.namespaces.count("precious"));
}

TEST_F(RuntimeTest, DownNamesAProcessItCannotEndAndKeepsTheEmulation) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait());
  kernel.unkillable = {1000};
  EXPECT_EQ(errorOf([&] { rt.down("small"); }),
            "small: could not end 1 process (1000 (bird)); the emulation is left in place, run "
            "'asemu down small' again");
  EXPECT_EQ(kernel.namespaces.size(), 4u);
  EXPECT_TRUE(fs::exists(root / "small" / "record.json"));
  kernel.unkillable.clear();
  rt.down("small");
  EXPECT_TRUE(kernel.namespaces.empty());
  EXPECT_FALSE(fs::exists(root / "small"));
}

TEST_F(RuntimeTest, DownNamesAProcessThatKeepsComingBack) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait());
  kernel.respawning = true;
  EXPECT_EQ(errorOf([&] { rt.down("small"); }),
            "small: could not end 1 process (1003); the emulation is left in place, run 'asemu "
            "down small' again");
  EXPECT_EQ(kernel.namespaces.size(), 4u);
  EXPECT_EQ(kernel.lines("stop").size(), 3u);
}

TEST_F(RuntimeTest, DownRemovesTheTemporaryFilesOfAnInterruptedWrite) {
  Runtime rt(kernel, root);
  rt.up(testing::twoHostsAndRouter(), noWait());
  std::ofstream(root / "small" / ".record.json.tmp-12-ab-3") << "{";
  std::ofstream(root / "small" / ".plan.json.tmp-12-ab-4") << "{";
  rt.down("small");
  EXPECT_FALSE(fs::exists(root / "small"));
}

TEST_F(RuntimeTest, ASymlinkInTheStateRootIsNoEmulation) {
  fs::create_directories(root / "elsewhere");
  std::ofstream(root / "elsewhere" / "record.json") << "{}";
  fs::create_directories(root / "state");
  fs::create_directory_symlink(root / "elsewhere", root / "state" / "linked");
  Runtime rt(kernel, root / "state");
  EXPECT_TRUE(rt.emulations().empty());
  EXPECT_EQ(errorOf([&] { rt.down("linked"); }), "linked: no emulation of this name is running");
  EXPECT_TRUE(fs::exists(root / "elsewhere" / "record.json"));
}

}  // namespace
}  // namespace asemu::runtime
