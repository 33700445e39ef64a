// A shell in a node on a pseudo-terminal, for the map's browser console.
#pragma once

#include <sys/types.h>

#include <string>

#include "asemu/map/emulation.h"

namespace asemu::map {

class Console {
 public:
  // Forks a shell inside `node` on a new pty. Throws asemu::Error when the pty cannot be made.
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
