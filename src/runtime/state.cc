#include "asemu/runtime/state.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "asemu/core/error.h"
#include "asemu/core/files.h"
#include "asemu/plan/json.h"
#include "asemu/runtime/naming.h"

namespace asemu::runtime {

namespace fs = std::filesystem;

StateDir::StateDir(fs::path root, std::string name)
    : root_(std::move(root)), name_(std::move(name)) {
  // The name becomes a directory below the root: nothing but a valid emulation name may reach
  // the file system, whichever verb it came from.
  if (std::string why = emulationNameProblem(name_); !why.empty())
    throw Error(name_, why + "; 'asemu status' lists the running emulations");
}

fs::path StateDir::nodeDir(const std::string& nodeId) const {
  return nodeDirOfKey(nodeKey(nodeId));
}
fs::path StateDir::birdConfig(const std::string& nodeId) const {
  return nodeDir(nodeId) / "etc" / "bird.conf";
}
fs::path StateDir::birdSocket(const std::string& nodeId) const {
  return nodeDir(nodeId) / "run" / "bird.ctl";
}
fs::path StateDir::birdPidFile(const std::string& nodeId) const {
  return nodeDir(nodeId) / "run" / "bird.pid";
}

bool StateDir::exists() const {
  std::error_code ec;
  return fs::symlink_status(dir(), ec).type() == fs::file_type::directory;
}

NodeView StateDir::view(const std::string& nodeId) const {
  NodeView v;
  v.node = nodeId;
  v.ns = nodeNamespace(name_, nodeId);
  v.binds = {{(nodeDir(nodeId) / "etc").string(), "/etc/bird"},
             {(nodeDir(nodeId) / "run").string(), "/run/bird"}};
  return v;
}

void writeFileAtomically(const fs::path& path, const std::string& text) {
  asemu::writeFileAtomically(path, text);
}

std::string readFile(const fs::path& path) {
  return asemu::readFile(path);
}

int readPidFile(const fs::path& path) {
  std::ifstream in(path);
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (!text.empty() && text.back() == '\n') text.pop_back();
  int pid = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), pid);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || pid <= 0) return 0;
  return pid;
}

void StateDir::writeRecord(const Record& r) const {
  nlohmann::json j;
  j["version"] = r.version;
  j["name"] = r.name;
  j["phase"] = r.phase;
  j["started_at"] = r.started_at;
  j["namespaces"] = r.namespaces;
  j["ports"] = nlohmann::json::array();
  for (const auto& p : r.ports)
    j["ports"].push_back({{"port", p.port},
                          {"bridge", p.bridge},
                          {"node", p.node},
                          {"interface", p.interface},
                          {"network", p.network}});
  writeFileAtomically(recordFile(), j.dump(1) + "\n");
}

Record StateDir::readRecord() const {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(readFile(recordFile()));
    Record r;
    r.version = j.at("version").get<int>();
    if (r.version != 1)
      throw Error(recordFile().string(), "unknown record version " + std::to_string(r.version));
    r.name = j.at("name").get<std::string>();
    r.phase = j.at("phase").get<std::string>();
    r.started_at = j.at("started_at").get<double>();
    r.namespaces = j.at("namespaces").get<std::vector<std::string>>();
    for (const auto& p : j.at("ports"))
      r.ports.push_back(
          {p.at("port"), p.at("bridge"), p.at("node"), p.at("interface"), p.at("network")});
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw Error(recordFile().string(), std::string("unreadable record: ") + e.what());
  }
}

void StateDir::writePlan(const plan::Plan& plan) const {
  writeFileAtomically(planFile(), plan::toJsonText(plan) + "\n");
}

plan::Plan StateDir::readPlan() const {
  return plan::planFromJsonText(readFile(planFile()));
}

std::vector<std::string> listEmulations(const fs::path& root) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec))
    if (entry.symlink_status(ec).type() == fs::file_type::directory &&
        emulationNameProblem(entry.path().filename().string()).empty())
      names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace asemu::runtime
