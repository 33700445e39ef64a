// The narrow interface between the runtime and the operating system.
//
// Everything the runtime asks of Linux goes through Kernel: creating and deleting network
// namespaces, applying batches of link/address/route operations inside one namespace, starting
// daemons and commands inside a node's view, and finding and ending the processes that live in
// an emulation's namespaces. The runtime decides what to do and in which order; a Kernel only
// does it. The Linux implementation lives in src/runtime/linux/; tests use a fake that records
// the operations, so the runtime's decisions are checked without root.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asemu/core/error.h"
#include "asemu/core/ipv4.h"
#include "asemu/core/link_properties.h"
#include "asemu/plan/plan.h"
#include "asemu/runtime/limits.h"

namespace asemu::runtime {

// One kernel object change inside a namespace. `object` names what the change is for
// ("as150/host_0 net0") so that a failure is reported against it.
struct LinkOp {
  enum class Kind {
    Bridge,    // create bridge `dev`, up
    Veth,      // create a veth: `dev` goes to `target_ns` (up), `peer` stays here, enslaved
               // to bridge `master` and up
    Loopback,  // create the loopback device `dev` (a dummy interface), up
    Up,        // set `dev` up
    Address,   // add `address`/`prefix_length` to `dev`
    Route,     // add a route to `destination` via `via`
    Shape,     // traffic control on `dev` from `link`
    Trunk,     // create a veth here joining two bridges: `dev` enslaved to `master`, `peer`
               // to `peer_master`, both up
  };
  Kind kind = Kind::Up;
  std::string object;
  std::string dev;
  std::string target_ns;
  std::string peer;
  std::string master;
  std::string peer_master;
  Ipv4Address address;
  int prefix_length = 0;
  Ipv4Prefix destination;
  Ipv4Address via;
  LinkProperties link;

  bool operator==(const LinkOp&) const = default;
};

// A readable one-line form ("veth net0@asemu-x.as150.host_0 <-> p3i0 master br2"), used by
// error messages and by tests.
std::string describe(const LinkOp& op);

// All operations for one namespace, applied in order.
struct Batch {
  std::string ns;
  std::vector<LinkOp> ops;
};

// What a process inside a node sees: the node's network namespace, plus directories bound over
// fixed paths of the file system (the node's own /etc/bird and /run/bird).
struct NodeView {
  std::string node;  // plan node id, for messages
  std::string ns;
  std::vector<std::pair<std::string, std::string>> binds;  // host directory -> path in the view
};

// A daemon that detaches itself (BIRD does): started inside `view`, it has started once the
// command has exited with status 0.
struct DaemonSpec {
  NodeView view;
  std::vector<std::string> argv;
};

// How long ending processes may take: `grace` after SIGTERM, then `limit` after SIGKILL.
struct StopTimes {
  std::chrono::milliseconds grace{500};
  std::chrono::milliseconds limit{10000};
};

// A program made ready to run inside a view from a forked child of a multi-threaded process:
// prepareExecIn() does everything that allocates or can fail with an exception before the fork,
// and run() in the child makes async-signal-safe system calls only.
class PreparedExec {
 public:
  virtual ~PreparedExec() = default;
  // Enters the view and replaces the process; on failure writes why to stderr and _exits 127.
  [[noreturn]] virtual void run() const noexcept = 0;
};

class Kernel {
 public:
  virtual ~Kernel() = default;

  // A one-line reason why emulations cannot run here (not root, a program missing), or "".
  virtual std::string missingPrerequisite() = 0;

  // The host's limits shared by all namespaces (unknown ones 0, which are not checked).
  virtual HostLimits hostLimits() { return {}; }

  // Whether traffic control of this kind ("netem", "tbf") can be set up in a namespace here.
  virtual bool hasQueueingDiscipline(const std::string& kind) = 0;

  // Creates an empty namespace, visible to `ip netns`, and applies the sysctls inside it.
  virtual void createNamespace(const std::string& ns, const std::vector<plan::Sysctl>& sysctls) = 0;
  // Removes the namespace's name; the kernel frees it once no process is left inside. A missing
  // namespace is not an error.
  virtual void deleteNamespace(const std::string& ns) = 0;
  // deleteNamespace for each; an implementation may remove several at once. Throws the error of
  // one that failed, after trying every one.
  virtual void deleteNamespaces(const std::vector<std::string>& namespaces) {
    std::optional<Error> first;
    for (const auto& ns : namespaces) try {
        deleteNamespace(ns);
      } catch (const Error& e) {
        if (!first) first = e;
      }
    if (first) throw *first;
  }
  virtual std::vector<std::string> listNamespaces() = 0;

  // Applies every batch; batches for different namespaces may run concurrently. Throws
  // asemu::Error naming the object of the first operation that failed.
  virtual void apply(const std::vector<Batch>& batches) = 0;

  // Starts every daemon (concurrently); throws asemu::Error naming the node of one that failed.
  virtual void startDaemons(const std::vector<DaemonSpec>& daemons) = 0;

  // Process ids of every process whose network namespace is one of `namespaces`.
  virtual std::vector<int> processesIn(const std::vector<std::string>& namespaces) = 0;
  // Ends every process whose network namespace is one of `namespaces`: SIGTERM, up to
  // `times.grace` to exit, then SIGKILL; returns once each has exited and its parent has
  // collected it, or after `times.limit`. Those of `at_once` (the daemons asemu started) get
  // SIGKILL straight away; a number there that is no process of the namespaces changes nothing.
  // Signals go through pidfds, so a process number reused meanwhile is never hit. Returns
  // "PID (NAME)" for each process that did not exit.
  virtual std::vector<std::string> stopProcessesIn(const std::vector<std::string>& namespaces,
                                                   const StopTimes& times,
                                                   const std::vector<int>& at_once) = 0;

  // Replaces the calling process by `argv` run inside `view` (never returns on success).
  virtual void execIn(const NodeView& view, const std::vector<std::string>& argv) = 0;
  // Runs `argv` inside `view`, waits, and returns its exit status (128+signal when killed).
  virtual int runIn(const NodeView& view, const std::vector<std::string>& argv) = 0;
};

// The real thing (src/runtime/linux/).
std::unique_ptr<Kernel> linuxKernel();

// Prepares `argv` (argv[0] found in PATH) to run inside `view`, as Kernel::execIn runs it, but
// from a forked child: with exactly the environment `env` ("NAME=value"), in the first of
// `dirs` that exists (else /). Throws asemu::Error naming the node (src/runtime/linux/).
std::unique_ptr<PreparedExec> prepareExecIn(const NodeView& view,
                                            const std::vector<std::string>& argv,
                                            const std::vector<std::string>& env,
                                            const std::vector<std::string>& dirs);

}  // namespace asemu::runtime
