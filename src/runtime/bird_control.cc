#include "asemu/runtime/bird_control.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <sstream>

#include "asemu/core/error.h"
#include "asemu/core/files.h"

namespace asemu::runtime {

std::string BirdReply::text() const {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  return out;
}

namespace {

bool isCode(const std::string& line) {
  if (line.size() < 5) return false;
  for (int i = 0; i < 4; ++i)
    if (line[i] < '0' || line[i] > '9') return false;
  return line[4] == ' ' || line[4] == '-';
}

}  // namespace

BirdReply parseBirdReply(const std::string& raw, bool* complete) {
  BirdReply reply;
  if (complete) *complete = false;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t end = raw.find('\n', pos);
    if (end == std::string::npos) break;  // an unfinished line
    std::string line = raw.substr(pos, end - pos);
    pos = end + 1;
    if (isCode(line)) {
      reply.code = std::stoi(line.substr(0, 4));
      std::string text = line.substr(5);
      // "0000 " closes a successful reply without text of its own.
      if (!(reply.code == 0 && text.empty())) reply.lines.push_back(text);
      if (line[4] == ' ') {
        if (complete) *complete = true;
        break;
      }
    } else if (!line.empty() && line[0] == ' ') {
      reply.lines.push_back(line.substr(1));
    } else {
      reply.lines.push_back(line);
    }
  }
  return reply;
}

std::vector<Protocol> parseProtocols(const BirdReply& reply) {
  std::vector<Protocol> out;
  for (const auto& line : reply.lines) {
    std::istringstream in(line);
    Protocol p;
    if (!(in >> p.name >> p.proto >> p.table >> p.state)) continue;
    if (p.name == "Name" && p.proto == "Proto") continue;  // the header
    // "since" is a time ("16:01:02.123") or a date and a time; the rest is the info column.
    std::string word;
    std::vector<std::string> rest;
    while (in >> word) rest.push_back(word);
    size_t i = 0;
    if (i < rest.size()) p.since = rest[i++];
    if (i < rest.size() && rest[i].find(':') != std::string::npos &&
        p.since.find('-') != std::string::npos)
      p.since += " " + rest[i++];
    for (; i < rest.size(); ++i) p.info += (p.info.empty() ? "" : " ") + rest[i];
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

// A connected, non-blocking stream socket to the control socket at `socketPath`, or none with
// `error` set. A path longer than a socket address holds (108 bytes) is reached through its
// directory.
Fd connectControl(const std::string& socketPath, int& error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string path = socketPath;
  Fd dir;
  if (path.size() >= sizeof(addr.sun_path)) {
    size_t slash = path.rfind('/');
    dir = Fd(open(path.substr(0, slash).c_str(), O_PATH | O_CLOEXEC));
    if (dir.get() < 0) {
      error = errno;
      return Fd();
    }
    path = "/proc/self/fd/" + std::to_string(dir.get()) + path.substr(slash);
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  Fd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (fd.get() < 0 || connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    error = errno;
    return Fd();
  }
  return fd;
}

std::string unreachable(const std::string& socketPath, int error) {
  return "cannot reach BIRD at " + socketPath + ": " + std::strerror(error);
}

std::string late(const std::string& command) {
  return "BIRD did not answer '" + command + "' in time";
}

}  // namespace

std::vector<BirdAnswer> birdCommandAll(const std::vector<BirdAddress>& daemons,
                                       const std::string& command, std::chrono::milliseconds wait) {
  using Outcome = BirdAnswer::Outcome;
  std::vector<BirdAnswer> out(daemons.size());
  // One conversation: the greeting, the command written, the reply.
  struct Conversation {
    size_t daemon;
    Fd fd;
    std::string buffer;
    bool greeted = false;
    size_t written = 0;
  };
  const std::string line = command + "\n";
  const size_t files = allowOpenFiles(daemons.size() + 256);
  const size_t turn = files > 16 + 128 ? files - 128 : 16;  // leaves some for the rest
  const auto end = std::chrono::steady_clock::now() + wait;
  std::vector<Conversation> talking;
  auto finish = [&](size_t k, Outcome outcome, std::string error) {
    out[talking[k].daemon].outcome = outcome;
    out[talking[k].daemon].error = std::move(error);
    if (k + 1 != talking.size()) talking[k] = std::move(talking.back());
    talking.pop_back();
  };
  for (size_t next = 0; next < daemons.size();) {
    // Each turn of at most `turn` daemons gets an equal share of what is left of the wait.
    size_t turnsLeft = (daemons.size() - next + turn - 1) / turn;
    auto deadline = std::chrono::steady_clock::now() +
                    (end - std::chrono::steady_clock::now()) / int(turnsLeft);
    for (; next < daemons.size() && talking.size() < turn; ++next) {
      int error = 0;
      Fd fd = connectControl(daemons[next].socket_path, error);
      if (fd.get() >= 0) {
        talking.push_back(Conversation{next, std::move(fd), {}});
      } else if (error == EAGAIN) {  // its queue of connections is full: it does not accept
        out[next].outcome = Outcome::Late;
        out[next].error = late(command);
      } else {
        out[next].error = unreachable(daemons[next].socket_path, error);
      }
    }
    while (!talking.empty()) {
      std::vector<pollfd> fds;
      for (const auto& c : talking) {
        bool sending = c.greeted && c.written < line.size();
        fds.push_back({c.fd.get(), short(POLLIN | (sending ? POLLOUT : 0)), 0});
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      int ready = left.count() <= 0 ? 0 : poll(fds.data(), fds.size(), int(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) {
        while (!talking.empty()) finish(talking.size() - 1, Outcome::Late, late(command));
        break;
      }
      for (size_t k = fds.size(); k-- > 0;) {  // from the back: finish() moves the last to k
        Conversation& c = talking[k];
        if (fds[k].revents & POLLOUT) {
          ssize_t n = send(c.fd.get(), line.data() + c.written, line.size() - c.written,
                           MSG_NOSIGNAL | MSG_DONTWAIT);
          if (n < 0 && errno != EAGAIN) {
            finish(k, Outcome::Unreachable, "cannot write to BIRD's control socket");
            continue;
          }
          if (n > 0) c.written += size_t(n);
        }
        if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char chunk[8192];
        ssize_t n = read(c.fd.get(), chunk, sizeof(chunk));
        if (n < 0 && errno == EAGAIN) continue;
        if (n <= 0) {
          finish(k, Outcome::Unreachable, "BIRD closed its control socket");
          continue;
        }
        c.buffer.append(chunk, size_t(n));
        bool complete = false;
        BirdReply reply = parseBirdReply(c.buffer, &complete);
        if (!complete) continue;
        if (!c.greeted) {  // "0001 BIRD 2.0.12 ready."; the command goes out when it can
          c.greeted = true;
          c.buffer.clear();
          continue;
        }
        out[c.daemon].reply = std::move(reply);
        finish(k, Outcome::Answered, "");
      }
    }
  }
  return out;
}

// One daemon is a conversation like any other.
BirdReply birdCommand(const std::string& socketPath, const std::string& command,
                      const std::string& object, int timeoutMs) {
  BirdAnswer a =
      birdCommandAll({{socketPath, object}}, command, std::chrono::milliseconds(timeoutMs)).front();
  if (a.outcome == BirdAnswer::Outcome::Late) throw BirdLate(object, a.error);
  if (a.outcome == BirdAnswer::Outcome::Unreachable) throw Error(object, a.error);
  return a.reply;
}

std::vector<BirdAnswer> BirdControl::commandAll(const std::vector<BirdAddress>& daemons,
                                                const std::string& command,
                                                std::chrono::milliseconds) {
  std::vector<BirdAnswer> out(daemons.size());
  for (size_t i = 0; i < daemons.size(); ++i) {
    try {
      out[i].reply = this->command(daemons[i].socket_path, command, daemons[i].object);
      out[i].outcome = BirdAnswer::Outcome::Answered;
    } catch (const BirdLate& e) {
      out[i].outcome = BirdAnswer::Outcome::Late;
      out[i].error = e.message();
    } catch (const Error& e) {
      out[i].error = e.message();
    }
  }
  return out;
}

BirdControl& socketBirdControl() {
  struct Socket : BirdControl {
    BirdReply command(const std::string& socketPath, const std::string& command,
                      const std::string& object) override {
      return birdCommand(socketPath, command, object);
    }
    std::vector<BirdAnswer> commandAll(const std::vector<BirdAddress>& daemons,
                                       const std::string& command,
                                       std::chrono::milliseconds wait) override {
      return birdCommandAll(daemons, command, wait);
    }
  };
  static Socket control;
  return control;
}

}  // namespace asemu::runtime
