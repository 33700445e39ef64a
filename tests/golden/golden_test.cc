// The bird.conf of every router and route server of the anycast demo, compared with reviewed
// files under tests/golden/ip-anycast/. A change to the renderer shows as a diff here; when the
// change is intended, run the test with ASEMU_UPDATE_GOLDEN=1 and review the rewritten files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "anycast_fixture.h"
#include "asemu/plan/bird_config.h"
#include "line_diff.h"

namespace asemu {
namespace {

namespace fs = std::filesystem;

const fs::path kGoldenDir = fs::path(ASEMU_GOLDEN_DIR) / "ip-anycast";

bool updating() {
  const char* v = std::getenv("ASEMU_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

// "as180/router0" -> "as180_router0"
std::string fileStem(const std::string& nodeId) {
  std::string s = nodeId;
  for (char& c : s)
    if (c == '/') c = '_';
  return s;
}

std::vector<std::string> birdNodeIds() {
  std::vector<std::string> ids;
  for (const auto& n : testing::anycastPlan().nodes)
    if (n.bird) ids.push_back(n.id);
  return ids;
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class AnycastGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(AnycastGolden, BirdConfigMatchesTheReviewedFile) {
  const plan::Node& node = *testing::anycastPlan().findNode(GetParam());
  const std::string actual = plan::birdConfig(node);
  const fs::path file = kGoldenDir / (fileStem(node.id) + ".conf");
  if (updating()) {
    fs::create_directories(kGoldenDir);
    std::ofstream(file, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(file)) << file << " is missing; run with ASEMU_UPDATE_GOLDEN=1";
  const std::string expected = readFile(file);
  EXPECT_TRUE(expected == actual) << node.id << " differs from " << file << ":\n"
                                  << testing::lineDiff(expected, actual);
}

INSTANTIATE_TEST_SUITE_P(IpAnycast, AnycastGolden, ::testing::ValuesIn(birdNodeIds()),
                         [](const auto& info) { return fileStem(info.param); });

TEST(AnycastGoldenFiles, OneFilePerRouterAndRouteServer) {
  std::set<std::string> wanted;
  for (const auto& id : birdNodeIds()) wanted.insert(fileStem(id) + ".conf");
  EXPECT_EQ(wanted.size(), 35u);  // 29 routers and 6 route servers
  std::set<std::string> present;
  if (fs::exists(kGoldenDir))
    for (const auto& e : fs::directory_iterator(kGoldenDir)) {
      const std::string name = e.path().filename().string();
      if (updating() && !wanted.count(name)) {
        fs::remove(e.path());
        continue;
      }
      present.insert(name);
    }
  if (updating()) return;
  EXPECT_EQ(present, wanted) << "stale or missing files in " << kGoldenDir;
}

TEST(LineDiff, ShowsChangedLinesWithContext) {
  EXPECT_EQ(testing::lineDiff("a\nb\n", "a\nb\n"), "");
  EXPECT_EQ(testing::lineDiff("1\n2\n3\n4\n5\n6\n", "1\n2\n3\nfour\n5\n6\n"),
            "--- expected\n+++ actual\n@@ line 2 @@\n 2\n 3\n-4\n+four\n 5\n 6\n");
  EXPECT_EQ(testing::lineDiff("x\n", "x\ny\n"), "--- expected\n+++ actual\n@@ line 1 @@\n x\n+y\n");
}

}  // namespace
}  // namespace asemu
