// docker-compose itself (Debian's 1.29) validates every compose file and stack the compiler
// writes. `docker-compose config` checks a file against the compose schema and resolves build
// contexts and config files without talking to a Docker daemon.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include <sstream>

#include "asemu/compile/docker.h"
#include "small_plans.h"
#include "test_support.h"

namespace asemu::compile {
namespace {

// docker-compose runs projects on one host; for a stack it notes that `configs` only work with
// `docker stack deploy`. That note is expected; anything else it prints is a finding.
std::string withoutSwarmNote(const std::string& output) {
  std::string kept, line;
  std::istringstream in(output);
  while (std::getline(in, line))
    if (line.find("use `docker stack deploy` to deploy to a swarm") == std::string::npos)
      kept += line + "\n";
  return kept;
}

void expectComposeAccepts(const plan::Plan& p, const DockerOptions& o) {
  ASSERT_TRUE(testing::haveProgram("docker-compose")) << "docker-compose is not installed";
  testing::TempDir dir;
  writeOutput(compileDocker(p, o), dir.path(), false);
  auto r = testing::run("cd '" + dir.path() + "' && docker-compose -f " + projectFileName(o) +
                        " config -q");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(o.distributed ? withoutSwarmNote(r.output) : r.output, "");
}

TEST(ComposeValidation, Plain) {
  expectComposeAccepts(testing::smallInternet(), {});
}

TEST(ComposeValidation, SelfManaged) {
  DockerOptions o;
  o.self_managed_network = true;
  expectComposeAccepts(testing::sharedPrefixInternet(), o);
}

TEST(ComposeValidation, Swarm) {
  DockerOptions o;
  o.distributed = true;
  o.place_by_as = true;
  expectComposeAccepts(testing::sharedPrefixInternet(), o);
}

// Compose replaces $VAR, ${VAR} and $(...) in values; text from the plan must reach the
// containers as written, and must not make the file unreadable.
TEST(ComposeValidation, DollarSignsInValuesStayLiteral) {
  ASSERT_TRUE(testing::haveProgram("docker-compose")) << "docker-compose is not installed";
  const std::string text = "Price ${ASEMU_TEST_SECRET} $(id) $ASEMU_TEST_SECRET \"q\" \\";
  plan::Plan p = testing::smallInternet();
  ASSERT_FALSE(p.networks.empty());
  p.networks[0].display_name = text;
  testing::TempDir dir;
  writeOutput(compileDocker(p, {}), dir.path(), false);
  auto r = testing::run("cd '" + dir.path() +
                        "' && ASEMU_TEST_SECRET=leaked docker-compose config 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("leaked"), std::string::npos) << r.output;
  // `config` prints the resolved file, writing a literal '$' as "$$" again.
  std::string escaped;
  for (char c : text) escaped += c == '$' ? std::string("$$") : std::string(1, c);
  YAML::Node config = YAML::Load(r.output);
  bool found = false;
  for (const auto& net : config["networks"])
    for (const auto& label : net.second["labels"])
      if (label.second.as<std::string>() == escaped) found = true;
  EXPECT_TRUE(found) << r.output;
}

// The checker is not a rubber stamp: a key compose does not know fails.
TEST(ComposeValidation, RejectsAnUnknownKey) {
  testing::TempDir dir;
  auto out = compileDocker(testing::smallInternet(), {});
  for (auto& f : out.files)
    if (f.path == "docker-compose.yml") {
      auto at = f.content.find("    cap_add:");
      ASSERT_NE(at, std::string::npos);
      f.content.insert(at, "    no_such_key: 1\n");
    }
  writeOutput(out, dir.path(), false);
  auto r = testing::run("cd '" + dir.path() + "' && docker-compose config -q");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("no_such_key"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace asemu::compile
