#include "asemu/map/console.h"

#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "asemu/core/error.h"

extern char** environ;

namespace asemu::map {

namespace {

ConsoleMessage invalid(const std::string& why) {
  ConsoleMessage m;
  m.error = why;
  return m;
}

// The server's environment with the terminal's own settings in place of any it had.
std::vector<std::string> shellEnvironment(const plan::Node& node) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    if (entry.rfind("TERM=", 0) != 0 && entry.rfind("PS1=", 0) != 0) env.push_back(entry);
  }
  env.push_back("TERM=xterm-256color");
  env.push_back("PS1=root@" + node.id + ":\\w# ");
  return env;
}

}  // namespace

ConsoleMessage parseConsoleMessage(const std::string& text) {
  if (text.size() > kMaxMessageBytes)
    return invalid("message too large (over " + std::to_string(kMaxMessageBytes) + " bytes)");
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return invalid("a console message is a JSON object with a \"type\"");
  auto type = j.find("type");
  if (type == j.end() || !type->is_string())
    return invalid("a console message needs \"type\": \"input\" or \"resize\"");
  if (*type == "input") {
    auto data = j.find("data");
    if (data == j.end() || !data->is_string())
      return invalid("an input message needs \"data\", a string");
    ConsoleMessage m;
    m.kind = ConsoleMessage::Input;
    m.data = data->get<std::string>();
    return m;
  }
  if (*type == "resize") {
    auto size = [&j](const char* name) {
      auto it = j.find(name);
      return it != j.end() && it->is_number_integer() && it->get<int64_t>() > 0 &&
                     it->get<int64_t>() < 1000
                 ? int(it->get<int64_t>())
                 : 0;
    };
    int cols = size("cols"), rows = size("rows");
    if (!cols || !rows)
      return invalid("a resize message needs \"cols\" and \"rows\", whole numbers from 1 to 999");
    ConsoleMessage m;
    m.kind = ConsoleMessage::Resize;
    m.cols = (unsigned short)cols;
    m.rows = (unsigned short)rows;
    return m;
  }
  return invalid("unknown console message type (known: input, resize)");
}

std::string errorMessage(const std::string& why) {
  return nlohmann::json{{"type", "error"}, {"error", why}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Console::Console(Emulation& emulation, const plan::Node& node) {
  auto shell =
      emulation.prepareExec(node, {"/bin/bash", "--norc", "-i"}, shellEnvironment(node), {"/root"});
  winsize ws{};
  ws.ws_col = 100;
  ws.ws_row = 30;
  int master = -1, slave = -1;
  if (openpty(&master, &slave, nullptr, nullptr, &ws) != 0)
    throw Error(node.id, std::string("cannot open a terminal: ") + std::strerror(errno));
  fcntl(master, F_SETFD, FD_CLOEXEC);
  pid_t pid = fork();
  if (pid == 0) {
    // Only system calls from here on: the server has other threads, whose locks (malloc's
    // too) may be held forever in this copy.
    setsid();
    ioctl(slave, TIOCSCTTY, 0);
    dup2(slave, 0);
    dup2(slave, 1);
    dup2(slave, 2);
    signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    shell->run();
  }
  int err = errno;
  ::close(slave);
  if (pid < 0) {
    ::close(master);
    throw Error(node.id, std::string("cannot start a shell: ") + std::strerror(err));
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
