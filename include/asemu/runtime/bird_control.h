// Talking to a running BIRD through its control socket, the way birdc does, without spawning
// birdc: the runtime polls dozens of daemons several times a second while an emulation starts.
//
// The protocol is line based: every reply line starts with a four-digit code followed by '-'
// (more lines follow) or ' ' (last line); lines starting with a space continue the previous
// code. Codes 8000 and above are errors.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "asemu/core/error.h"

namespace asemu::runtime {

struct BirdReply {
  int code = 0;                    // the code of the last line
  std::vector<std::string> lines;  // text of every line, codes stripped
  bool error() const { return code >= 8000; }
  std::string text() const;  // lines joined by '\n'
};

// Parses one complete reply; `complete` is set when the last line has been seen.
BirdReply parseBirdReply(const std::string& raw, bool* complete = nullptr);

// One row of `show protocols`.
struct Protocol {
  std::string name;   // "u_as3"
  std::string proto;  // "BGP"
  std::string table;
  std::string state;  // "up", "down", "start"
  std::string since;
  std::string info;  // "Established", "Connect", "Passive", ...
  bool established() const { return proto == "BGP" && info.rfind("Established", 0) == 0; }
  // A disabled protocol is "down" with no info; failing sessions stay in "start".
  bool disabled() const { return state == "down"; }
};

std::vector<Protocol> parseProtocols(const BirdReply& reply);

// The error of a daemon whose control socket accepted the connection but that did not answer in
// time: it runs (a listening socket of a dead process refuses connections) and is busy, as a
// thousand converging daemons on two cores are.
class BirdLate : public Error {
 public:
  using Error::Error;
};

// Sends one command to the BIRD listening on `socketPath` and returns its reply (birdCommandAll
// for one daemon). Throws asemu::Error(object, ...) when the socket cannot be reached, BirdLate
// when it is reached but the reply is not complete after `timeoutMs`.
BirdReply birdCommand(const std::string& socketPath, const std::string& command,
                      const std::string& object, int timeoutMs = 3000);

// Where one daemon of many is asked.
struct BirdAddress {
  std::string socket_path;
  std::string object;  // names it in errors: the node id
};

// One daemon's answer to a command sent to many.
struct BirdAnswer {
  enum class Outcome { Answered, Late, Unreachable };
  Outcome outcome = Outcome::Unreachable;
  BirdReply reply;    // when Answered
  std::string error;  // why not, when Late or Unreachable (without the object)
};

// Sends `command` to every daemon at once, one connection each served by a single poll loop, and
// returns their answers in the order of `daemons` after `wait` at the latest: each daemon has the
// whole of `wait` to answer, however many there are. Raises the open-file limit as needed; beyond
// what the hard limit allows, the daemons are asked in turns that share the wait.
std::vector<BirdAnswer> birdCommandAll(const std::vector<BirdAddress>& daemons,
                                       const std::string& command, std::chrono::milliseconds wait);

// How the runtime reaches the BIRDs of an emulation: through their control sockets
// (birdCommand), or in unit tests through a fake that answers as scripted.
class BirdControl {
 public:
  virtual ~BirdControl() = default;
  // As birdCommand: `object` names the node in errors.
  virtual BirdReply command(const std::string& socketPath, const std::string& command,
                            const std::string& object) = 0;
  // As birdCommandAll. This default asks one daemon after the other through `command` (a
  // BirdLate from it is Late, any other Error Unreachable); the socket control asks all at once.
  virtual std::vector<BirdAnswer> commandAll(const std::vector<BirdAddress>& daemons,
                                             const std::string& command,
                                             std::chrono::milliseconds wait);
};

// The control-socket BirdControl (one shared instance; it holds no state).
BirdControl& socketBirdControl();

}  // namespace asemu::runtime
