// Processes: starting programs (optionally inside a node's view), waiting for them, and finding
// and ending the processes that live in given network namespaces.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "asemu/runtime/kernel.h"

namespace asemu::runtime::linuxos {

struct Child {
  pid_t pid = -1;
  int stdin_fd = -1;   // write end, when requested
  int stderr_fd = -1;  // read end, when requested
};

struct SpawnOptions {
  const NodeView* view = nullptr;  // run inside this node
  bool pipe_stdin = false;
  bool pipe_stderr = false;
  bool node_sysfs = false;  // mount a /sys that shows the node's interfaces
};

// Throws asemu::Error when fork fails; a failure to enter the view or to exec shows as exit
// status 127 with the reason on stderr.
Child spawn(const std::vector<std::string>& argv, const SpawnOptions& options);
// Exit status, or 128 + signal.
int waitExit(pid_t pid);
std::string readAll(int fd);  // until EOF; closes fd

// Enters `view` in the calling process (which must be single-threaded): its network namespace
// and a private mount namespace with the view's directories bound in place. Throws on failure.
void enterView(const NodeView& view, bool nodeSysfs);

// A program to run inside a view from a forked child of a multi-threaded process. Everything
// that allocates, resolves or can throw happens in prepareExec(), before fork(); the child
// calls execPrepared(), which makes system calls only (setns, unshare, mount, mkdir, chdir,
// close_range, execve, write, _exit), all async-signal-safe.
struct ExecSetup {
  ExecSetup() = default;
  ExecSetup(const ExecSetup&) = delete;
  ExecSetup& operator=(const ExecSetup&) = delete;
  ~ExecSetup();  // closes the namespace descriptor

  int netns_fd = -1;       // opened O_CLOEXEC before fork, or -1: opened by the child
  std::string netns_path;  // what the child opens when netns_fd is -1
  bool private_mounts = false;
  bool node_sysfs = false;
  std::vector<std::string> make_dirs;  // each bind target and its parents, in order
  std::vector<std::pair<std::string, std::string>> binds;
  std::vector<std::string> dirs;  // working directories to try, in order
  std::vector<std::string> args, env;
  std::vector<char*> argv, envp;  // null-terminated, into args and env
  std::string failure;            // "NODE: cannot start PROGRAM inside the node\n"
};

// Resolves argv[0] in PATH and opens the view's namespace (or, with `openNamespace` false,
// leaves that to the child: a thousand prepared programs need no thousand descriptors); throws
// asemu::Error naming the node.
std::unique_ptr<ExecSetup> prepareExec(const NodeView& view, const std::vector<std::string>& argv,
                                       const std::vector<std::string>& env,
                                       const std::vector<std::string>& dirs, bool nodeSysfs,
                                       bool openNamespace = true);
// In the child: enters the view and execs; writes `failure` to stderr and exits 127 otherwise.
[[noreturn]] void execPrepared(const ExecSetup& prepared) noexcept;

std::vector<int> processesInNetns(const std::vector<std::string>& namespaces);
// Ends every process that lives in one of `namespaces` (see Kernel::stopProcessesIn); returns
// "PID (NAME)" for each one that did not exit.
std::vector<std::string> stopProcessesInNetns(const std::vector<std::string>& namespaces,
                                              const StopTimes& times,
                                              const std::vector<int>& at_once);

// The full path of `program` in PATH (plus /usr/sbin and /sbin), or "".
std::string findProgram(const std::string& program);

}  // namespace asemu::runtime::linuxos
