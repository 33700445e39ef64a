#include "asemu/compile/start_script.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "asemu/compile/docker.h"
#include "small_plans.h"
#include "test_support.h"

namespace asemu::compile {
namespace {

DockerSubnets realSubnets(const plan::Plan& p) {
  DockerSubnets s;
  for (const auto& n : p.networks) s[n.id] = n.prefix;
  return s;
}

TEST(StartScript, RouterSetupInOrder) {
  auto p = testing::smallInternet();
  std::string s = startScript(p, *p.findNode("as150/router0"), realSubnets(p));
  EXPECT_EQ(s.rfind("#!/bin/bash\n", 0), 0u);
  std::vector<std::string> steps = {"claim_interface 10.150.0.0/24 net0 10.150.0.254/24\n",
                                    "claim_interface 10.100.0.0/24 ix100 10.100.0.150/24\n",
                                    "finish_interfaces\n",
                                    "setup_loopback 10.0.0.2/32\n",
                                    "set_sysctl net.ipv4.ip_forward 1\n",
                                    "set_sysctl net.ipv4.conf.all.rp_filter 0\n",
                                    "clear_default_routes\n",
                                    "start_bird\n",
                                    "sleep infinity &\n"};
  size_t at = 0;
  for (const auto& step : steps) {
    size_t found = s.find(step, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << step;
    at = found + step.size();
  }
}

// The plan reader refuses such names; the script does not rely on it: a name in a comment stays
// in the comment.
TEST(StartScript, NamesInCommentsCannotStartALine) {
  auto p = testing::smallInternet();
  p.name = "demo\ntouch /tmp/pwned\r";
  std::string s = startScript(p, *p.findNode("as150/host_0"), realSubnets(p));
  EXPECT_EQ(s.find("\ntouch"), std::string::npos) << s;
  EXPECT_EQ(s.find('\r'), std::string::npos);
  EXPECT_NE(s.find("from the plan \"demo\\x0atouch /tmp/pwned\\x0d\""), std::string::npos) << s;
}

TEST(StartScript, HostGetsDefaultRouteAndNoBird) {
  auto p = testing::smallInternet();
  std::string s = startScript(p, *p.findNode("as150/host_0"), realSubnets(p));
  EXPECT_NE(s.find("\nadd_route default 10.150.0.254\n"), std::string::npos);
  EXPECT_EQ(s.find("start_bird"), std::string::npos);
  EXPECT_EQ(s.find("setup_loopback"), std::string::npos);
}

TEST(StartScript, LinkPropertiesBecomeNetem) {
  auto p = testing::smallInternet();
  std::string s = startScript(p, *p.findNode("as151/host_0"), realSubnets(p));
  EXPECT_NE(s.find("\nshape_link net0 delay 5ms loss 0.5%\n"), std::string::npos);
  std::string other = startScript(p, *p.findNode("as150/host_0"), realSubnets(p));
  EXPECT_EQ(other.find("shape_link"), std::string::npos);
}

// Every script of every output mode passes `bash -n` and shellcheck.
class ScriptCheckers : public ::testing::TestWithParam<int> {};

DockerOptions modeOptions(int mode) {
  DockerOptions o;
  o.self_managed_network = mode >= 1;
  o.distributed = mode == 2;
  return o;
}

TEST_P(ScriptCheckers, BashAndShellcheckAcceptEveryScript) {
  ASSERT_TRUE(testing::haveProgram("shellcheck")) << "shellcheck is not installed";
  auto p = testing::sharedPrefixInternet();
  auto o = modeOptions(GetParam());
  if (!o.self_managed_network) p = testing::smallInternet();
  auto out = compileDocker(p, o);
  testing::TempDir dir;
  writeOutput(out, dir.path(), false);
  int scripts = 0;
  std::string all;
  for (const auto& f : out.files) {
    if (f.path.size() < 9 || f.path.substr(f.path.size() - 9) != "/start.sh") continue;
    ++scripts;
    std::string path = dir.path() + "/" + f.path;
    auto syntax = testing::run("bash -n '" + path + "'");
    EXPECT_EQ(syntax.exit_code, 0) << f.path << "\n" << syntax.output;
    all += " '" + path + "'";
  }
  EXPECT_EQ(scripts, int(p.nodes.size()));
  auto lint = testing::run("shellcheck --severity=style" + all);
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
}

INSTANTIATE_TEST_SUITE_P(Modes, ScriptCheckers, ::testing::Values(0, 1, 2), [](const auto& info) {
  return std::string(info.param == 0 ? "Compose" : info.param == 1 ? "SelfManaged" : "Swarm");
});

}  // namespace
}  // namespace asemu::compile
