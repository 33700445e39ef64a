#include "live_emulation.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "asemu/core/error.h"
#include "asemu/runtime/node_lookup.h"

namespace asemu::runtime::testing {

namespace {

std::string uniqueName() {
  static std::atomic<int> counter{0};
  return "it" + std::to_string(getpid()) + "-" + std::to_string(counter++);
}

}  // namespace

std::string capture(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

LiveEmulation::LiveEmulation()
    : kernel_(linuxKernel()), runtime_(std::make_unique<Runtime>(*kernel_)) {}

LiveEmulation::~LiveEmulation() {
  try {
    down();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "down failed: " << e.what();
  }
}

void LiveEmulation::up(const plan::Plan& plan, bool wait, std::chrono::seconds timeout) {
  plan_ = plan;
  name_ = uniqueName();
  UpOptions o;
  o.name = name_;
  o.wait = wait;
  o.timeout = timeout;
  running_ = true;  // even a failed up may leave a state directory behind
  runtime_->up(plan, o);
}

void LiveEmulation::down() {
  if (!running_) return;
  running_ = false;
  for (const auto& n : runtime_->emulations())
    if (n == name_) runtime_->down(name_);
}

const plan::Node& LiveEmulation::node(const std::string& query) const {
  return resolveNode(plan_, query);
}

int LiveEmulation::sh(const std::string& node, const std::string& command) {
  return kernel_->runIn(runtime_->view(name_, this->node(node)), {"/bin/sh", "-c", command});
}

std::string LiveEmulation::output(const std::string& node, const std::string& command) {
  char path[] = "/tmp/asemu-it-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  sh(node, command + " > " + path);
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  unlink(path);
  return s.str();
}

std::string LiveEmulation::bird(const std::string& node, const std::string& command) {
  return runtime_->birdCommand(name_, this->node(node), command).text();
}

int countNamespaces(const std::string& prefix) {
  int n = 0;
  DIR* d = opendir("/run/netns");
  if (!d) return 0;
  while (dirent* e = readdir(d)) n += std::string(e->d_name).rfind(prefix, 0) == 0;
  closedir(d);
  return n;
}

std::set<ino_t> namespaceInodes(const std::string& prefix) {
  std::set<ino_t> out;
  DIR* d = opendir("/run/netns");
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    struct stat st;
    std::string name = e->d_name;
    if (name.rfind(prefix, 0) == 0 && stat(("/run/netns/" + name).c_str(), &st) == 0)
      out.insert(st.st_ino);
  }
  closedir(d);
  return out;
}

int processesHolding(const std::set<ino_t>& inodes) {
  int n = 0;
  DIR* d = opendir("/proc");
  while (dirent* e = readdir(d)) {
    struct stat st;
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    if (stat((std::string("/proc/") + e->d_name + "/ns/net").c_str(), &st) == 0)
      n += inodes.count(st.st_ino) > 0;
  }
  closedir(d);
  return n;
}

std::string hostNetworkState() {
  return capture(
      "ip -o link show | sed 's/ qlen [0-9]*//' ; ip -o addr show; ip route show table all");
}

}  // namespace asemu::runtime::testing
