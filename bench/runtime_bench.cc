// Speed of the native runtime on real namespaces and BIRD (needs root): for the anycast demo and
// for a generated Internet of 200+ ASes, the time from `up` to every BGP session Established and
// to the first ping answered across the emulation, the failover time of the anycast address,
// the time `down` takes, and the memory of the BIRD daemons.
//
//   runtime_bench [--skip-large] [--stubs N] [-v]   (-v: progress of `up` on stderr)
//   runtime_bench --curve 250,500,1000,2000 [--limit SECONDS] [--ospf-timers standard] [-v]
//
// --curve brings up generated Internets (asemu generate, seed 1) of each size in turn and prints
// one row per size: time to created, to a first ping between the two stubs furthest apart, to
// every session Established, `down`, and memory; the last column compares the time per AS to
// Established with that of the first size. --ospf-timers standard runs them with RFC 2328's
// OSPF timers (`asemu up --ospf-timers standard`) instead of SEED's.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "asemu/layers/as_graph.h"
#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/emulator.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/internet_generator.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "asemu/layers/synthetic.h"
#include "asemu/runtime/naming.h"
#include "asemu/runtime/node_lookup.h"
#include "asemu/runtime/runtime.h"
#include "asemu/topo/topology.h"
#include "synthetic_plan.h"

namespace rt = asemu::runtime;
using Clock = std::chrono::steady_clock;

namespace {

bool verbose = false;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%6.2f", v);
  return buf;
}

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double unixNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

long rssKb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

std::string comm(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
  std::string c;
  std::getline(in, c);
  return c;
}

struct Figures {
  size_t nodes = 0, daemons = 0, sessions = 0;
  double created = 0, pinged = -1, established = -1, down = 0;
  long birdRssKb = 0;
  double failover = -1, longestGap = -1;
};

double limitSeconds = 120;
bool standardOspf = false;

// Runs `up` without waiting, then probes ping and BGP until both succeed.
Figures runUp(rt::Runtime& runtime, const asemu::plan::Plan& plan, const std::string& name,
              const std::string& from, const std::string& to) {
  Figures f;
  f.nodes = plan.nodes.size();
  for (const auto& n : plan.nodes)
    if (n.bird) {
      ++f.daemons;
      f.sessions += n.bird->sessions.size();
    }
  auto start = Clock::now();
  rt::UpOptions o;
  o.name = name;
  o.wait = false;
  if (verbose) o.progress = [](const std::string& l) { std::fprintf(stderr, "%s\n", l.c_str()); };
  runtime.up(plan, o);
  f.created = since(start);
  rt::NodeView src = runtime.view(name, rt::resolveNode(plan, from));
  while (since(start) < limitSeconds && (f.pinged < 0 || f.established < 0)) {
    if (f.pinged < 0 &&
        runtime.kernel().runIn(
            src, {"/bin/sh", "-c", "exec ping -c1 -W0.2 -q " + to + " >/dev/null 2>&1"}) == 0)
      f.pinged = since(start);
    if (f.established < 0 && runtime.waitForBgp(name, std::chrono::milliseconds(0)).done)
      f.established = since(start);
    if (f.pinged < 0 || f.established < 0) usleep(20000);
  }
  std::vector<std::string> nss;
  for (const auto& n : plan.nodes) nss.push_back(rt::nodeNamespace(name, n.id));
  for (int pid : runtime.kernel().processesIn(nss))
    if (comm(pid) == "bird") f.birdRssKb += rssKb(pid);
  return f;
}

double downTime(rt::Runtime& runtime, const std::string& name) {
  auto start = Clock::now();
  runtime.down(name);
  return since(start);
}

// Packets received by a node on all its interfaces but lo (from /proc/net/dev, which shows the
// namespace of the reading process).
long rxPackets(rt::Runtime& runtime, const std::string& name, const asemu::plan::Plan& plan,
               const std::string& node) {
  char path[] = "/tmp/asemu-bench-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  runtime.kernel().runIn(runtime.view(name, rt::resolveNode(plan, node)),
                         {"/bin/sh", "-c", std::string("cat /proc/net/dev > ") + path});
  std::ifstream in(path);
  std::string line;
  long total = 0;
  while (std::getline(in, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos || line.find("lo:") != std::string::npos) continue;
    std::istringstream fields(line.substr(colon + 1));
    long bytes = 0, packets = 0;
    if (fields >> bytes >> packets) total += packets;
  }
  unlink(path);
  return total;
}

// Pings the anycast address every 10 ms from `from`, disables the BGP sessions of the instance
// that answers, and measures how long until answers come again (from the other instance).
void failover(rt::Runtime& runtime, const std::string& name, const asemu::plan::Plan& plan,
              Figures& f) {
  rt::NodeView src = runtime.view(name, rt::resolveNode(plan, "10.150.0.71"));
  long a0 = rxPackets(runtime, name, plan, "as180/host-0");
  long b0 = rxPackets(runtime, name, plan, "as180/host-1");
  runtime.kernel().runIn(src, {"/bin/sh", "-c", "ping -c20 -i0.01 -q 10.180.0.100 >/dev/null"});
  long a1 = rxPackets(runtime, name, plan, "as180/host-0");
  long b1 = rxPackets(runtime, name, plan, "as180/host-1");
  std::string serving = (a1 - a0) >= (b1 - b0) ? "as180/router0" : "as180/router1";
  std::printf("  anycast instance serving 10.150.0.71: %s (packets %ld / %ld)\n", serving.c_str(),
              a1 - a0, b1 - b0);

  std::string log = "/tmp/asemu-bench-ping-" + std::to_string(getpid());
  pid_t pinger = fork();
  if (pinger == 0) {
    std::string cmd = "exec ping -D -i0.01 -W1 -w4 10.180.0.100 > " + log;
    runtime.kernel().execIn(src, {"/bin/sh", "-c", cmd});
    _exit(127);
  }
  usleep(700000);
  const asemu::plan::Node& router = rt::resolveNode(plan, serving);
  double t0 = unixNow();
  for (const auto& s : router.bird->sessions)
    runtime.birdCommand(name, router, "disable " + s.name);
  int status = 0;
  waitpid(pinger, &status, 0);

  // Replies of the two instances differ in TTL (their paths differ in length).
  std::ifstream in(log);
  std::string line;
  std::vector<std::pair<double, int>> replies;  // time, ttl
  while (std::getline(in, line)) {
    double ts = 0;
    auto ttl = line.find("ttl=");
    if (line.find("bytes from") == std::string::npos || ttl == std::string::npos) continue;
    if (std::sscanf(line.c_str(), "[%lf]", &ts) == 1)
      replies.emplace_back(ts, std::atoi(line.c_str() + ttl + 4));
  }
  unlink(log.c_str());
  int before = -1;
  double gap = 0, gapEnd = -1, other = -1;
  for (size_t i = 0; i < replies.size(); ++i) {
    auto [ts, ttl] = replies[i];
    if (ts < t0) {
      before = ttl;
      continue;
    }
    double prev = i > 0 ? std::max(replies[i - 1].first, t0) : t0;
    if (ts - prev > gap) {
      gap = ts - prev;
      gapEnd = ts;
    }
    if (other < 0 && before >= 0 && ttl != before) other = ts;
  }
  f.longestGap = gap;
  f.failover = other >= 0 ? other - t0 : gapEnd >= 0 ? gapEnd - t0 : -1;
  std::printf("  replies: %zu, TTL before %d, after %d\n", replies.size(), before,
              replies.empty() ? -1 : replies.back().second);
}

void print(const char* title, const Figures& f) {
  std::printf("%s: %zu nodes, %zu BIRD daemons, %zu BGP sessions\n", title, f.nodes, f.daemons,
              f.sessions);
  std::printf("  up: namespaces, links and daemons created  %6.2f s\n", f.created);
  std::printf("  up -> first ping answered                  %6.2f s\n", f.pinged);
  std::printf("  up -> every BGP session Established        %6.2f s\n", f.established);
  if (f.failover >= 0 || f.longestGap >= 0) {
    std::printf("  failover: disable -> answers again         %6.3f s\n", f.failover);
    std::printf("  failover: longest gap between answers      %6.3f s\n", f.longestGap);
  }
  std::printf("  down                                       %6.2f s\n", f.down);
  std::printf("  RSS of all BIRD daemons                    %6.1f MiB (%.1f MiB each)\n",
              f.birdRssKb / 1024.0, f.daemons ? f.birdRssKb / 1024.0 / f.daemons : 0);
}

struct CurvePoint {
  int ases = 0;
  Figures f;
  long totalRssKb = 0;  // every process of the emulation
  double status = 0;    // one `asemu status` (every BIRD asked for its sessions)
};

long emulationRssKb(rt::Runtime& runtime, const asemu::plan::Plan& plan, const std::string& name) {
  std::vector<std::string> nss;
  for (const auto& n : plan.nodes) nss.push_back(rt::nodeNamespace(name, n.id));
  long kb = 0;
  for (int pid : runtime.kernel().processesIn(nss)) kb += rssKb(pid);
  return kb;
}

// The hosts of the two stubs furthest apart in AS hops.
std::pair<std::string, std::string> farStubs(const asemu::Emulator& model,
                                             const asemu::plan::Plan& plan) {
  asemu::AsGraph g = asemu::asGraph(model.getLayer<asemu::Base>(), model.getLayer<asemu::Ebgp>());
  int from = 0, to = 0, longest = -1;
  // A sample of destinations keeps this quick at 2,000 ASes.
  size_t step = std::max<size_t>(1, g.asns.size() / 50);
  for (size_t d = 0; d < g.asns.size(); d += step) {
    if (g.tier(d) != 3) continue;
    std::vector<int> length = asemu::routeLengths(g, d);
    for (size_t v = 0; v < g.asns.size(); ++v)
      if (g.tier(v) == 3 && length[v] > longest) {
        longest = length[v];
        from = g.asns[v];
        to = g.asns[d];
      }
  }
  const auto* target = plan.findNode("as" + std::to_string(to) + "/host_0");
  return {"as" + std::to_string(from) + "/host_0",
          target ? target->interfaces.at(0).address.str() : ""};
}

void curve(rt::Runtime& runtime, const std::string& name, const std::vector<int>& sizes) {
  std::vector<CurvePoint> points;
  for (int ases : sizes) {
    asemu::Emulator model = asemu::generatedInternet({.ases = ases, .seed = 1});
    asemu::plan::Plan plan = model.render("curve");
    if (standardOspf) asemu::plan::setOspfTimers(plan, asemu::plan::OspfTimers::Standard);
    auto [from, to] = farStubs(model, plan);
    CurvePoint p;
    p.ases = ases;
    p.f = runUp(runtime, plan, name, from, to);
    p.totalRssKb = emulationRssKb(runtime, plan, name);
    auto t = Clock::now();
    runtime.status(name);
    p.status = since(t);
    p.f.down = downTime(runtime, name);
    points.push_back(p);
    std::fprintf(stderr, "%d ASes done\n", ases);
  }
  auto cell = [](double v) { return v < 0 ? std::string("     -") : fmt(v); };
  std::printf(
      "\nsize curve, generated Internets (seed 1), %s OSPF timers, limit %.0f s per size\n"
      "| ASes | nodes | BIRDs | sessions | created s | first ping s | all Established s | status s "
      "|"
      " down s | MiB per BIRD | MiB in all | ms per AS to Established | x first size |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
      standardOspf ? "standard" : "SEED's", limitSeconds);
  double firstPerAs = -1;
  for (const auto& p : points) {
    double perAs = p.f.established < 0 ? -1 : 1000 * p.f.established / p.ases;
    if (firstPerAs < 0 && perAs > 0) firstPerAs = perAs;
    std::printf("| %d | %zu | %zu | %zu | %s | %s | %s | %s | %s | %.1f | %.0f | %s | %s |\n",
                p.ases, p.f.nodes, p.f.daemons, p.f.sessions, cell(p.f.created).c_str(),
                cell(p.f.pinged).c_str(), cell(p.f.established).c_str(), cell(p.status).c_str(),
                cell(p.f.down).c_str(), p.f.daemons ? p.f.birdRssKb / 1024.0 / p.f.daemons : 0,
                p.totalRssKb / 1024.0, cell(perAs).c_str(),
                perAs > 0 && firstPerAs > 0 ? cell(perAs / firstPerAs).c_str() : "     -");
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool large = true;
  int stubs = 200;
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::printf(
          "usage: runtime_bench [--skip-large] [--stubs N] [-v]\n"
          "       runtime_bench --curve 250,500,1000,2000 [--limit SECONDS] "
          "[--ospf-timers standard] [-v]\n"
          "Brings emulations up on this machine (root) and prints how long each phase takes.\n");
      return 0;
    }
    if (std::strcmp(argv[i], "--ospf-timers") == 0 && i + 1 < argc)
      standardOspf = std::strcmp(argv[++i], "standard") == 0;
    if (std::strcmp(argv[i], "--skip-large") == 0) large = false;
    if (std::strcmp(argv[i], "-v") == 0) verbose = true;
    if (std::strcmp(argv[i], "--stubs") == 0 && i + 1 < argc) stubs = std::atoi(argv[++i]);
    if (std::strcmp(argv[i], "--limit") == 0 && i + 1 < argc) limitSeconds = std::atof(argv[++i]);
    if (std::strcmp(argv[i], "--curve") == 0 && i + 1 < argc) {
      std::stringstream list(argv[++i]);
      for (std::string item; std::getline(list, item, ',');)
        sizes.push_back(std::atoi(item.c_str()));
    }
  }
  auto kernel = rt::linuxKernel();
  if (std::string why = kernel->missingPrerequisite(); !why.empty()) {
    std::fprintf(stderr, "runtime_bench: %s\n", why.c_str());
    return 1;
  }
  rt::Runtime runtime(*kernel);
  std::string name = "bench" + std::to_string(getpid());
  try {
    if (!sizes.empty()) {
      curve(runtime, name, sizes);
      return 0;
    }
    asemu::plan::Plan anycast = asemu::topo::renderTopology("ip-anycast");
    Figures f = runUp(runtime, anycast, name, "10.150.0.71", "10.180.0.100");
    failover(runtime, name, anycast, f);
    f.down = downTime(runtime, name);
    print("ip-anycast", f);

    if (large) {
      asemu::plan::Plan big = syntheticPlan(stubs);
      std::set<int> ases;
      for (const auto& n : big.nodes)
        if (n.role != asemu::plan::Role::RouteServer) ases.insert(n.asn);
      // From the first host to the last one: across the generated Internet.
      std::string from, to;
      for (const auto& n : big.nodes)
        if (n.role == asemu::plan::Role::Host) {
          if (from.empty()) from = n.id;
          to = n.interfaces.front().address.str();
        }
      Figures g = runUp(runtime, big, name, from, to);
      g.down = downTime(runtime, name);
      std::printf("\n");
      print(("synthetic, " + std::to_string(ases.size()) + " ASes").c_str(), g);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "runtime_bench: %s\n", e.what());
    for (const auto& n : runtime.emulations())
      if (n == name) runtime.down(name);
    return 1;
  }
  return 0;
}
