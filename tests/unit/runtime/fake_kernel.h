// A Kernel that only records what it is asked to do, for unit tests of the runtime's decisions.
#pragma once

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "asemu/core/error.h"
#include "asemu/runtime/kernel.h"

namespace asemu::runtime::testing {

class FakeKernel : public Kernel {
 public:
  std::vector<std::string> log;        // one line per operation, in order
  std::set<std::string> namespaces;    // what exists now
  std::map<std::string, int> daemons;  // namespace -> fake pid of the daemon running there
  std::string prerequisite;            // returned by missingPrerequisite()
  std::string fail_on;                 // an operation whose description contains it fails
  std::function<void(const std::string& ns)> on_create;  // called before a namespace exists
  int next_pid = 1000;
  std::set<int> unkillable;  // fake pids that survive stopProcessesIn
  bool respawning = false;   // each stopped daemon is replaced by a new one at once

  HostLimits limits;                                // returned by hostLimits()
  std::set<std::string> qdiscs = {"netem", "tbf"};  // what hasQueueingDiscipline() knows

  std::string missingPrerequisite() override { return prerequisite; }
  HostLimits hostLimits() override { return limits; }
  bool hasQueueingDiscipline(const std::string& kind) override { return qdiscs.count(kind) > 0; }

  void createNamespace(const std::string& ns, const std::vector<plan::Sysctl>& sysctls) override {
    if (on_create) on_create(ns);
    std::string line = "netns add " + ns;
    for (const auto& s : sysctls) line += " " + s.key + "=" + s.value;
    failIf(ns, line);
    log.push_back(line);
    namespaces.insert(ns);
  }
  void deleteNamespace(const std::string& ns) override {
    log.push_back("netns del " + ns);
    namespaces.erase(ns);
  }
  std::vector<std::string> listNamespaces() override {
    return {namespaces.begin(), namespaces.end()};
  }
  void apply(const std::vector<Batch>& batches) override {
    for (const auto& b : batches)
      for (const auto& op : b.ops) {
        std::string line = b.ns + ": " + describe(op);
        failIf(op.object, line);
        log.push_back(line);
      }
  }
  void startDaemons(const std::vector<DaemonSpec>& specs) override {
    for (const auto& d : specs) {
      std::string line = "start " + d.view.ns + ":";
      for (const auto& a : d.argv) line += " " + a;
      for (const auto& [from, to] : d.view.binds) line += " [" + from + " on " + to + "]";
      failIf(d.view.node, line);
      log.push_back(line);
      int pid = next_pid++;
      daemons[d.view.ns] = pid;
      // Like BIRD's -P: the daemon writes its process id where the command line says.
      for (size_t i = 0; i + 1 < d.argv.size(); ++i)
        if (d.argv[i] == "-P") {
          std::string file = d.argv[i + 1];
          for (const auto& [from, to] : d.view.binds)
            if (file.rfind(to + "/", 0) == 0) file = from + file.substr(to.size());
          std::ofstream(file) << pid << "\n";
        }
    }
  }
  std::vector<int> processesIn(const std::vector<std::string>& nss) override {
    std::vector<int> out;
    for (const auto& ns : nss)
      if (auto it = daemons.find(ns); it != daemons.end()) out.push_back(it->second);
    return out;
  }
  std::vector<std::string> stopProcessesIn(const std::vector<std::string>& nss, const StopTimes&,
                                           const std::vector<int>& at_once) override {
    std::string line = "stop", killed;
    std::set<int> inside;
    std::vector<std::string> left;
    for (const auto& ns : nss) {
      auto it = daemons.find(ns);
      if (it == daemons.end()) continue;
      line += " " + std::to_string(it->second);
      inside.insert(it->second);
      if (unkillable.count(it->second))
        left.push_back(std::to_string(it->second) + " (bird)");
      else if (respawning)
        it->second = next_pid++;  // a new process takes the old one's place
      else
        daemons.erase(it);
    }
    for (int pid : std::set<int>(at_once.begin(), at_once.end()))
      if (inside.count(pid)) killed += (killed.empty() ? "" : " ") + std::to_string(pid);
    log.push_back(killed.empty() ? line : line + " (at once: " + killed + ")");
    return left;
  }
  void execIn(const NodeView& view, const std::vector<std::string>& argv) override {
    log.push_back("exec " + view.ns + " " + argv[0]);
  }
  int runIn(const NodeView& view, const std::vector<std::string>& argv) override {
    log.push_back("run " + view.ns + " " + argv[0]);
    return 0;
  }

  // Lines of the log that start with `prefix`.
  std::vector<std::string> lines(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& l : log)
      if (l.rfind(prefix, 0) == 0) out.push_back(l);
    return out;
  }

 private:
  void failIf(const std::string& object, const std::string& line) {
    if (!fail_on.empty() && line.find(fail_on) != std::string::npos)
      throw Error(object, line + ": Operation not permitted");
  }
};

}  // namespace asemu::runtime::testing
