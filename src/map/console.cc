#include "asemu/map/console.h"

#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "asemu/core/error.h"

namespace asemu::map {

Console::Console(Emulation& emulation, const plan::Node& node) {
  winsize ws{};
  ws.ws_col = 100;
  ws.ws_row = 30;
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, &ws);
  if (pid < 0) throw Error(node.id, std::string("cannot open a terminal: ") + std::strerror(errno));
  if (pid == 0) {
    // The child has one thread, as entering a node's view requires.
    setenv("TERM", "xterm-256color", 1);
    // Start where a shell in a container would, not in the server's directory.
    if (chdir("/root") != 0 && chdir("/") != 0) _exit(127);
    setenv("PS1", ("root@" + node.id + ":\\w# ").c_str(), 1);
    try {
      emulation.execIn(node, {"/bin/bash", "--norc", "-i"});
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
    }
    _exit(127);
  }
  fd_ = master;
  pid_ = pid;
}

Console::~Console() {
  if (fd_ >= 0) ::close(fd_);
  if (pid_ > 0) {
    kill(pid_, SIGHUP);
    int status = 0;
    // The shell ends on hangup; give it a moment, then insist.
    for (int i = 0; i < 20; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) return;
      usleep(10000);
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
}

void Console::resize(unsigned short cols, unsigned short rows) {
  winsize ws{};
  ws.ws_col = cols;
  ws.ws_row = rows;
  ioctl(fd_, TIOCSWINSZ, &ws);
}

}  // namespace asemu::map
