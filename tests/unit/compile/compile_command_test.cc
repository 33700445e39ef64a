// `asemu compile` end to end: the binary, its messages, exit codes and summary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include "asemu/compile/output.h"
#include "test_support.h"

namespace asemu::compile {
namespace {

const std::string kAsemu = ASEMU_BINARY;

// The command failed with exit code 1 and printed exactly "asemu: <message>" on one line.
void expectFailure(const testing::CommandResult& r, const std::string& message) {
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "asemu: " + message + "\n");
}

size_t manifestLines(const std::string& dir) {
  std::ifstream in(dir + "/" + kManifestName);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

TEST(CompileCommand, AnycastNeedsSelfManagedNetworks) {
  testing::TempDir dir;
  auto r = testing::run(kAsemu + " compile docker ip-anycast -o '" + dir.path() + "/out'");
  expectFailure(r,
                "as180/net1: shares prefix 10.180.0.0/24 with network as180/net0; Docker "
                "refuses two networks with one prefix (compile with --self-managed-network)");
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

namespace fs = std::filesystem;

void put(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string contentOf(const std::string& path) {
  return testing::readFile(path);
}

unsigned modeOf(const std::string& path) {
  return unsigned(fs::status(path).permissions() & fs::perms::mask);
}

// A file outside the output directory, reachable through a link inside it, is never written.
TEST(CompileCommand, ForceNeverWritesThroughALink) {
  testing::TempDir dir;
  std::string out = dir.path() + "/out";
  fs::create_directories(out);
  put(dir.path() + "/victim", "keep");
  fs::permissions(dir.path() + "/victim", fs::perms::owner_read | fs::perms::owner_write);
  fs::create_symlink(dir.path() + "/victim", out + "/docker-compose.yml");
  fs::create_directories(dir.path() + "/elsewhere");
  fs::create_directory_symlink(dir.path() + "/elsewhere", out + "/nodes");

  auto r = testing::run(kAsemu + " compile docker ip-anycast --self-managed-network --force -o '" +
                        out + "'");
  expectFailure(r, out +
                       "/nodes: is a symbolic link or not a directory; asemu does not write "
                       "through it (remove it)");
  EXPECT_TRUE(fs::is_empty(dir.path() + "/elsewhere"));

  fs::remove(out + "/nodes");
  r = testing::run(kAsemu + " compile docker ip-anycast --self-managed-network --force -o '" + out +
                   "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(contentOf(dir.path() + "/victim"), "keep");
  EXPECT_EQ(modeOf(dir.path() + "/victim"), 0600u);
  EXPECT_FALSE(fs::is_symlink(out + "/docker-compose.yml"));
  EXPECT_NE(contentOf(out + "/docker-compose.yml").find("services:"), std::string::npos);
}

TEST(CompileCommand, ALinkAsTheOutputDirectoryIsRefused) {
  testing::TempDir dir;
  fs::create_directories(dir.path() + "/elsewhere");
  fs::create_directory_symlink(dir.path() + "/elsewhere", dir.path() + "/out");
  auto r =
      testing::run(kAsemu + " compile graphviz ip-anycast --force -o '" + dir.path() + "/out'");
  expectFailure(r, dir.path() +
                       "/out: output directory is a symbolic link; asemu does not write "
                       "through links (give the directory it points to)");
  EXPECT_TRUE(fs::is_empty(dir.path() + "/elsewhere"));
}

TEST(CompileCommand, BaseImageWithANewlineIsRefused) {
  testing::TempDir dir;
  auto r = testing::run(kAsemu + " compile docker ip-anycast --self-managed-network -o '" +
                        dir.path() + "/out' --base-image \"$(printf 'debian\\nRUN touch /x')\"");
  expectFailure(r,
                "--base-image: 'debian\\x0aRUN touch /x' is not a Docker image reference "
                "(expected [registry/]name[:tag][@sha256:digest], e.g. debian:bookworm-slim)");
  EXPECT_FALSE(fs::exists(dir.path() + "/out"));
}

// A saved plan, changed by `edit`, compiled to `dir`/out.
testing::CommandResult compileEditedPlan(const testing::TempDir& dir,
                                         const std::function<void(nlohmann::json&)>& edit) {
  auto rendered = testing::run(kAsemu + " render ip-anycast --json 2>/dev/null");
  EXPECT_EQ(rendered.exit_code, 0);
  auto plan = nlohmann::json::parse(rendered.output);
  edit(plan);
  put(dir.path() + "/plan.json", plan.dump());
  return testing::run(kAsemu + " compile docker '" + dir.path() +
                      "/plan.json' --self-managed-network -o '" + dir.path() + "/out'");
}

size_t nodeIndex(const nlohmann::json& plan, const std::string& id) {
  for (size_t i = 0; i < plan["nodes"].size(); ++i)
    if (plan["nodes"][i]["id"] == id) return i;
  ADD_FAILURE() << "no node " << id;
  return 0;
}

TEST(CompileCommand, PlanNameWithANewlineIsAnError) {
  testing::TempDir dir;
  auto r = compileEditedPlan(dir, [](nlohmann::json& p) { p["name"] = "x\ntouch /tmp/pwned"; });
  expectFailure(
      r, dir.path() +
             "/plan.json: plan.name: emulation name 'x\\x0atouch /tmp/pwned' contains '\\x0a' "
             "(allowed: letters, digits, '_', '-')");
  EXPECT_FALSE(fs::exists(dir.path() + "/out"));
}

TEST(CompileCommand, SessionNameWithBirdSyntaxIsAnError) {
  testing::TempDir dir;
  auto r = compileEditedPlan(dir, [](nlohmann::json& p) {
    p["nodes"][nodeIndex(p, "as180/router0")]["bird"]["sessions"][0]["name"] =
        "u_as3 { }\nprotocol device x";
  });
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("/plan.json: plan.nodes["), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("].bird.sessions[0].name: session name 'u_as3 { }\\x0aprotocol device "
                          "x' contains ' ' (allowed: letters, digits, '_')\n"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_FALSE(fs::exists(dir.path() + "/out"));
}

TEST(CompileCommand, DanglingNetworkIsAOneLineError) {
  testing::TempDir dir;
  auto r = compileEditedPlan(dir, [](nlohmann::json& p) {
    p["nodes"][nodeIndex(p, "as150/host_0")]["interfaces"][0]["network"] = "as150/nowhere";
  });
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output.find("internal error"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("].interfaces[0].network: no network has the id 'as150/nowhere' (see "
                          "plan.networks)\n"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

TEST(RenderCommand, NonEmptyDirectoryNeedsForce) {
  testing::TempDir dir;
  put(dir.path() + "/mine.txt", "keep");
  auto r = testing::run(kAsemu + " render ip-anycast -o '" + dir.path() + "'");
  expectFailure(r, dir.path() + ": output directory is not empty (use --force to overwrite)");
  EXPECT_FALSE(fs::exists(dir.path() + "/plan.json"));
  r = testing::run(kAsemu + " render ip-anycast --force -o '" + dir.path() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir.path() + "/as180_router0/bird.conf"));
  EXPECT_EQ(contentOf(dir.path() + "/mine.txt"), "keep");
}

TEST(RenderCommand, NeverWritesThroughALink) {
  testing::TempDir dir;
  std::string out = dir.path() + "/out";
  fs::create_directories(out);
  put(dir.path() + "/victim", "keep");
  fs::create_symlink(dir.path() + "/victim", out + "/plan.json");
  fs::create_directories(dir.path() + "/elsewhere");
  fs::create_directory_symlink(dir.path() + "/elsewhere", out + "/as180_router0");
  auto r = testing::run(kAsemu + " render ip-anycast --force -o '" + out + "'");
  expectFailure(r, out +
                       "/as180_router0: is a symbolic link or not a directory; asemu does not "
                       "write through it (remove it)");
  EXPECT_TRUE(fs::is_empty(dir.path() + "/elsewhere"));
  EXPECT_EQ(contentOf(dir.path() + "/victim"), "keep");
  EXPECT_FALSE(fs::is_symlink(out + "/plan.json"));
}

}  // namespace
}  // namespace asemu::compile
