#include "process.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <thread>

#include "asemu/core/error.h"
#include "netns.h"

namespace asemu::runtime::linuxos {

namespace {

std::string sysError(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

void mkdirs(const std::string& path) {
  for (size_t i = 1; i <= path.size(); ++i)
    if (i == path.size() || path[i] == '/') mkdir(path.substr(0, i).c_str(), 0755);
}

}  // namespace

void enterView(const NodeView& view, bool nodeSysfs) {
  int fd = open(netnsPath(view.ns).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(view.node, sysError("cannot open namespace " + view.ns));
  if (setns(fd, CLONE_NEWNET) != 0) throw Error(view.node, sysError("cannot enter " + view.ns));
  close(fd);
  if (view.binds.empty() && !nodeSysfs) return;
  if (unshare(CLONE_NEWNS) != 0) throw Error(view.node, sysError("cannot create mount namespace"));
  // Slave: the host's later mounts (new namespaces) still show here, ours never leak out.
  if (mount("", "/", "none", MS_SLAVE | MS_REC, nullptr) != 0)
    throw Error(view.node, sysError("cannot make mounts private"));
  // A node has no use for the host's named namespaces. Dropping them here means this mount
  // namespace holds no reference to any of them and needs no update each time an emulation
  // creates or removes one (with hundreds of daemons, that propagation dominated `down`).
  umount2(kNetnsDir, MNT_DETACH);
  for (const auto& [from, to] : view.binds) {
    mkdirs(to);
    if (mount(from.c_str(), to.c_str(), "none", MS_BIND, nullptr) != 0)
      throw Error(view.node, sysError("cannot bind " + from + " on " + to));
  }
  if (nodeSysfs) {
    umount2("/sys", MNT_DETACH);
    mount("sysfs", "/sys", "sysfs", 0, nullptr);  // best effort, as `ip netns exec` does
  }
}

ExecSetup::~ExecSetup() {
  if (netns_fd >= 0) close(netns_fd);
}

std::unique_ptr<ExecSetup> prepareExec(const NodeView& view, const std::vector<std::string>& argv,
                                       const std::vector<std::string>& env,
                                       const std::vector<std::string>& dirs, bool nodeSysfs,
                                       bool openNamespace) {
  if (argv.empty()) throw Error(view.node, "no program to run");
  auto p = std::make_unique<ExecSetup>();
  p->netns_path = netnsPath(view.ns);
  if (openNamespace) {
    p->netns_fd = open(p->netns_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (p->netns_fd < 0) throw Error(view.node, sysError("cannot open namespace " + view.ns));
  }
  p->node_sysfs = nodeSysfs;
  p->private_mounts = !view.binds.empty() || nodeSysfs;
  p->binds = view.binds;
  for (const auto& bind : view.binds) {
    const std::string& to = bind.second;
    for (size_t i = 1; i <= to.size(); ++i)
      if (i == to.size() || to[i] == '/') p->make_dirs.push_back(to.substr(0, i));
  }
  p->dirs = dirs;
  p->dirs.push_back("/");
  p->args = argv;
  if (p->args[0].find('/') == std::string::npos) {
    std::string full = findProgram(p->args[0]);
    if (full.empty()) throw Error(view.node, "cannot find " + argv[0] + " in PATH");
    p->args[0] = full;
  }
  p->env = env;
  for (auto& a : p->args) p->argv.push_back(a.data());
  p->argv.push_back(nullptr);
  for (auto& e : p->env) p->envp.push_back(e.data());
  p->envp.push_back(nullptr);
  p->failure = view.node + ": cannot start " + argv[0] + " inside the node\n";
  return p;
}

void execPrepared(const ExecSetup& p) noexcept {
  auto fail = [&p]() {
    (void)!write(2, p.failure.data(), p.failure.size());
    _exit(127);
  };
  int netns = p.netns_fd >= 0 ? p.netns_fd : open(p.netns_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (netns < 0 || setns(netns, CLONE_NEWNET) != 0) fail();
  // Nothing of the server (its sockets, the capture, other consoles) reaches the program.
  syscall(SYS_close_range, 3U, ~0U, 0U);
  if (p.private_mounts) {
    if (unshare(CLONE_NEWNS) != 0) fail();
    if (mount("", "/", "none", MS_SLAVE | MS_REC, nullptr) != 0) fail();
    umount2(kNetnsDir, MNT_DETACH);
    for (const auto& dir : p.make_dirs) mkdir(dir.c_str(), 0755);
    for (const auto& [from, to] : p.binds)
      if (mount(from.c_str(), to.c_str(), "none", MS_BIND, nullptr) != 0) fail();
    if (p.node_sysfs) {
      umount2("/sys", MNT_DETACH);
      mount("sysfs", "/sys", "sysfs", 0, nullptr);
    }
  }
  for (const auto& dir : p.dirs)
    if (chdir(dir.c_str()) == 0) break;
  execve(p.argv[0], p.argv.data(), p.envp.data());
  fail();
  _exit(127);  // not reached
}

Child spawn(const std::vector<std::string>& argv, const SpawnOptions& o) {
  int in[2] = {-1, -1}, err[2] = {-1, -1};
  if (o.pipe_stdin && pipe2(in, O_CLOEXEC) != 0) throw Error(argv[0], sysError("pipe"));
  if (o.pipe_stderr && pipe2(err, O_CLOEXEC) != 0) throw Error(argv[0], sysError("pipe"));
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw Error(argv[0], sysError("fork"));
  if (pid == 0) {
    // Die with the process that started us: an `up` killed half way must not leave programs
    // that enter a namespace after `down` has looked for them. (A daemon's own children do not
    // inherit this, so BIRD outlives `up` once it has detached.)
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    if (o.pipe_stdin) dup2(in[0], 0);
    if (o.pipe_stderr) dup2(err[1], 2);
    try {
      if (o.view) enterView(*o.view, o.node_sysfs);
    } catch (const Error& e) {
      std::string text = e.object() + ": " + e.message() + "\n";
      (void)!write(2, text.data(), text.size());
      _exit(127);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    std::string text = sysError("cannot run " + argv[0]) + "\n";
    (void)!write(2, text.data(), text.size());
    _exit(127);
  }
  Child c;
  c.pid = pid;
  if (o.pipe_stdin) {
    close(in[0]);
    c.stdin_fd = in[1];
  }
  if (o.pipe_stderr) {
    close(err[1]);
    c.stderr_fd = err[0];
  }
  return c;
}

int waitExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return 127;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 127;
}

std::string readAll(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n > 0) {
      out.append(buf, size_t(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  close(fd);
  return out;
}

namespace {

using NsId = std::pair<dev_t, ino_t>;

std::set<NsId> namespaceIds(const std::vector<std::string>& namespaces) {
  std::set<NsId> ids;
  for (const auto& ns : namespaces) {
    struct stat st;
    if (stat(netnsPath(ns).c_str(), &st) == 0) ids.insert({st.st_dev, st.st_ino});
  }
  return ids;
}

bool livesIn(long pid, const std::set<NsId>& ids) {
  struct stat st;
  std::string path = "/proc/" + std::to_string(pid) + "/ns/net";
  return stat(path.c_str(), &st) == 0 && ids.count({st.st_dev, st.st_ino});
}

std::vector<int> pidsIn(const std::set<NsId>& ids) {
  std::vector<int> out;
  if (ids.empty()) return out;
  DIR* d = opendir("/proc");
  if (!d) return out;
  int self = getpid();
  while (dirent* e = readdir(d)) {
    char* end = nullptr;
    long pid = std::strtol(e->d_name, &end, 10);
    if (*end != 0 || pid <= 0 || pid == self) continue;
    if (livesIn(pid, ids)) out.push_back(int(pid));
  }
  closedir(d);
  return out;
}

std::string commandName(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(in, name);
  return name.empty() ? "?" : name;
}

// Through syscall(2): Debian 12's C library declares these without C linkage for C++.
int openPidfd(int pid) {
  return int(syscall(SYS_pidfd_open, pid, 0));
}
int signalPidfd(int fd, int sig) {
  return int(syscall(SYS_pidfd_send_signal, fd, sig, nullptr, 0));
}

// One process, held by a pidfd so that a signal can never reach another process that later
// gets the same number.
struct Target {
  int pid;
  int fd;
  std::string name;
};

bool hasExited(const Target& t) {
  pollfd p{t.fd, POLLIN, 0};
  return poll(&p, 1, 0) > 0;
}

// Gone from the process table: its parent has collected it.
bool isCollected(const Target& t) {
  return signalPidfd(t.fd, 0) != 0 && errno == ESRCH;
}

// Waits until `done` holds for every target or `limit` has passed; returns those for which it
// does not.
std::vector<Target> waitFor(std::vector<Target> left, bool (*done)(const Target&),
                            std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    std::vector<Target> still;
    for (auto& t : left)
      if (!done(t)) still.push_back(t);
    left.swap(still);
    if (left.empty() || std::chrono::steady_clock::now() >= deadline) return left;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

std::vector<int> processesInNetns(const std::vector<std::string>& namespaces) {
  return pidsIn(namespaceIds(namespaces));
}

std::vector<std::string> stopProcessesInNetns(const std::vector<std::string>& namespaces,
                                              const StopTimes& times,
                                              const std::vector<int>& at_once) {
  std::set<NsId> ids = namespaceIds(namespaces);
  std::vector<Target> targets;
  std::vector<std::string> out;
  for (int pid : pidsIn(ids)) {
    int fd = openPidfd(pid);
    if (fd < 0) {
      // ESRCH: it exited since it was listed. Anything else leaves it unreachable: say so.
      if (errno != ESRCH)
        out.push_back(std::to_string(pid) + " (" + commandName(pid) + ": " + std::strerror(errno) +
                      ")");
      continue;
    }
    // The number may have been reused between the listing and pidfd_open: check the process the
    // descriptor holds still lives in one of the namespaces.
    if (!livesIn(pid, ids)) {
      close(fd);
      continue;
    }
    targets.push_back({pid, fd, commandName(pid)});
  }
  std::set<int> killed(at_once.begin(), at_once.end());
  for (const auto& t : targets) signalPidfd(t.fd, killed.count(t.pid) ? SIGKILL : SIGTERM);
  std::vector<Target> running = waitFor(targets, hasExited, times.grace);
  for (const auto& t : running) signalPidfd(t.fd, SIGKILL);
  std::vector<Target> left = waitFor(running, hasExited, times.limit);
  // An exited process keeps its entry until its parent collects it (for a daemon, that is init);
  // wait for that too, so that nothing of the emulation shows in `ps` once `down` returns.
  // One that is never collected has exited all the same and holds nothing any more.
  waitFor(targets, isCollected, times.limit);
  for (const auto& t : left) out.push_back(std::to_string(t.pid) + " (" + t.name + ")");
  for (const auto& t : targets) close(t.fd);
  return out;
}

std::string findProgram(const std::string& program) {
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  path += ":/usr/sbin:/sbin:/usr/bin:/bin";
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find(':', pos);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(pos, end - pos);
    pos = end + 1;
    if (dir.empty()) continue;
    std::string full = dir + "/" + program;
    if (access(full.c_str(), X_OK) == 0) return full;
  }
  return {};
}

}  // namespace asemu::runtime::linuxos

namespace asemu::runtime {

std::unique_ptr<PreparedExec> prepareExecIn(const NodeView& view,
                                            const std::vector<std::string>& argv,
                                            const std::vector<std::string>& env,
                                            const std::vector<std::string>& dirs) {
  struct Prepared : PreparedExec {
    std::unique_ptr<linuxos::ExecSetup> setup;
    void run() const noexcept override { linuxos::execPrepared(*setup); }
  };
  auto p = std::make_unique<Prepared>();
  p->setup = linuxos::prepareExec(view, argv, env, dirs, true);
  return p;
}

}  // namespace asemu::runtime
