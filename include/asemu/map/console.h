// A shell in a node on a pseudo-terminal, for the map's browser console, and the messages the
// page sends it.
#pragma once

#include <sys/types.h>

#include <string>

#include "asemu/map/emulation.h"

namespace asemu::map {

// The largest WebSocket message either stream of the map takes; longer ones get an error.
inline constexpr size_t kMaxMessageBytes = 64 * 1024;

// What a console message asks for: {"type":"input","data":TEXT} or
// {"type":"resize","cols":1..999,"rows":1..999}. Other fields are ignored. Anything else is
// Invalid, with a one-line reason for the page.
struct ConsoleMessage {
  enum Kind { Input, Resize, Invalid } kind = Invalid;
  std::string data;
  unsigned short cols = 0, rows = 0;
  std::string error;
};
ConsoleMessage parseConsoleMessage(const std::string& text);

// The JSON text the map's streams answer a bad message with: {"type":"error","error":WHY}.
std::string errorMessage(const std::string& why);

class Console {
 public:
  // Starts a shell inside `node` on a new pty. Everything the child needs is prepared before
  // the fork, so the child of this multi-threaded server only makes system calls. Throws
  // asemu::Error when the node cannot run a shell (not running) or no pty can be made.
  Console(Emulation& emulation, const plan::Node& node);
  ~Console();  // hangs up and reaps the shell
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  int fd() const { return fd_; }  // the pty's master side: read output, write input
  void resize(unsigned short cols, unsigned short rows);

 private:
  int fd_ = -1;
  pid_t pid_ = -1;
};

}  // namespace asemu::map
