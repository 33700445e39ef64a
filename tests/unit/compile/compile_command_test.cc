// `asemu compile` end to end: the binary, its messages, exit codes and summary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "asemu/compile/output.h"
#include "test_support.h"

namespace asemu::compile {
namespace {

const std::string kAsemu = ASEMU_BINARY;

size_t manifestLines(const std::string& dir) {
  std::ifstream in(dir + "/" + kManifestName);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

TEST(CompileCommand, AnycastNeedsSelfManagedNetworks) {
  testing::TempDir dir;
  auto r = testing::run(kAsemu + " compile docker ip-anycast -o '" + dir.path() + "/out'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output,
            "asemu: as180/net1: shares prefix 10.180.0.0/24 with network as180/net0; Docker "
            "refuses two networks with one prefix (compile with --self-managed-network)\n");
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/out"));
}

TEST(CompileCommand, SummaryForceAndJson) {
  testing::TempDir dir;
  std::string out = dir.path() + "/out";
  auto first =
      testing::run(kAsemu + " compile docker ip-anycast --self-managed-network -o '" + out + "'");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  size_t files = manifestLines(out);
  EXPECT_GT(files, 62u);
  EXPECT_EQ(first.output.rfind("compiled ip-anycast (62 nodes, 31 networks) to docker compose "
                               "(self-managed networks): " +
                                   std::to_string(files) + " files, ",
                               0),
            0u)
      << first.output;

  auto again =
      testing::run(kAsemu + " compile docker ip-anycast --self-managed-network -o '" + out + "'");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.output,
            "asemu: " + out + ": output directory is not empty (use --force to overwrite)\n");

  auto forced = testing::run(kAsemu + " compile docker ip-anycast --distributed --force --json " +
                             "-o '" + out + "'");
  ASSERT_EQ(forced.exit_code, 0) << forced.output;
  auto j = nlohmann::json::parse(forced.output);
  EXPECT_EQ(j["target"], "swarm");
  EXPECT_EQ(j["plan"], "ip-anycast");
  EXPECT_EQ(j["files"].get<size_t>(), manifestLines(out));
  EXPECT_TRUE(std::filesystem::exists(out + "/docker-stack.yml"));
  EXPECT_FALSE(std::filesystem::exists(out + "/docker-compose.yml"));  // the old compile is gone
}

TEST(CompileCommand, Graphviz) {
  testing::TempDir dir;
  auto r = testing::run(kAsemu + " compile graphviz ip-anycast -o '" + dir.path() + "/g'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/g/l2.dot"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/g/bgp.dot"));
}

}  // namespace
}  // namespace asemu::compile
