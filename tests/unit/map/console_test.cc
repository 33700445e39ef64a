#include "asemu/map/console.h"

#include <poll.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <chrono>

#include <nlohmann/json.hpp>

#include "asemu/core/error.h"
#include "fake_emulation.h"

namespace asemu::map {
namespace {

std::string errorOf(const std::string& text) {
  ConsoleMessage m = parseConsoleMessage(text);
  EXPECT_EQ(m.kind, ConsoleMessage::Invalid) << text.substr(0, 80);
  return m.error;
}

TEST(ConsoleMessages, InputAndResize) {
  ConsoleMessage m = parseConsoleMessage(R"({"type":"input","data":"ls\r"})");
  EXPECT_EQ(m.kind, ConsoleMessage::Input);
  EXPECT_EQ(m.data, "ls\r");
  m = parseConsoleMessage(R"({"type":"resize","cols":120,"rows":40})");
  EXPECT_EQ(m.kind, ConsoleMessage::Resize);
  EXPECT_EQ(m.cols, 120);
  EXPECT_EQ(m.rows, 40);
  // Fields the console does not know are ignored, whatever their type.
  m = parseConsoleMessage(R"({"type":"input","data":"x","extra":[1,{"a":null}],"n":1e308})");
  EXPECT_EQ(m.kind, ConsoleMessage::Input);
}

TEST(ConsoleMessages, WrongJsonIsAnErrorNotAnException) {
  EXPECT_EQ(errorOf(""), "a console message is a JSON object with a \"type\"");
  EXPECT_EQ(errorOf("not json"), "a console message is a JSON object with a \"type\"");
  EXPECT_EQ(errorOf("{\"type\":"), "a console message is a JSON object with a \"type\"");
  EXPECT_EQ(errorOf("[1,2]"), "a console message is a JSON object with a \"type\"");
  EXPECT_EQ(errorOf("{\"type\":\"input\",\"n\":1e400}"),
            "a console message is a JSON object with a \"type\"");
  EXPECT_EQ(errorOf("\"input\""), "a console message is a JSON object with a \"type\"");
  EXPECT_EQ(errorOf(std::string("{\"type\":\"input\",\"data\":\"\xff\xfe\"}")),
            "a console message is a JSON object with a \"type\"");
}

TEST(ConsoleMessages, WrongTypesAreErrors) {
  EXPECT_EQ(errorOf(R"({"type":5})"), "a console message needs \"type\": \"input\" or \"resize\"");
  EXPECT_EQ(errorOf(R"({"type":null})"),
            "a console message needs \"type\": \"input\" or \"resize\"");
  EXPECT_EQ(errorOf(R"({"data":"x"})"),
            "a console message needs \"type\": \"input\" or \"resize\"");
  EXPECT_EQ(errorOf(R"({"type":"reboot"})"), "unknown console message type (known: input, resize)");
  EXPECT_EQ(errorOf(R"({"type":"input","data":5})"), "an input message needs \"data\", a string");
  EXPECT_EQ(errorOf(R"({"type":"input"})"), "an input message needs \"data\", a string");
  const std::string resize =
      "a resize message needs \"cols\" and \"rows\", whole numbers from 1 to 999";
  for (const char* bad :
       {R"({"type":"resize","cols":"80","rows":24})", R"({"type":"resize","cols":80})",
        R"({"type":"resize","cols":80.5,"rows":24})", R"({"type":"resize","cols":0,"rows":24})",
        R"({"type":"resize","cols":80,"rows":1000})", R"({"type":"resize","cols":-1,"rows":24})",
        R"({"type":"resize","cols":80,"rows":true})",
        R"({"type":"resize","cols":99999999999999999999,"rows":24})"})
    EXPECT_EQ(errorOf(bad), resize) << bad;
}

TEST(ConsoleMessages, HugeMessagesAreRefused) {
  std::string huge = R"({"type":"input","data":")" + std::string(kMaxMessageBytes, 'a') + "\"}";
  EXPECT_EQ(errorOf(huge), "message too large (over 65536 bytes)");
  EXPECT_EQ(errorOf(std::string(kMaxMessageBytes + 1, '[')),
            "message too large (over 65536 bytes)");
  EXPECT_EQ(parseConsoleMessage(std::string(kMaxMessageBytes, '[')).error,
            "a console message is a JSON object with a \"type\"");
}

TEST(ConsoleMessages, ErrorRepliesAreJsonEvenForBadBytes) {
  EXPECT_EQ(errorMessage("bad"), R"({"error":"bad","type":"error"})");
  nlohmann::json j = nlohmann::json::parse(errorMessage("x\xff"));
  EXPECT_EQ(j["type"], "error");
}

// Reads the pty until `want` shows up or two seconds pass.
std::string readUntil(int fd, const std::string& want) {
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (out.find(want) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[512];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, size_t(n));
  }
  return out;
}

TEST(Console, RunsThePreparedShellOnAPtyWithTheTerminalsEnvironment) {
  FakeEmulation emu;
  emu.shellScript = "echo \"term=$TERM ps1=$PS1 tty=$(test -t 0 && echo yes)\"; sleep 5";
  const plan::Node& node = emu.plan().nodes.front();
  Console console(emu, node);
  std::string out = readUntil(console.fd(), "tty=yes");
  EXPECT_NE(out.find("term=xterm-256color ps1=root@" + node.id + ":\\w#  tty=yes"),
            std::string::npos)
      << out;
  EXPECT_EQ(emu.prepared, (std::vector<std::string>{node.id + " /bin/bash"}));
}

TEST(Console, ANodeThatCannotRunAShellFailsBeforeAnyFork) {
  auto emu = planOnly(testing::smallPlan());
  try {
    Console console(*emu, emu->plan().nodes.front());
    FAIL() << "a console opened on an emulation that does not run";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "small: is not running (the map shows its plan only; start it with 'asemu up')");
  }
}

}  // namespace
}  // namespace asemu::map
