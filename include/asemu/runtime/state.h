// The state directory of a running emulation: the one place that says what exists.
//
// <root>/<name>/ holds plan.json (the Plan the emulation was started from), record.json (every
// namespace of the emulation and every bridge port, written before the first of them is
// created) and nodes/<node key>/{etc,run}, the directories a node sees as /etc/bird and
// /run/bird. `down` works from this directory alone, also after `up` died half way.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "asemu/plan/plan.h"
#include "asemu/runtime/kernel.h"
#include "asemu/runtime/realization.h"

namespace asemu::runtime {

inline constexpr const char* kDefaultStateRoot = "/run/asemu";

struct Record {
  int version = 1;
  std::string name;
  std::string phase;      // "starting" until every node and daemon is up, then "running"
  double started_at = 0;  // seconds since the epoch
  std::vector<std::string> namespaces;  // fabric first
  std::vector<Port> ports;
};

class StateDir {
 public:
  StateDir(std::filesystem::path root, std::string name);

  const std::string& name() const { return name_; }
  std::filesystem::path dir() const { return root_ / name_; }
  std::filesystem::path planFile() const { return dir() / "plan.json"; }
  std::filesystem::path recordFile() const { return dir() / "record.json"; }
  std::filesystem::path nodeDir(const std::string& nodeId) const;
  // The same directory by its key, the part of the node's namespace name after the prefix.
  std::filesystem::path nodeDirOfKey(const std::string& key) const { return dir() / "nodes" / key; }
  std::filesystem::path birdConfig(const std::string& nodeId) const;   // .../etc/bird.conf
  std::filesystem::path birdSocket(const std::string& nodeId) const;   // .../run/bird.ctl
  std::filesystem::path birdPidFile(const std::string& nodeId) const;  // .../run/bird.pid

  bool exists() const;
  // What processes inside the node see (its namespace, its /etc/bird and /run/bird).
  NodeView view(const std::string& nodeId) const;

  void writeRecord(const Record& record) const;  // atomically (write, then rename)
  Record readRecord() const;                     // Error when missing or unreadable
  void writePlan(const plan::Plan& plan) const;
  plan::Plan readPlan() const;

 private:
  std::filesystem::path root_;
  std::string name_;
};

// Names of the emulations that have a state directory under `root`, sorted.
std::vector<std::string> listEmulations(const std::filesystem::path& root);

// Writes `text` to `path` through a temporary file and a rename.
void writeFileAtomically(const std::filesystem::path& path, const std::string& text);
std::string readFile(const std::filesystem::path& path);
// The process id a daemon wrote to its pid file: one positive decimal number and an optional
// newline. 0 when the file is missing or holds anything else.
int readPidFile(const std::filesystem::path& path);

}  // namespace asemu::runtime
