// Announcements on a running router: the file `up` writes, announce / withdraw through BIRD's
// `configure`, and each error, against the recording kernel and a scripted BIRD.
#include "asemu/runtime/announcements.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fcntl.h>
#include <sys/file.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "asemu/core/error.h"
#include "asemu/runtime/runtime.h"
#include "error_of.h"
#include "fake_bird.h"
#include "fake_kernel.h"
#include "small_plans.h"

namespace asemu::runtime {
namespace {

namespace fs = std::filesystem;
using testing::errorOf;

class Announcements : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(root);
    bird.sessions["as2/router0"] = {{"p_as3", "Established"}};
    bird.sessions["as3/router0"] = {{"p_as2", "Established"}};
    plan = testing::twoRoutersEbgp();
    plan.findNode("as3/router0")->bird->announced = {*Ipv4Prefix::parse("10.153.0.0/24")};
    UpOptions o;
    o.wait = false;
    rt.up(plan, o);
  }
  void TearDown() override { fs::remove_all(root); }

  const plan::Node& node(const std::string& id) { return *plan.findNode(id); }
  std::string file(const std::string& id) {
    return readFile(announcedFile(StateDir(root, "ebgp2"), id));
  }
  std::vector<std::string> announced(const std::string& id) {
    std::vector<std::string> out;
    for (const auto& p : rt.announced("ebgp2", node(id))) out.push_back(p.str());
    return out;
  }

  // Named before the fixture's Runtime is made with it.
  fs::path root =
      fs::temp_directory_path() / ("asemu-announce-test-" + std::to_string(getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  testing::FakeKernel kernel;
  testing::FakeBird bird;
  Runtime rt{kernel, root, bird};
  plan::Plan plan;
};

TEST_F(Announcements, UpWritesThePlansAnnouncementsAndIncludesThem) {
  EXPECT_EQ(file("as2/router0"), "");
  EXPECT_EQ(file("as3/router0"), "    route 10.153.0.0/24 blackhole;\n");
  EXPECT_EQ(announced("as3/router0"), std::vector<std::string>{"10.153.0.0/24"});
  const std::string conf = readFile(StateDir(root, "ebgp2").birdConfig("as2/router0"));
  EXPECT_NE(conf.find("    include \"announced.conf\";\n"), std::string::npos) << conf;
}

TEST_F(Announcements, AnnounceAndWithdrawRewriteTheFileAndReconfigureBird) {
  EXPECT_EQ(rt.setAnnounced("ebgp2", node("as2/router0"), "10.153.0.0/25", true),
            "as2/router0: announces 10.153.0.0/25");
  EXPECT_EQ(rt.setAnnounced("ebgp2", node("as2/router0"), "10.153.0.128/25", true),
            "as2/router0: announces 10.153.0.128/25");
  EXPECT_EQ(announced("as2/router0"),
            (std::vector<std::string>{"10.153.0.0/25", "10.153.0.128/25"}));
  EXPECT_EQ(rt.setAnnounced("ebgp2", node("as2/router0"), "10.153.0.0/25", false),
            "as2/router0: withdrew 10.153.0.0/25");
  EXPECT_EQ(file("as2/router0"), "    route 10.153.0.128/25 blackhole;\n");
  // A prefix the plan announced can be withdrawn as well.
  rt.setAnnounced("ebgp2", node("as3/router0"), "10.153.0.0/24", false);
  EXPECT_EQ(file("as3/router0"), "");
  EXPECT_EQ(bird.commands,
            (std::vector<std::string>{"as2/router0: configure", "as2/router0: configure",
                                      "as2/router0: configure", "as3/router0: configure"}));
}

TEST_F(Announcements, EachErrorIsOneLineNamingTheNode) {
  const plan::Node& r = node("as2/router0");
  EXPECT_EQ(errorOf([&] { rt.setAnnounced("ebgp2", r, "10.153.0.1/25", true); }),
            "as2/router0: prefix '10.153.0.1/25' has host bits set; announce 10.153.0.0/25");
  EXPECT_EQ(errorOf([&] { rt.setAnnounced("ebgp2", r, "10.153.0.0/25", false); }),
            "as2/router0: does not announce 10.153.0.0/25 (it announces nothing)");
  EXPECT_EQ(errorOf([&] { rt.setAnnounced("ebgp2", node("as3/router0"), "10.9.0.0/24", false); }),
            "as3/router0: does not announce 10.9.0.0/24 (it announces 10.153.0.0/24)");
  EXPECT_EQ(errorOf([&] { rt.setAnnounced("ebgp2", node("as3/router0"), "10.153.0.0/24", true); }),
            "as3/router0: already announces 10.153.0.0/24");
  EXPECT_EQ(errorOf([&] { rt.setAnnounced("ebgp2", node("as2/host_0"), "10.153.0.0/24", true); }),
            "as2/host_0: runs no BIRD (it is a Host)");
  EXPECT_EQ(errorOf([&] { rt.setAnnounced("other", r, "10.153.0.0/24", true); }).find("other"), 0u);
  EXPECT_TRUE(bird.commands.empty());
}

TEST_F(Announcements, OneChangeAtATimePerRouter) {
  // Another announce holds the router's lock; this one waits for it, then loses nothing.
  const fs::path lockPath = announcedLockFile(StateDir(root, "ebgp2"), "as3/router0");
  int held = ::open(lockPath.c_str(), O_RDWR | O_CREAT, 0600);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);
  std::thread waiting(
      [&] { rt.setAnnounced("ebgp2", node("as3/router0"), "10.154.0.0/24", true); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(file("as3/router0"), "    route 10.153.0.0/24 blackhole;\n");
  ::close(held);
  waiting.join();
  EXPECT_EQ(announced("as3/router0"), (std::vector<std::string>{"10.153.0.0/24", "10.154.0.0/24"}));
}

TEST_F(Announcements, WhatBirdRefusesIsUndoneAndShown) {
  bird.replies["configure"] = "8002 /etc/bird/announced.conf:1:5 syntax error\n";
  EXPECT_EQ(errorOf([&] { rt.setAnnounced("ebgp2", node("as2/router0"), "10.153.0.0/25", true); }),
            "as2/router0: BIRD refused the new configuration: /etc/bird/announced.conf:1:5 "
            "syntax error");
  EXPECT_EQ(file("as2/router0"), "");
}

TEST_F(Announcements, ARouterWithoutBgpHasNoneToChange) {
  fs::path other = root / "x";
  Runtime small(kernel, other, bird);
  UpOptions o;
  o.wait = false;
  const plan::Plan p = testing::twoHostsAndRouter();
  small.up(p, o);
  EXPECT_EQ(errorOf([&] {
              small.setAnnounced("small", *p.findNode("as150/router0"), "10.153.0.0/24", true);
            }),
            "as150/router0: has no BGP session to announce prefixes on");
  EXPECT_FALSE(fs::exists(announcedFile(StateDir(other, "small"), "as150/router0")));
}

}  // namespace
}  // namespace asemu::runtime
