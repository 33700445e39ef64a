// The native runtime: running a Plan on this machine with network namespaces and BIRD.
//
// Runtime is what the `up`, `down`, `status`, `exec` and `bgp` verbs (and the map) call. It
// owns the order of things: check everything that can be checked, record what will be created,
// create it in a few large batches, start the daemons, and wait for BGP; and in reverse, remove
// exactly what the record lists. All OS work goes through a Kernel, so the same code runs
// against the fake in unit tests.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "asemu/plan/plan.h"
#include "asemu/runtime/bird_control.h"
#include "asemu/runtime/kernel.h"
#include "asemu/runtime/state.h"
#include "asemu/runtime/wait.h"

namespace asemu::runtime {

using Progress = std::function<void(const std::string& line)>;

struct UpOptions {
  std::string name;  // empty: the plan's name
  bool wait = true;  // return once every BGP session that can come up is Established
  std::chrono::milliseconds timeout{60000};
  Progress progress;
};

// A BGP session as the node's BIRD reports it.
struct SessionState {
  std::string node;      // plan node id
  std::string name;      // "u_as3"
  std::string state;     // BIRD's protocol state: "up", "down", "start"
  std::string info;      // "Established", "Connect", "Disabled", ...
  std::string neighbor;  // "10.100.0.3 AS3", from the plan
  bool established() const { return info.rfind("Established", 0) == 0; }
};

struct NodeStatus {
  std::string id;
  std::string container;  // SEED's container name
  std::string role;
  bool has_bird = false;
  bool bird_running = false;
  bool bird_busy = false;  // running, did not answer in time; sessions unknown
  int sessions = 0;
  int established = 0;
};

struct EmulationStatus {
  std::string name;
  std::string phase;
  double uptime_seconds = 0;
  int nodes = 0;
  int daemons = 0;
  int daemons_running = 0;
  int daemons_busy = 0;  // running, but did not answer in time: their sessions are not counted
  int sessions = 0;
  int established = 0;
  std::vector<NodeStatus> node_list;
  std::vector<std::string> problems;  // "as151/router0: BIRD is not running"
};

class Runtime {
 public:
  explicit Runtime(Kernel& kernel, std::filesystem::path root = kDefaultStateRoot,
                   BirdControl& bird = socketBirdControl(), WaitClock clock = {});

  // Starts `plan`; returns the emulation's name. Every check that can fail is done before the
  // first object is created; a failure later removes what was created and rethrows.
  std::string up(const plan::Plan& plan, const UpOptions& options);
  // Removes every namespace, process and file of the emulation, as its record lists them: ends
  // its processes (the daemons it started by SIGKILL, others SIGTERM first) and returns once they
  // have exited; a process that cannot be ended is named in the Error and everything is left in
  // place for another try. Refuses a state directory that holds no record of asemu's.
  void down(const std::string& name, const Progress& progress = {});

  std::vector<std::string> emulations() const;
  // `name` if given (and running), else the only running emulation.
  std::string resolveEmulation(const std::optional<std::string>& name) const;
  StateDir state(const std::string& name) const;  // Error when not running
  plan::Plan plan(const std::string& name) const;

  // What runs and how many sessions are up; a daemon that does not answer within `wait` is
  // counted busy, not dead.
  EmulationStatus status(const std::string& name,
                         std::chrono::milliseconds wait = kStatusWait) const;
  static constexpr std::chrono::milliseconds kStatusWait{5000};

  // BGP sessions of one node (plan order), as its BIRD reports them.
  std::vector<SessionState> sessions(const std::string& name, const plan::Node& node) const;
  // What one daemon said of its sessions when all were asked at once.
  struct DaemonSessions {
    std::vector<SessionState> sessions;
    std::string error;  // why it did not answer; "" when it did
    bool late = false;  // it runs but did not answer within the wait
  };
  // The sessions of every node of `plan` that runs BIRD (by node index; others stay empty).
  // Every daemon is asked at once and has the whole of `wait` to answer, so that a thousand busy
  // daemons cost one wait, not one each.
  std::vector<DaemonSessions> sessionsOfAll(const std::string& name, const plan::Plan& plan,
                                            std::chrono::milliseconds wait) const;
  BirdReply birdCommand(const std::string& name, const plan::Node& node,
                        const std::string& command) const;
  // `birdc enable|disable SESSION` on the node's BIRD. Throws asemu::Error for a session the
  // plan does not give the node (listing the known ones) and for an error reply from BIRD.
  // Returns BIRD's answer ("u_as3: disabled"). `asemu bgp` and the map both switch through here.
  std::string setSessionEnabled(const std::string& name, const plan::Node& node,
                                const std::string& session, bool enabled) const;
  // The prefixes the router announces now (runtime/announcements.h).
  std::vector<Ipv4Prefix> announced(const std::string& name, const plan::Node& node) const;
  // Starts (`announce`) or stops originating `prefix` on the running router, keeping its
  // sessions up; returns "as2/router0: announces 10.153.0.0/25". Throws asemu::Error for a
  // node without BIRD or BGP, a malformed prefix or one with host bits set, a prefix already
  // announced or, to withdraw, not announced, and when BIRD refuses the configuration (with
  // BIRD's message; the announcements are then left as they were).
  std::string setAnnounced(const std::string& name, const plan::Node& node,
                           const std::string& prefix, bool announce) const;
  // Waits until every session whose neighbor is part of the emulation is Established.
  WaitResult waitForBgp(const std::string& name, std::chrono::milliseconds timeout,
                        const Progress& progress = {}) const;

  NodeView view(const std::string& name, const plan::Node& node) const;
  // How `up` starts the node's BIRD (to start it again the same way).
  DaemonSpec birdDaemon(const std::string& name, const plan::Node& node) const;
  Kernel& kernel() const { return kernel_; }
  void setStopTimes(const StopTimes& times) { stop_times_ = times; }

 private:
  void checkLinks(const plan::Plan& plan);
  static void removeStateFiles(const StateDir& st, const std::vector<std::string>& namespaces);

  Kernel& kernel_;
  BirdControl& bird_;
  WaitClock clock_;
  StopTimes stop_times_;
  std::filesystem::path root_;
};

}  // namespace asemu::runtime
