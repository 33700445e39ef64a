// Announcements of a running router: the file its static protocol includes, and Runtime's
// announce / withdraw / announced.
#include "asemu/runtime/announcements.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "asemu/core/error.h"
#include "asemu/core/files.h"
#include "asemu/plan/bird_config.h"
#include "asemu/runtime/runtime.h"

namespace asemu::runtime {
namespace fs = std::filesystem;

fs::path announcedFile(const StateDir& st, const std::string& nodeId) {
  return st.nodeDir(nodeId) / "etc" / "announced.conf";
}

fs::path announcedLockFile(const StateDir& st, const std::string& nodeId) {
  return st.nodeDir(nodeId) / "announced.lock";
}

namespace {

// Held while one announce or withdraw reads the router's file, rewrites it and has BIRD read it,
// so that two at once on one router do not lose either change.
class AnnouncedLock {
 public:
  AnnouncedLock(const fs::path& path, const std::string& nodeId)
      : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
      throw Error(nodeId, "cannot lock " + path.string() + ": " + std::strerror(errno));
  }
  ~AnnouncedLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  AnnouncedLock(const AnnouncedLock&) = delete;
  AnnouncedLock& operator=(const AnnouncedLock&) = delete;

 private:
  int fd_;
};

}  // namespace

bool announcesAtRuntime(const plan::Node& node) {
  return node.bird && !node.bird->route_server &&
         (!node.bird->sessions.empty() || !node.bird->announced.empty());
}

std::string runtimeBirdConfig(const plan::Node& node) {
  plan::BirdConfigOptions options;
  if (announcesAtRuntime(node)) options.announced_include = kAnnouncedInclude;
  return plan::birdConfig(node, options);
}

void writeInitialAnnouncements(const StateDir& st, const plan::Plan& plan) {
  for (const auto& node : plan.nodes)
    if (announcesAtRuntime(node))
      asemu::writeFileAtomically(announcedFile(st, node.id),
                                 plan::announcedRoutes(node.bird->announced));
}

namespace {

void requireAnnouncing(const plan::Node& node) {
  if (!announcesAtRuntime(node))
    throw Error(node.id, node.bird && node.bird->route_server
                             ? "is a route server; only routers announce prefixes"
                             : "has no BGP session to announce prefixes on");
}

}  // namespace

std::vector<Ipv4Prefix> readAnnouncements(const StateDir& st, const plan::Node& node) {
  requireAnnouncing(node);
  const fs::path file = announcedFile(st, node.id);
  std::istringstream in(asemu::readFile(file));
  std::vector<Ipv4Prefix> out;
  const std::string head = "    route ", tail = " blackhole;";
  for (std::string line; std::getline(in, line);) {
    std::optional<Ipv4Prefix> prefix;
    if (line.size() > head.size() + tail.size() && line.starts_with(head) && line.ends_with(tail))
      prefix = Ipv4Prefix::parse(
          std::string_view(line).substr(head.size(), line.size() - head.size() - tail.size()));
    if (!prefix)
      throw Error(node.id, file.string() + " holds a line asemu did not write: '" + line +
                               "'; restart the emulation");
    out.push_back(*prefix);
  }
  return out;
}

std::vector<Ipv4Prefix> Runtime::announced(const std::string& name, const plan::Node& node) const {
  return readAnnouncements(state(name), node);
}

std::string Runtime::setAnnounced(const std::string& name, const plan::Node& node,
                                  const std::string& prefix, bool announce) const {
  if (!node.bird) throw Error(node.id, "runs no BIRD (it is a " + plan::roleName(node.role) + ")");
  if (auto why = announcedPrefixProblem(prefix); !why.empty()) throw Error(node.id, why);
  const Ipv4Prefix p = *Ipv4Prefix::parse(prefix);
  const StateDir st = state(name);
  requireAnnouncing(node);
  AnnouncedLock lock(announcedLockFile(st, node.id), node.id);
  std::vector<Ipv4Prefix> before = readAnnouncements(st, node);
  std::vector<Ipv4Prefix> after = before;
  auto it = std::find(after.begin(), after.end(), p);
  if (announce && it != after.end()) throw Error(node.id, "already announces " + p.str());
  if (!announce && it == after.end()) {
    std::string now;
    for (const auto& a : before) now += (now.empty() ? "" : ", ") + a.str();
    throw Error(node.id,
                "does not announce " + p.str() +
                    (now.empty() ? " (it announces nothing)" : " (it announces " + now + ")"));
  }
  if (announce)
    after.push_back(p);
  else
    after.erase(it);

  const fs::path file = announcedFile(st, node.id);
  asemu::writeFileAtomically(file, plan::announcedRoutes(after));
  BirdReply reply;
  try {
    reply = bird_.command(st.birdSocket(node.id).string(), "configure", node.id);
  } catch (...) {
    asemu::writeFileAtomically(file, plan::announcedRoutes(before));
    throw;
  }
  if (reply.error()) {
    asemu::writeFileAtomically(file, plan::announcedRoutes(before));
    std::string text = reply.text();
    std::replace(text.begin(), text.end(), '\n', ' ');
    throw Error(node.id, "BIRD refused the new configuration: " + text);
  }
  return node.id + (announce ? ": announces " : ": withdrew ") + p.str();
}

}  // namespace asemu::runtime
