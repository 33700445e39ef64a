// The Kernel on Linux: namespaces by unshare + bind mount; bridges, veths, addresses, routes and
// traffic control through rtnetlink from this process (route_netlink.h), one socket per namespace;
// daemons forked straight into their node.
#include <dirent.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "asemu/core/error.h"
#include "asemu/core/files.h"
#include "asemu/runtime/kernel.h"
#include "netns.h"
#include "process.h"
#include "route_netlink.h"

namespace asemu::runtime {
namespace linuxos {
namespace {

std::string firstLine(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      if (!out.empty()) break;
      continue;
    }
    out += c;
  }
  return out;
}

size_t readNumber(const std::string& path) {
  std::ifstream in(path);
  size_t n = 0;
  return in >> n ? n : 0;
}

size_t countLines(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

size_t countProcesses() {
  size_t n = 0;
  if (DIR* d = opendir("/proc")) {
    while (dirent* e = readdir(d)) n += e->d_name[0] >= '1' && e->d_name[0] <= '9';
    closedir(d);
  }
  return n;
}

HostLimits readHostLimits() {
  HostLimits l;
  l.max_net_namespaces = readNumber("/proc/sys/user/max_net_namespaces");
  if (size_t max = readNumber("/proc/sys/fs/mount-max")) {
    size_t used = countLines("/proc/self/mountinfo");
    l.free_mounts = max > used ? max - used : 1;
  }
  size_t pids = readNumber("/proc/sys/kernel/pid_max");
  size_t threads = readNumber("/proc/sys/kernel/threads-max");
  if (threads && threads < pids) pids = threads;
  if (pids) {
    size_t used = countProcesses();
    l.free_pids = pids > used ? pids - used : 1;
  }
  l.neighbour_max = readNumber("/proc/sys/net/ipv4/neigh/default/gc_thresh3");
  // The first column of the first row is the table's entry count, in hexadecimal.
  std::ifstream stat("/proc/net/stat/arp_cache");
  std::string header, entries;
  if (std::getline(stat, header) && stat >> entries)
    l.neighbour_used = std::strtoul(entries.c_str(), nullptr, 16);
  return l;
}

class LinuxKernel : public Kernel {
 public:
  LinuxKernel() { signal(SIGPIPE, SIG_IGN); }

  std::string missingPrerequisite() override {
    if (geteuid() != 0) return "must run as root (network namespaces need CAP_SYS_ADMIN)";
    for (const char* p : {"ip", "bird", "birdc"})
      if (findProgram(p).empty())
        return fmt::format("'{}' not found (install {})", p,
                           std::string(p) == "ip" ? "iproute2" : "bird2");
    return {};
  }

  HostLimits hostLimits() override { return readHostLimits(); }

  // Tried once per kind, on the loopback device of a network namespace that only a short-lived
  // thread holds: nothing of the host's network changes, and the namespace goes with the thread.
  bool hasQueueingDiscipline(const std::string& kind) override {
    auto known = qdiscs_.find(kind);
    if (known != qdiscs_.end()) return known->second;
    LinkProperties probe;  // on `lo`, index 1 in every namespace
    probe.bandwidth_bps = 1000000;
    if (kind == "netem") probe.latency_ms = 1;
    // Only the kernel's "unknown kind" (ENOENT) means it is missing; a probe that cannot run
    // says nothing, and `apply` reports whatever goes wrong for real.
    bool has = true;
    std::thread([&] {
      if (unshare(CLONE_NEWNET) != 0) return;
      try {
        RouteSocket nl;
        std::vector<Request> request = {qdiscRequest(1, probe)};
        has = nl.send(request)[0] != -ENOENT;
      } catch (...) {
      }
    }).join();
    qdiscs_[kind] = has;
    return has;
  }

  void createNamespace(const std::string& ns, const std::vector<plan::Sysctl>& sysctls) override {
    createNetns(ns, sysctls);
  }
  void deleteNamespace(const std::string& ns) override { deleteNetns(ns); }
  std::vector<std::string> listNamespaces() override { return listNetns(); }

  // Each batch in its namespace, in two rounds: the devices it creates, then what configures
  // them (ports of bridges, addresses, routes, queueing), many requests per system call.
  void apply(const std::vector<Batch>& batches) override {
    for (const auto& b : batches) applyBatch(b);
  }

  // The daemons are started from a keeper: a process of their own that collects each of them
  // the moment it ends, where the machine's init may take seconds (at a thousand daemons that
  // was most of `down`). It is started through a short-lived middle process, so that its own
  // exit is collected by init and not left to the caller. The caller may be multi-threaded (the
  // map server restarts daemons), so everything that allocates or resolves happens before the
  // fork; the keeper makes system calls only. It stops starting daemons when the caller has
  // gone (an `up` killed half way), and leaves once it has no daemon left.
  void startDaemons(const std::vector<DaemonSpec>& daemons) override {
    std::vector<std::unique_ptr<ExecSetup>> setups;
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) env.push_back(*e);
    for (const auto& d : daemons)
      setups.push_back(prepareExec(d.view, d.argv, env, {}, false, false));
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0)
      throw Error("daemons", std::string("cannot create a pipe: ") + std::strerror(errno));
    pid_t middle = fork();
    if (middle < 0) {
      close(report[0]);
      close(report[1]);
      throw Error("daemons", std::string("cannot fork: ") + std::strerror(errno));
    }
    if (middle == 0) {
      close(report[0]);
      pid_t keeper = fork();
      if (keeper == 0) runKeeper(setups, report[1]);
      if (keeper < 0) {
        StartReport r;
        r.status = -errno;
        (void)!write(report[1], &r, sizeof(r));
      }
      _exit(0);
    }
    close(report[1]);
    while (waitpid(middle, nullptr, 0) < 0 && errno == EINTR) {
    }
    std::string text = readAll(report[0]);
    StartReport r;
    if (text.size() != sizeof(r))
      throw Error("daemons", "the process that starts them ended without a report");
    std::memcpy(&r, text.data(), sizeof(r));
    if (r.index < 0 && r.status == 0) return;
    if (r.index < 0 || size_t(r.index) >= daemons.size())
      throw Error("daemons", std::string("cannot start their keeper: ") + std::strerror(-r.status));
    r.text[sizeof(r.text) - 1] = 0;
    std::string err = r.text;
    throw Error(daemons[r.index].view.node, daemons[r.index].argv[0] + " exited with status " +
                                                std::to_string(r.status) +
                                                (err.empty() ? "" : ": " + firstLine(err)));
  }

  // What the keeper tells its caller: index -1 and status 0 when every daemon started; else the
  // first daemon that failed, its exit status and the start of what it wrote to stderr (index
  // -1 with a negative errno: the keeper itself could not start).
  struct StartReport {
    int index = -1;
    int status = 0;
    char text[248] = {};
  };

  [[noreturn]] static void runKeeper(const std::vector<std::unique_ptr<ExecSetup>>& setups,
                                     int report) {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    prctl(PR_SET_NAME, "asemu-keeper");
    setsid();
    // Nothing of the caller's: no working directory held busy, no descriptor but the report,
    // no handler or blocked signal. A write to a caller that has gone fails instead of killing.
    (void)!chdir("/");
    for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP}) signal(sig, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    int out = fcntl(report, F_DUPFD_CLOEXEC, 3);
    if (out < 0) _exit(1);  // the caller sees no report
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int fd = 0; fd < 3; ++fd) dup2(null, fd);
    if (out > 3) syscall(SYS_close_range, 3U, unsigned(out - 1), 0U);
    syscall(SYS_close_range, unsigned(out + 1), ~0U, 0U);

    StartReport r;
    constexpr size_t kInFlight = 48;
    pid_t pids[kInFlight];
    int errs[kInFlight];
    for (size_t begin = 0; begin < setups.size() && r.index < 0; begin += kInFlight) {
      pollfd p{out, 0, 0};
      if (poll(&p, 1, 0) > 0 && (p.revents & POLLERR)) break;  // the caller has gone
      size_t end = std::min(setups.size(), begin + kInFlight);
      for (size_t i = begin; i < end; ++i) {
        int err[2] = {-1, -1};
        pids[i - begin] = -1;
        errs[i - begin] = -1;
        if (pipe2(err, O_CLOEXEC) != 0) continue;
        pid_t pid = fork();
        if (pid == 0) {
          signal(SIGPIPE, SIG_DFL);
          dup2(err[1], 2);
          execPrepared(*setups[i]);
        }
        close(err[1]);
        pids[i - begin] = pid;
        errs[i - begin] = err[0];
      }
      for (size_t i = begin; i < end; ++i) {
        int status = 127;
        if (pids[i - begin] > 0) {
          int raw = 0;
          while (waitpid(pids[i - begin], &raw, 0) < 0 && errno == EINTR) {
          }
          status = WIFEXITED(raw) ? WEXITSTATUS(raw) : WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : 127;
        }
        char text[sizeof(r.text)] = {};
        if (errs[i - begin] >= 0) {
          // A daemon that kept the pipe when it detached would make a blocking read wait forever.
          fcntl(errs[i - begin], F_SETFL, O_NONBLOCK);
          (void)!read(errs[i - begin], text, sizeof(text) - 1);
          close(errs[i - begin]);
        }
        if (status != 0 && r.index < 0) {
          r.index = int(i);
          r.status = status;
          std::memcpy(r.text, text, sizeof(text));
        }
      }
    }
    (void)!write(out, &r, sizeof(r));
    close(out);
    for (;;) {
      if (waitpid(-1, nullptr, 0) < 0 && errno == ECHILD) _exit(0);
    }
  }

  std::vector<int> processesIn(const std::vector<std::string>& namespaces) override {
    return processesInNetns(namespaces);
  }
  std::vector<std::string> stopProcessesIn(const std::vector<std::string>& namespaces,
                                           const StopTimes& times,
                                           const std::vector<int>& at_once) override {
    return stopProcessesInNetns(namespaces, times, at_once);
  }

  void execIn(const NodeView& view, const std::vector<std::string>& argv) override {
    std::vector<std::string> args = argv;
    args[0] = resolved(args[0]);
    enterView(view, true);
    std::vector<char*> raw;
    for (auto& a : args) raw.push_back(a.data());
    raw.push_back(nullptr);
    execvp(raw[0], raw.data());
    throw Error(view.node, "cannot run " + argv[0] + ": " + std::strerror(errno));
  }

  int runIn(const NodeView& view, const std::vector<std::string>& argv) override {
    std::vector<std::string> args = argv;
    args[0] = resolved(args[0]);
    SpawnOptions o;
    o.view = &view;
    o.node_sysfs = true;
    return waitExit(spawn(args, o).pid);
  }

 private:
  static std::string resolved(const std::string& program) {
    if (program.find('/') != std::string::npos) return program;
    std::string full = findProgram(program);
    return full.empty() ? program : full;
  }

  static bool creates(const LinkOp& o) {
    return o.kind == LinkOp::Kind::Bridge || o.kind == LinkOp::Kind::Veth ||
           o.kind == LinkOp::Kind::Trunk || o.kind == LinkOp::Kind::Loopback;
  }

  [[noreturn]] static void fail(const LinkOp& op, int err) {
    throw Error(op.object, describe(op) + ": " + std::strerror(-err));
  }

  void applyBatch(const Batch& b) {
    NamespaceGuard inside(b.ns);
    RouteSocket nl;
    std::vector<Request> requests;
    std::vector<size_t> opOf;      // the operation of each request
    std::vector<Fd> namespaceFds;  // closed once their requests are answered, or on a throw
    auto send = [&] {
      std::vector<int> answers = nl.send(requests);
      namespaceFds.clear();
      for (size_t i = 0; i < answers.size(); ++i)
        if (answers[i] < 0) fail(b.ops[opOf[i]], answers[i]);
      requests.clear();
      opOf.clear();
    };
    // At most this many veths, each holding its target namespace open, go in one round.
    constexpr size_t kOpenNamespaces = 256;
    for (size_t i = 0; i < b.ops.size(); ++i) {
      const LinkOp& o = b.ops[i];
      if (!creates(o)) continue;
      if (o.kind == LinkOp::Kind::Loopback) {
        send();
        addLoopback(nl, o);
        continue;
      }
      if (o.kind == LinkOp::Kind::Bridge) {
        requests.push_back(bridgeRequest(o.dev));
      } else if (o.kind == LinkOp::Kind::Trunk) {
        requests.push_back(vethRequest(o.dev, -1, o.peer));
      } else {
        Fd fd(open(netnsPath(o.target_ns).c_str(), O_RDONLY | O_CLOEXEC));
        if (fd.get() < 0) fail(o, -errno);
        requests.push_back(vethRequest(o.dev, fd.get(), o.peer));
        namespaceFds.push_back(std::move(fd));
      }
      opOf.push_back(i);
      if (namespaceFds.size() >= kOpenNamespaces) send();
    }
    send();

    // A bridge is the master of many ports: each name is looked up once.
    std::map<std::string, int> indexOf;
    auto index = [&](const LinkOp& o, const std::string& dev) {
      int& n = indexOf[dev];
      if (n == 0) n = int(if_nametoindex(dev.c_str()));
      if (n == 0) fail(o, -ENODEV);
      return n;
    };
    for (size_t i = 0; i < b.ops.size(); ++i) {
      const LinkOp& o = b.ops[i];
      switch (o.kind) {
        case LinkOp::Kind::Veth:
          requests.push_back(linkUpRequest(index(o, o.peer), index(o, o.master)));
          break;
        case LinkOp::Kind::Trunk:
          requests.push_back(linkUpRequest(index(o, o.dev), index(o, o.master)));
          requests.push_back(linkUpRequest(index(o, o.peer), index(o, o.peer_master)));
          break;
        case LinkOp::Kind::Up:
          requests.push_back(linkUpRequest(index(o, o.dev), 0));
          break;
        case LinkOp::Kind::Address:
          requests.push_back(addressRequest(index(o, o.dev), o.address, o.prefix_length));
          break;
        case LinkOp::Kind::Route:
          requests.push_back(routeRequest(o.destination, o.via));
          break;
        case LinkOp::Kind::Shape:
          if (!o.link.empty()) requests.push_back(qdiscRequest(index(o, o.dev), o.link));
          break;
        case LinkOp::Kind::Bridge:
        case LinkOp::Kind::Loopback:
          break;  // created up
      }
      opOf.resize(requests.size(), i);
    }
    send();
  }

  // Some kernels are built without the dummy driver; ifb behaves the same for holding an
  // address (always up, no carrier changes).
  void addLoopback(RouteSocket& nl, const LinkOp& o) {
    for (const char* kind : {"dummy", "ifb"}) {
      if (!loopbackType_.empty() && loopbackType_ != kind) continue;
      std::vector<Request> request = {deviceRequest(o.dev, kind)};
      int err = nl.send(request)[0];
      if (err == -EOPNOTSUPP && loopbackType_.empty()) continue;
      if (err < 0) fail(o, err);
      loopbackType_ = kind;
      return;
    }
    fail(o, -EOPNOTSUPP);
  }

  std::string loopbackType_;
  std::map<std::string, bool> qdiscs_;
};

}  // namespace
}  // namespace linuxos

std::unique_ptr<Kernel> linuxKernel() {
  return std::make_unique<linuxos::LinuxKernel>();
}

}  // namespace asemu::runtime
