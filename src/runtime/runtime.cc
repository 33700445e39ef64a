#include "asemu/runtime/runtime.h"

#include <sys/un.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "asemu/core/error.h"
#include "asemu/core/names.h"
#include "asemu/core/parallel.h"
#include "asemu/runtime/announcements.h"
#include "asemu/runtime/naming.h"
#include "asemu/runtime/realization.h"

namespace asemu::runtime {

namespace fs = std::filesystem;

namespace {

double secondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

double unixNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

// Addresses some BIRD of the plan listens on: a session towards anything else cannot come up.
std::set<Ipv4Address> birdAddresses(const plan::Plan& plan) {
  std::set<Ipv4Address> out;
  for (const auto& n : plan.nodes) {
    if (!n.bird) continue;
    for (const auto& i : n.interfaces) out.insert(i.address);
    if (n.loopback) out.insert(*n.loopback);
  }
  return out;
}

// Runs `work` over [0, count) in slices, and after each slice of a long phase says how far it
// has got ("  BIRD daemons 512/1091").
void inSlices(size_t count, const std::string& what,
              const std::function<void(const std::string&)>& say,
              const std::function<void(size_t, size_t)>& work) {
  constexpr size_t kSlice = 256;
  for (size_t begin = 0; begin < count; begin += kSlice) {
    size_t end = std::min(count, begin + kSlice);
    work(begin, end);
    if (count > kSlice) say(fmt::format("  {} {}/{}", what, end, count));
  }
}

Error alreadyRunning(const std::string& name) {
  return Error(name, "an emulation of this name is already running (stop it with 'asemu down " +
                         name + "' or choose another name with --name)");
}

// A node's BIRD, started in the node's network namespace with its files named by their host
// paths. A mount namespace of its own would copy the host's whole mount table, which holds one
// entry per namespace of every emulation: starting a thousand daemons that way is quadratic.
// A control socket path too long for a socket address falls back to the node's view, where
// the same files are /etc/bird and /run/bird.
DaemonSpec birdOf(const StateDir& st, const std::string& nodeId) {
  constexpr size_t kSocketPathMax = sizeof(sockaddr_un::sun_path) - 1;
  NodeView view = st.view(nodeId);
  if (st.birdSocket(nodeId).string().size() > kSocketPathMax)
    return {view,
            {"bird", "-c", "/etc/bird/bird.conf", "-s", "/run/bird/bird.ctl", "-P",
             "/run/bird/bird.pid"}};
  view.binds.clear();
  return {view,
          {"bird", "-c", st.birdConfig(nodeId).string(), "-s", st.birdSocket(nodeId).string(), "-P",
           st.birdPidFile(nodeId).string()}};
}

}  // namespace

Runtime::Runtime(Kernel& kernel, fs::path root, BirdControl& bird, WaitClock clock)
    : kernel_(kernel), bird_(bird), clock_(std::move(clock)), root_(std::move(root)) {}

// Link properties become netem or a token bucket (LinkProperties::usesNetem) on every interface
// of the network. Properties beyond their limits (a plan built in C++ is not read through a
// topology file's checks), or a kernel built without the discipline needed, are refused up front.
void Runtime::checkLinks(const plan::Plan& plan) {
  for (const auto& net : plan.networks) {
    const LinkProperties& l = net.link;
    if (std::string why = l.problem(); !why.empty()) throw Error(net.id, "link: " + why);
    if (l.usesNetem()) {
      if (!kernel_.hasQueueingDiscipline("netem"))
        throw Error(net.id,
                    "latency_ms and loss_percent need the kernel's netem queueing discipline, "
                    "which this kernel lacks (CONFIG_NET_SCH_NETEM); load it with 'modprobe "
                    "sch_netem', or remove them from the network's link");
    } else if (l.bandwidth_bps && !kernel_.hasQueueingDiscipline("tbf")) {
      throw Error(net.id,
                  "bandwidth_bps needs the kernel's token bucket queueing discipline, which this "
                  "kernel lacks (CONFIG_NET_SCH_TBF); load it with 'modprobe sch_tbf', or remove "
                  "it from the network's link");
    }
  }
}

std::string Runtime::up(const plan::Plan& plan, const UpOptions& o) {
  auto start = std::chrono::steady_clock::now();
  auto say = [&](const std::string& line) {
    if (o.progress) o.progress(fmt::format("[{:5.2f}s] {}", secondsSince(start), line));
  };
  std::string name = o.name.empty() ? plan.name : o.name;
  if (std::string why = emulationNameProblem(name); !why.empty()) throw Error(name, why);
  if (std::string why = kernel_.missingPrerequisite(); !why.empty()) throw Error("up", why);
  StateDir st(root_, name);
  if (st.exists()) throw alreadyRunning(name);
  Realization r = realize(plan, name);
  if (auto problems = limitProblems(demandOf(plan), kernel_.hostLimits()); !problems.empty())
    throw Error(name, "cannot start: " + joined(problems, "; "));
  checkLinks(plan);
  std::string prefix = namespacePrefix(name);
  for (const auto& ns : kernel_.listNamespaces())
    if (ns.rfind(prefix, 0) == 0)
      throw Error(name, "namespace '" + ns + "' exists but no emulation '" + name +
                            "' is recorded; remove it with 'ip netns delete " + ns + "'");
  std::vector<std::pair<std::string, std::string>> configs;
  for (const auto& node : plan.nodes)
    if (node.bird) configs.emplace_back(node.id, runtimeBirdConfig(node));

  // Creating the directory claims the name, also against an `up` of the same name started at
  // the same moment. From here on everything is recorded first, so that `down` can undo a
  // partial `up`.
  fs::create_directories(root_);
  if (!fs::create_directory(st.dir())) throw alreadyRunning(name);
  Record record;
  record.name = name;
  record.phase = "starting";
  record.started_at = unixNow();
  record.namespaces = r.namespaces;
  record.ports = r.ports;
  try {
    st.writePlan(plan);  // first, so that every recorded emulation has its plan
    st.writeRecord(record);
    for (const auto& node : plan.nodes) {
      fs::create_directories(st.nodeDir(node.id) / "etc");
      fs::create_directories(st.nodeDir(node.id) / "run");
    }
    for (const auto& [id, text] : configs) writeFileAtomically(st.birdConfig(id), text);
    writeInitialAnnouncements(st, plan);

    say(fmt::format("creating {} namespaces", r.namespaces.size()));
    kernel_.createNamespace(r.fabric, r.fabric_sysctls);
    inSlices(r.nodes.size(), "namespaces", say, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i)
        kernel_.createNamespace(r.nodes[i].ns, r.nodes[i].sysctls);
    });

    say(fmt::format("creating {} bridges and {} links", r.bridges, r.ports.size()));
    kernel_.apply({r.fabric_batch});
    std::vector<Batch> batches;
    for (const auto& n : r.nodes) batches.push_back(n.batch);
    say("configuring addresses and routes");
    kernel_.apply(batches);

    std::vector<DaemonSpec> daemons;
    for (const auto& n : r.nodes)
      if (n.bird) daemons.push_back(birdOf(st, n.node));
    say(fmt::format("starting {} BIRD daemons", daemons.size()));
    inSlices(daemons.size(), "BIRD daemons", say, [&](size_t begin, size_t end) {
      kernel_.startDaemons({daemons.begin() + begin, daemons.begin() + end});
    });
    record.phase = "running";
    st.writeRecord(record);
  } catch (...) {
    say("failed; removing what was created");
    try {
      down(name);
    } catch (...) {
    }
    throw;
  }

  if (o.wait) {
    WaitResult w = waitForBgp(
        name, o.timeout, o.progress ? Progress([&](const std::string& l) { say(l); }) : Progress());
    if (!w.done)
      throw Error(name, describeTimeout(w, "BGP sessions") + " (the emulation keeps running; " +
                            "'asemu down " + name + "' stops it)");
  }
  say(fmt::format("emulation '{}' is up: {} nodes", name, plan.nodes.size()));
  return name;
}

void Runtime::down(const std::string& name, const Progress& progress) {
  auto start = std::chrono::steady_clock::now();
  auto say = [&](const std::string& line) {
    if (progress) progress(fmt::format("[{:5.2f}s] {}", secondsSince(start), line));
  };
  StateDir st = state(name);
  bool hasRecord = fs::exists(st.recordFile());
  // Only a directory that asemu's own files mark as an emulation is ever cleared. An empty one is
  // an `up` that stopped right after claiming the name.
  if (!hasRecord && !fs::exists(st.planFile()) && !fs::is_empty(st.dir()))
    throw Error(name, st.dir().string() +
                          " holds no emulation record, so asemu leaves it alone; remove it by "
                          "hand if it is yours");
  std::vector<std::string> namespaces;
  if (hasRecord) namespaces = st.readRecord().namespaces;
  std::string prefix = namespacePrefix(name);
  for (const auto& ns : namespaces)
    if (ns.size() <= prefix.size() || ns.rfind(prefix, 0) != 0 ||
        !objectNameProblem(ns.substr(prefix.size())).empty())
      throw Error(st.recordFile().string(), "lists namespace '" + ns +
                                                "', which is not one of emulation '" + name +
                                                "'; nothing was removed");

  // A second look catches a process that entered a namespace while the first ones stopped; one
  // still there after the last look (a process that keeps forking) is named like one that would
  // not end.
  // The daemons `up` started end at once (see Kernel::stopProcessesIn), by their pid files.
  std::vector<int> daemons;
  for (const auto& ns : namespaces)
    if (int pid = readPidFile(st.nodeDirOfKey(ns.substr(prefix.size())) / "run" / "bird.pid"))
      daemons.push_back(pid);
  std::vector<std::string> survivors;
  // The first round goes without a listing of its own: at a thousand daemons, looking through
  // every process costs a second.
  say(fmt::format("stopping {} daemons and every other process in {} namespaces", daemons.size(),
                  namespaces.size()));
  for (int round = 0; round < 3 && survivors.empty(); ++round) {
    if (round > 0 && kernel_.processesIn(namespaces).empty()) break;
    survivors = kernel_.stopProcessesIn(namespaces, stop_times_, daemons);
  }
  if (survivors.empty())
    for (int pid : kernel_.processesIn(namespaces)) survivors.push_back(std::to_string(pid));
  if (!survivors.empty())
    throw Error(name, fmt::format("could not end {} process{} ({}); the emulation is left in "
                                  "place, run 'asemu down {}' again",
                                  survivors.size(), survivors.size() == 1 ? "" : "es",
                                  joined(survivors), name));
  say(fmt::format("removing {} namespaces", namespaces.size()));
  kernel_.deleteNamespaces(namespaces);
  removeStateFiles(st, namespaces);
  say(fmt::format("emulation '{}' removed", name));
}

void Runtime::removeStateFiles(const StateDir& st, const std::vector<std::string>& namespaces) {
  // What `up` writes, and nothing else: each node's directory (named after its namespace), the
  // plan and the record, with the temporary files of an interrupted write.
  std::string prefix = namespacePrefix(st.name());
  // Several threads at once: where /run is a disk file system, each removal waits on it.
  std::vector<std::error_code> failed(namespaces.size());
  forEachInParallel(namespaces.size(), 8, [&](size_t i) {
    try {
      fs::remove_all(st.nodeDirOfKey(namespaces[i].substr(prefix.size())), failed[i]);
    } catch (const std::exception&) {
      failed[i] = std::make_error_code(std::errc::not_enough_memory);
    }
  });
  for (size_t i = 0; i < namespaces.size(); ++i)
    if (failed[i])
      throw Error(st.nodeDirOfKey(namespaces[i].substr(prefix.size())).string(),
                  "cannot remove: " + failed[i].message());
  std::error_code ec;
  fs::remove(st.dir() / "nodes", ec);
  fs::remove(st.planFile());
  fs::remove(st.recordFile());
  // The temporary files of a write that was interrupted (see writeFileAtomically).
  for (const auto& e : fs::directory_iterator(st.dir(), ec)) {
    std::string file = e.path().filename().string();
    if ((file.rfind(".plan.json.tmp-", 0) == 0 || file.rfind(".record.json.tmp-", 0) == 0) &&
        e.symlink_status(ec).type() == fs::file_type::regular)
      fs::remove(e.path(), ec);
  }
  if (!fs::remove(st.dir(), ec)) {
    std::string left;
    for (const auto& e : fs::directory_iterator(st.dir(), ec))
      left += (left.empty() ? "" : ", ") + e.path().filename().string();
    throw Error(st.name(), "the emulation is stopped, but " + st.dir().string() +
                               " still holds what asemu did not create (" + left +
                               "); remove it by hand");
  }
}

std::vector<std::string> Runtime::emulations() const {
  return listEmulations(root_);
}

std::string Runtime::resolveEmulation(const std::optional<std::string>& name) const {
  std::vector<std::string> running = emulations();
  if (name) {
    state(*name);
    return *name;
  }
  if (running.empty()) throw Error("", "no emulation is running (start one with 'asemu up')");
  if (running.size() > 1)
    throw Error(
        "", "several emulations are running (" + joined(running) + "); choose one with -e NAME");
  return running.front();
}

StateDir Runtime::state(const std::string& name) const {
  StateDir st(root_, name);
  if (!st.exists()) {
    std::vector<std::string> running = emulations();
    throw Error(name,
                "no emulation of this name is running" +
                    (running.empty() ? std::string() : " (running: " + joined(running) + ")"));
  }
  return st;
}

plan::Plan Runtime::plan(const std::string& name) const {
  return state(name).readPlan();
}

DaemonSpec Runtime::birdDaemon(const std::string& name, const plan::Node& node) const {
  return birdOf(state(name), node.id);
}

NodeView Runtime::view(const std::string& name, const plan::Node& node) const {
  return state(name).view(node.id);
}

BirdReply Runtime::birdCommand(const std::string& name, const plan::Node& node,
                               const std::string& command) const {
  if (!node.bird) throw Error(node.id, "runs no BIRD (it is a " + plan::roleName(node.role) + ")");
  return bird_.command(state(name).birdSocket(node.id).string(), command, node.id);
}

std::string Runtime::setSessionEnabled(const std::string& name, const plan::Node& node,
                                       const std::string& session, bool enabled) const {
  if (node.bird && !node.bird->findSession(session)) {
    std::vector<std::string> known;
    for (const auto& s : node.bird->sessions) known.push_back(s.name);
    throw Error(node.id, unknownNameMessage("session", session, known));
  }
  BirdReply reply = birdCommand(name, node, (enabled ? "enable " : "disable ") + session);
  if (reply.error()) throw Error(node.id, "BIRD: " + reply.text());
  return reply.text();
}

namespace {

// The node's sessions from its BIRD's `show protocols`: the plan's in plan order, then any the
// daemon has beyond them.
std::vector<SessionState> sessionsOf(const plan::Node& node, const BirdReply& reply) {
  if (reply.error()) throw Error(node.id, "BIRD: " + reply.text());
  std::map<std::string, Protocol> byName;
  for (auto& p : parseProtocols(reply))
    if (p.proto == "BGP") byName[p.name] = p;
  std::vector<SessionState> out;
  for (const auto& s : node.bird->sessions) {
    SessionState st;
    st.node = node.id;
    st.name = s.name;
    st.neighbor = s.neighbor_address.str() + " AS" + std::to_string(s.neighbor_as);
    auto it = byName.find(s.name);
    if (it != byName.end()) {
      st.state = it->second.state;
      st.info = it->second.info;
      byName.erase(it);
    } else {
      st.state = "missing";
    }
    out.push_back(st);
  }
  for (const auto& [n, p] : byName) out.push_back({node.id, n, p.state, p.info, ""});
  return out;
}

}  // namespace

std::vector<SessionState> Runtime::sessions(const std::string& name, const plan::Node& node) const {
  return sessionsOf(node, birdCommand(name, node, "show protocols"));
}

std::vector<Runtime::DaemonSessions> Runtime::sessionsOfAll(const std::string& name,
                                                            const plan::Plan& p,
                                                            std::chrono::milliseconds wait) const {
  std::vector<DaemonSessions> out(p.nodes.size());
  std::vector<size_t> birds;
  std::vector<BirdAddress> addresses;
  StateDir st = state(name);
  for (size_t i = 0; i < p.nodes.size(); ++i)
    if (p.nodes[i].bird) {
      birds.push_back(i);
      addresses.push_back({st.birdSocket(p.nodes[i].id).string(), p.nodes[i].id});
    }
  std::vector<BirdAnswer> answers = bird_.commandAll(addresses, "show protocols", wait);
  for (size_t k = 0; k < birds.size(); ++k) {
    DaemonSessions& d = out[birds[k]];
    if (answers[k].outcome != BirdAnswer::Outcome::Answered) {
      d.error = answers[k].error;
      d.late = answers[k].outcome == BirdAnswer::Outcome::Late;
      continue;
    }
    try {
      d.sessions = sessionsOf(p.nodes[birds[k]], answers[k].reply);
    } catch (const Error& e) {
      d.error = e.message();
    }
  }
  return out;
}

namespace {
// How long each round of `up`'s wait gives the daemons to answer.
constexpr std::chrono::milliseconds kProbeWait{3000};
}  // namespace

WaitResult Runtime::waitForBgp(const std::string& name, std::chrono::milliseconds timeout,
                               const Progress& progress) const {
  plan::Plan p = plan(name);
  std::set<Ipv4Address> reachable = birdAddresses(p);
  size_t expected = 0;
  for (const auto& n : p.nodes)
    if (n.bird)
      for (const auto& s : n.bird->sessions) expected += reachable.count(s.neighbor_address);
  size_t lastReported = size_t(-1);
  auto probe = [&]() {
    std::vector<std::string> missing;
    size_t up = 0;
    std::vector<DaemonSessions> all = sessionsOfAll(name, p, kProbeWait);
    for (size_t i = 0; i < p.nodes.size(); ++i) {
      const plan::Node& n = p.nodes[i];
      if (!n.bird) continue;
      if (!all[i].error.empty()) {
        missing.push_back(n.id + ": " + all[i].error);
        continue;
      }
      const std::vector<SessionState>& states = all[i].sessions;
      for (const auto& s : n.bird->sessions) {
        if (!reachable.count(s.neighbor_address)) continue;
        auto it = std::find_if(states.begin(), states.end(),
                               [&](const SessionState& x) { return x.name == s.name; });
        if (it != states.end() && it->established()) {
          ++up;
          continue;
        }
        std::string where = it == states.end() ? "missing"
                            : it->info.empty() ? it->state
                                               : it->info;
        missing.push_back(n.id + ": " + s.name + " in " + where);
      }
    }
    if (progress && up != lastReported) {
      progress(fmt::format("BGP: {}/{} sessions established", up, expected));
      lastReported = up;
    }
    return missing;
  };
  return waitUntil(probe, timeout, std::chrono::milliseconds(100), clock_);
}

EmulationStatus Runtime::status(const std::string& name, std::chrono::milliseconds wait) const {
  StateDir st = state(name);
  EmulationStatus out;
  out.name = name;
  Record record = st.readRecord();
  out.phase = record.phase;
  out.uptime_seconds = std::max(0.0, unixNow() - record.started_at);
  plan::Plan p = st.readPlan();
  out.nodes = int(p.nodes.size());
  std::set<std::string> existing;
  for (const auto& ns : kernel_.listNamespaces()) existing.insert(ns);
  for (const auto& ns : record.namespaces)
    if (!existing.count(ns)) out.problems.push_back("namespace " + ns + " is missing");
  std::vector<DaemonSessions> all = sessionsOfAll(name, p, wait);
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    const plan::Node& n = p.nodes[i];
    NodeStatus ns;
    ns.id = n.id;
    ns.container = plan::seedContainerName(n);
    ns.role = plan::roleName(n.role);
    ns.has_bird = n.bird.has_value();
    if (ns.has_bird) {
      ++out.daemons;
      ns.sessions = int(n.bird->sessions.size());
      if (all[i].error.empty()) {
        for (const auto& s : all[i].sessions) ns.established += s.established();
        ns.bird_running = true;
        ++out.daemons_running;
      } else if (all[i].late) {
        ns.bird_running = ns.bird_busy = true;
        ++out.daemons_running;
        ++out.daemons_busy;
      } else {
        out.problems.push_back(n.id + ": BIRD is not running (" + all[i].error + ")");
      }
      out.sessions += ns.sessions;
      out.established += ns.established;
    }
    out.node_list.push_back(ns);
  }
  return out;
}

}  // namespace asemu::runtime
