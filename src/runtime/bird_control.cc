#include "asemu/runtime/bird_control.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <sstream>

#include "asemu/core/error.h"

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

BirdReply birdCommand(const std::string& socketPath, const std::string& command,
                      const std::string& object, int timeoutMs) {
  struct Closer {
    int fd;
    ~Closer() {
      if (fd >= 0) close(fd);
    }
  };
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string path = socketPath;
  Closer dir{-1};
  if (path.size() >= sizeof(addr.sun_path)) {
    // Socket addresses are limited to 108 bytes; reach a deep one through its directory.
    size_t slash = path.rfind('/');
    dir.fd = open(path.substr(0, slash).c_str(), O_PATH | O_CLOEXEC);
    if (dir.fd < 0)
      throw Error(object, "cannot reach BIRD at " + socketPath + ": " + std::strerror(errno));
    path = "/proc/self/fd/" + std::to_string(dir.fd) + path.substr(slash);
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw Error(object, std::string("socket: ") + std::strerror(errno));
  Closer closer{fd};
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
    throw Error(object, "cannot reach BIRD at " + socketPath + ": " + std::strerror(errno));

  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  std::string buffer;
  auto readReply = [&]() -> BirdReply {
    for (;;) {
      bool complete = false;
      BirdReply r = parseBirdReply(buffer, &complete);
      if (complete) return r;
      int left = int(std::chrono::duration_cast<std::chrono::milliseconds>(
                         deadline - std::chrono::steady_clock::now())
                         .count());
      pollfd p{fd, POLLIN, 0};
      if (left <= 0 || poll(&p, 1, left) <= 0)
        throw Error(object, "BIRD did not answer '" + command + "' in time");
      char chunk[8192];
      ssize_t n = read(fd, chunk, sizeof(chunk));
      if (n <= 0) throw Error(object, "BIRD closed its control socket");
      buffer.append(chunk, size_t(n));
    }
  };
  readReply();  // the greeting: "0001 BIRD 2.0.12 ready."
  buffer.clear();
  std::string line = command + "\n";
  if (send(fd, line.data(), line.size(), MSG_NOSIGNAL) != ssize_t(line.size()))
    throw Error(object, "cannot write to BIRD's control socket");
  return readReply();
}

BirdControl& socketBirdControl() {
  struct Socket : BirdControl {
    BirdReply command(const std::string& socketPath, const std::string& command,
                      const std::string& object) override {
      return birdCommand(socketPath, command, object);
    }
  };
  static Socket control;
  return control;
}

}  // namespace asemu::runtime
