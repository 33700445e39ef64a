// A BirdControl that answers `show protocols` from a table the test sets, per node, and records
// every other command; and a clock that only moves when the runtime sleeps.
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "asemu/core/error.h"
#include "asemu/runtime/bird_control.h"
#include "asemu/runtime/wait.h"

namespace asemu::runtime::testing {

class FakeBird : public BirdControl {
 public:
  // node id -> session name -> BIRD's Info column ("Established", "Connect", "" for down).
  std::map<std::string, std::map<std::string, std::string>> sessions;
  std::vector<std::string> commands;  // "node: command", except `show protocols`
  // Replies to commands other than `show protocols` (raw, codes included); default "0000 ".
  std::map<std::string, std::string> replies;
  // Nodes whose BIRD runs but does not answer in time (a busy daemon).
  std::set<std::string> late;

  BirdReply command(const std::string& socketPath, const std::string& command,
                    const std::string& node) override {
    if (late.count(node)) throw BirdLate(node, "BIRD did not answer '" + command + "' in time");
    auto it = sessions.find(node);
    if (it == sessions.end()) throw Error(node, "cannot reach BIRD at " + socketPath);
    if (command != "show protocols") {
      commands.push_back(node + ": " + command);
      auto reply = replies.find(command);
      return parseBirdReply(reply == replies.end() ? "0000 \n" : reply->second);
    }
    std::string raw = "2002-Name       Proto      Table      State  Since         Info\n";
    for (const auto& [name, info] : it->second)
      raw += " " + name + "  BGP  ---  " +
             (info.empty()            ? "down"
              : info == "Established" ? "up"
                                      : "start") +
             "  16:01:02.123  " + info + "\n";
    raw += "0000 \n";
    return parseBirdReply(raw);
  }
};

// Time as the runtime sees it: starts at zero and advances by each sleep; `on_sleep` lets a test
// change the world after so many milliseconds.
struct FakeTime {
  std::chrono::steady_clock::time_point now{};
  std::function<void(std::chrono::milliseconds elapsed)> on_sleep;

  WaitClock clock() {
    WaitClock c;
    c.now = [this] { return now; };
    c.sleep = [this](std::chrono::milliseconds d) {
      now += d;
      if (on_sleep)
        on_sleep(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()));
    };
    return c;
  }
};

}  // namespace asemu::runtime::testing
