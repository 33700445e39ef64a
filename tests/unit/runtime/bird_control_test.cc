#include "asemu/runtime/bird_control.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include "asemu/core/error.h"
#include "asemu/core/files.h"

namespace asemu::runtime {
namespace {

const char* kShowProtocols =
    "2002-Name       Proto      Table      State  Since         Info\n"
    "1002-device1    Device     ---        up     16:01:02.123  \n"
    " kernel1    Kernel     master4    up     16:01:02.123  \n"
    " u_as3      BGP        ---        up     16:01:03.456  Established   \n"
    " u_as4      BGP        ---        start  16:01:02.123  Connect       Socket: Connection "
    "refused\n"
    " p_rs100    BGP        ---        down   2026-11-25 16:01:09  \n"
    "0000 \n";

TEST(BirdReply, ParsesCodesAndContinuations) {
  bool complete = false;
  BirdReply r = parseBirdReply(kShowProtocols, &complete);
  EXPECT_TRUE(complete);
  EXPECT_EQ(r.code, 0);
  EXPECT_FALSE(r.error());
  EXPECT_EQ(r.lines.size(), 6u);
}

TEST(BirdReply, IncompleteUntilTheLastLine) {
  bool complete = true;
  parseBirdReply("2002-Name  Proto\n1002-device1 Device\n", &complete);
  EXPECT_FALSE(complete);
}

TEST(BirdReply, ErrorCodes) {
  BirdReply r = parseBirdReply("8003 No protocols match\n");
  EXPECT_TRUE(r.error());
  EXPECT_EQ(r.text(), "No protocols match");
}

TEST(BirdReply, Protocols) {
  auto ps = parseProtocols(parseBirdReply(kShowProtocols));
  ASSERT_EQ(ps.size(), 5u);
  EXPECT_EQ(ps[2].name, "u_as3");
  EXPECT_TRUE(ps[2].established());
  EXPECT_EQ(ps[3].state, "start");
  EXPECT_EQ(ps[3].info, "Connect Socket: Connection refused");
  EXPECT_FALSE(ps[3].established());
  EXPECT_EQ(ps[4].since, "2026-11-25 16:01:09");
  EXPECT_EQ(ps[4].info, "");
  EXPECT_TRUE(ps[4].disabled());
  EXPECT_FALSE(ps[0].established());  // not BGP
}

TEST(BirdCommand, UnreachableSocketNamesTheNode) {
  try {
    birdCommand("/nonexistent/bird.ctl", "show protocols", "as2/r100");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "as2/r100: cannot reach BIRD at /nonexistent/bird.ctl: No such file or directory");
  }
}

// A control socket in a directory of its own, listening as BIRD's does. An answering one serves
// one conversation from a thread (greeting, one command, `reply`); a silent one is never served,
// so a client connects (the kernel queues the connection) and then waits, as with a busy daemon.
class ControlSocket {
 public:
  ControlSocket(const std::filesystem::path& path, bool answers, std::string reply = kShowProtocols)
      : path_(path) {
    std::filesystem::create_directories(path.parent_path());
    listener_ = Fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    // Bound through its directory, so that a path too long for a socket address works too.
    Fd dir(open(path.parent_path().c_str(), O_PATH | O_CLOEXEC));
    std::string name =
        "/proc/self/fd/" + std::to_string(dir.get()) + "/" + path.filename().string();
    std::memcpy(addr.sun_path, name.c_str(), name.size() + 1);
    EXPECT_EQ(bind(listener_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(listen(listener_.get(), 8), 0);
    if (answers)
      server_ = std::thread([this, reply] {
        Fd c(accept(listener_.get(), nullptr, nullptr));
        if (c.get() < 0) return;
        std::string greeting = "0001 BIRD 2.0.12 ready.\n";
        if (write(c.get(), greeting.data(), greeting.size()) < 0) return;
        std::string got;
        char ch;
        while (got.find('\n') == std::string::npos && read(c.get(), &ch, 1) == 1) got += ch;
        command_ = got;
        if (write(c.get(), reply.data(), reply.size()) < 0) return;
      });
  }
  ~ControlSocket() {
    if (server_.joinable()) {
      shutdown(listener_.get(), SHUT_RDWR);  // ends an accept that no client came for
      server_.join();
    }
    std::filesystem::remove(path_);
  }
  // What the client sent, once the conversation is over.
  std::string served() {
    if (server_.joinable()) server_.join();
    return command_;
  }

 private:
  std::filesystem::path path_;
  Fd listener_;
  std::thread server_;
  std::string command_;
};

class BirdCommandAllTest : public ::testing::Test {
 protected:
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("asemu-ctl-" + std::to_string(getpid()));
  void TearDown() override { std::filesystem::remove_all(dir); }
};

TEST_F(BirdCommandAllTest, EachDaemonAnswersLateOrIsUnreachableInItsOwnPlace) {
  std::string deep = std::string(120, 'd');  // the path exceeds a socket address
  ControlSocket answering(dir / "a" / "bird.ctl", true);
  ControlSocket silent(dir / "s" / "bird.ctl", false);
  ControlSocket far(dir / deep / "bird.ctl", true, "8003 No protocols match\n");
  std::vector<BirdAddress> daemons = {{(dir / "a/bird.ctl").string(), "as2/r0"},
                                      {(dir / "s/bird.ctl").string(), "as3/r0"},
                                      {(dir / "missing/bird.ctl").string(), "as4/r0"},
                                      {(dir / deep / "bird.ctl").string(), "as5/r0"}};
  // The silent daemon takes the whole wait; the answering ones have it all to answer in.
  auto answers = birdCommandAll(daemons, "show protocols", std::chrono::seconds(2));
  ASSERT_EQ(answers.size(), 4u);
  EXPECT_EQ(answers[0].outcome, BirdAnswer::Outcome::Answered);
  EXPECT_EQ(parseProtocols(answers[0].reply).size(), 5u);
  EXPECT_EQ(answering.served(), "show protocols\n");
  EXPECT_EQ(answers[1].outcome, BirdAnswer::Outcome::Late);
  EXPECT_EQ(answers[1].error, "BIRD did not answer 'show protocols' in time");
  EXPECT_EQ(answers[2].outcome, BirdAnswer::Outcome::Unreachable);
  EXPECT_EQ(answers[2].error, "cannot reach BIRD at " + (dir / "missing/bird.ctl").string() +
                                  ": No such file or directory");
  EXPECT_EQ(answers[3].outcome, BirdAnswer::Outcome::Answered);
  EXPECT_TRUE(answers[3].reply.error());
}

TEST_F(BirdCommandAllTest, ASocketWithoutItsDaemonIsUnreachable) {
  std::filesystem::path path = dir / "g" / "bird.ctl";
  { ControlSocket gone(path, false); }  // closed; recreate the file as a socket nobody holds
  {
    Fd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.string().size() + 1);
    ASSERT_EQ(bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  }
  auto answers =
      birdCommandAll({{path.string(), "as2/r0"}}, "show protocols", std::chrono::milliseconds(400));
  EXPECT_EQ(answers[0].outcome, BirdAnswer::Outcome::Unreachable);
  EXPECT_EQ(answers[0].error, "cannot reach BIRD at " + path.string() + ": Connection refused");
}

TEST_F(BirdCommandAllTest, ManyBusyDaemonsCostOneWaitNotOneEach) {
  std::vector<std::unique_ptr<ControlSocket>> busy;
  std::vector<BirdAddress> daemons;
  for (int i = 0; i < 40; ++i) {
    auto path = dir / std::to_string(i) / "bird.ctl";
    busy.push_back(std::make_unique<ControlSocket>(path, false));
    daemons.push_back({path.string(), "as" + std::to_string(i)});
  }
  auto started = std::chrono::steady_clock::now();
  auto answers = birdCommandAll(daemons, "show protocols", std::chrono::milliseconds(300));
  auto took = std::chrono::steady_clock::now() - started;
  for (const auto& a : answers) EXPECT_EQ(a.outcome, BirdAnswer::Outcome::Late);
  // Asked one after the other they would take 40 waits (12 s); the bound leaves room for a
  // loaded machine.
  EXPECT_GE(took, std::chrono::milliseconds(300));
  EXPECT_LT(took, std::chrono::seconds(6));
}

TEST(BirdCommand, ADaemonThatDoesNotAnswerInTimeIsLate) {
  auto dir = std::filesystem::temp_directory_path() / ("asemu-late-" + std::to_string(getpid()));
  {
    ControlSocket silent(dir / "bird.ctl", false);
    EXPECT_THROW(birdCommand((dir / "bird.ctl").string(), "show protocols", "as2/r0", 200),
                 BirdLate);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace asemu::runtime
