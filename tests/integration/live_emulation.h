// A real emulation for integration tests: started with the Linux kernel, removed when the test
// ends, whatever the outcome. Needs root, iproute2 and BIRD.
#pragma once

#include <gtest/gtest.h>

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "asemu/plan/plan.h"
#include "asemu/runtime/runtime.h"

namespace asemu::runtime::testing {

class LiveEmulation {
 public:
  // Skips nothing: a machine that cannot run emulations fails the test with the reason.
  LiveEmulation();
  ~LiveEmulation();

  // Starts `plan` under a name unique to this process and waits for BGP.
  void up(const plan::Plan& plan, bool wait = true,
          std::chrono::seconds timeout = std::chrono::seconds(30));
  void down();

  const std::string& name() const { return name_; }
  Runtime& runtime() { return *runtime_; }
  const plan::Plan& plan() const { return plan_; }
  const plan::Node& node(const std::string& query) const;

  // Runs a shell command inside a node; returns its exit status.
  int sh(const std::string& node, const std::string& command);
  // Runs a shell command inside a node and returns what it printed on stdout.
  std::string output(const std::string& node, const std::string& command);
  std::string bird(const std::string& node, const std::string& command);

 private:
  std::unique_ptr<Kernel> kernel_;
  std::unique_ptr<Runtime> runtime_;
  std::string name_;
  plan::Plan plan_;
  bool running_ = false;
};

// Namespaces under /run/netns whose name starts with `prefix`.
int countNamespaces(const std::string& prefix);
// The nsfs inodes of the namespaces whose name starts with `prefix`, and how many processes
// live in any of them (also after the names were removed).
std::set<ino_t> namespaceInodes(const std::string& prefix);
int processesHolding(const std::set<ino_t>& inodes);
// What a shell command run on the host printed on stdout.
std::string capture(const std::string& command);
// `ip -o link` and `ip -o route` of the host's own namespace, for before/after comparisons.
std::string hostNetworkState();

}  // namespace asemu::runtime::testing
