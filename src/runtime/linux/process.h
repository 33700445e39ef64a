// Processes: starting programs (optionally inside a node's view), waiting for them, and finding
// and ending the processes that live in given network namespaces.
#pragma once

#include <sys/types.h>

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

std::vector<int> processesInNetns(const std::vector<std::string>& namespaces);
// Ends every process that lives in one of `namespaces` (see Kernel::stopProcessesIn); returns
// "PID (NAME)" for each one that did not exit.
std::vector<std::string> stopProcessesInNetns(const std::vector<std::string>& namespaces,
                                              const StopTimes& times);

// The full path of `program` in PATH (plus /usr/sbin and /sbin), or "".
std::string findProgram(const std::string& program);

}  // namespace asemu::runtime::linuxos
