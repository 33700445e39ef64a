// Emits each node's start script. The setup steps are bash functions, written once per script and
// only when the node needs them; the node-specific part is a list of calls, one per fact of the
// plan, so a reader sees the node's setup at a glance.
#include "asemu/compile/start_script.h"

#include <cassert>
#include <sstream>
#include <vector>

#include "asemu/compile/compose_names.h"
#include "asemu/core/error.h"

namespace asemu::compile {

namespace {

constexpr const char* kPreamble = R"sh(set -euo pipefail

log() { echo "asemu-start: $*" >&2; }
die() {
  log "$*"
  exit 1
}

# Dotted quad to integer.
ip_to_int() {
  local a b c d
  IFS=. read -r a b c d <<<"$1"
  echo $(( (a << 24) | (b << 16) | (c << 8) | d ))
}

# Prints the interface that holds an IPv4 address inside SUBNET (a.b.c.d/len).
find_interface() {
  local net=${1%/*} len=${1#*/} mask want dev cidr
  mask=$(( (0xffffffff << (32 - len)) & 0xffffffff ))
  want=$(( $(ip_to_int "$net") & mask ))
  while read -r _ dev _ cidr _; do
    if (( ( $(ip_to_int "${cidr%/*}") & mask ) == want )); then
      echo "$dev"
      return 0
    fi
  done < <(ip -o -4 addr show)
  return 1
}

# SUBNET NAME ADDRESS: takes the interface Docker addressed from SUBNET aside under a temporary
# name, so that renaming never collides with a name Docker chose for another interface.
pending=()
claim_interface() {
  local dev tmp
  if ip -o -4 addr show dev "$2" 2>/dev/null | grep -qF " $3 "; then
    return 0 # set up by an earlier start of this container
  fi
  dev=$(find_interface "$1") || die "$2: no interface has an address in $1"
  tmp="asemutmp${#pending[@]}"
  ip link set dev "$dev" down
  ip link set dev "$dev" name "$tmp"
  pending+=("$tmp $2 $3")
}

# Gives every claimed interface its network's name and its emulated address.
finish_interfaces() {
  local entry tmp name address
  ip link set dev lo up
  for entry in "${pending[@]}"; do
    read -r tmp name address <<<"$entry"
    ip -4 addr flush dev "$tmp"
    ip link set dev "$tmp" name "$name"
    ip addr add "$address" brd + dev "$name"
    ip link set dev "$name" up
  done
}

# Docker's default route would lead out of the emulation; the plan's routes replace it.
clear_default_routes() {
  while ip route del default 2>/dev/null; do :; done
}

# KEY VALUE. Compose already sets these per container; writing is the fallback outside Docker.
set_sysctl() {
  local path="/proc/sys/${1//.//}"
  if [ "$(cat "$path")" = "$2" ]; then return 0; fi
  echo "$2" >"$path" || die "cannot set $1 to $2"
}
)sh";

constexpr const char* kLoopbackFunction = R"sh(
# The loopback address lives on dummy0; kernels built without the dummy driver get an ifb
# device under the same name, which holds an address just as well.
setup_loopback() {
  if ! ip link show dev dummy0 >/dev/null 2>&1; then
    ip link add dummy0 type dummy 2>/dev/null || ip link add dummy0 type ifb
  fi
  ip addr replace "$1" dev dummy0
  ip link set dev dummy0 up
}
)sh";

constexpr const char* kRouteFunction = R"sh(
add_route() {
  ip route replace "$1" via "$2"
}
)sh";

constexpr const char* kShapeFunction = R"sh(
# IFACE NETEM-ARGS...: the network's latency, bandwidth and loss on this end of the link.
shape_link() {
  local dev=$1
  shift
  tc qdisc replace dev "$dev" root netem "$@"
}
)sh";

constexpr const char* kBirdFunction = R"sh(
start_bird() {
  "${ASEMU_BIRD:-bird}" -c /etc/bird/bird.conf
}
)sh";

// Every value the script passes to a command goes through here: plain words ([A-Za-z0-9_.-/:],
// as names and addresses of a checked plan are) stay as they are, anything else is single-quoted,
// so a value is always exactly one shell word.
std::string word(const std::string& s) {
  bool plain = !s.empty();
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '.' || c == '-' || c == '/' || c == ':'))
      plain = false;
  if (plain) return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string netemArgs(const LinkProperties& link) {
  std::string args;
  if (link.latency_ms) args += " delay " + std::to_string(link.latency_ms) + "ms";
  if (link.loss_percent > 0) {
    std::ostringstream loss;
    loss << link.loss_percent;
    args += " loss " + loss.str() + "%";
  }
  if (link.bandwidth_bps) args += " rate " + std::to_string(link.bandwidth_bps) + "bit";
  return args;
}

}  // namespace

std::string startScript(const plan::Plan& plan, const plan::Node& node,
                        const DockerSubnets& subnets) {
  bool hasRoutes = !node.routes.empty();
  bool shapes = false;
  std::vector<const plan::Network*> networks;
  for (const auto& i : node.interfaces) {
    networks.push_back(plan.findNetwork(i.network));
    assert(networks.back());
    if (!networks.back()->link.empty()) shapes = true;
  }

  std::ostringstream out;
  // Comments hold names through printable(), so they stay on their line whatever the names are.
  out << "#!/bin/bash\n"
      << "# Start script of " << printable(node.id) << " (container "
      << printable(plan::seedContainerName(node)) << "),\n# generated by asemu from the plan \""
      << printable(plan.name) << "\".\n"
      << "# Environment: ASEMU_BIRD = BIRD program to start (default bird); ASEMU_NO_WAIT=1 "
         "returns\n"
      << "# after setup instead of keeping the container alive.\n"
      << kPreamble;
  if (node.loopback) out << kLoopbackFunction;
  if (hasRoutes) out << kRouteFunction;
  if (shapes) out << kShapeFunction;
  if (node.bird) out << kBirdFunction;

  out << "\n# Interfaces: Docker's subnet, network name, emulated address.\n";
  for (const auto& i : node.interfaces) {
    auto it = subnets.find(i.network);
    assert(it != subnets.end());
    out << "claim_interface " << word(it->second.str()) << " " << word(i.name) << " "
        << word(i.address.str() + "/" + std::to_string(i.prefix_length)) << "\n";
  }
  out << "finish_interfaces\n";
  if (node.loopback) out << "setup_loopback " << word(node.loopback->str() + "/32") << "\n";

  out << "\n";
  for (const auto& s : node.sysctls)
    out << "set_sysctl " << word(s.key) << " " << word(s.value) << "\n";

  out << "\nclear_default_routes\n";
  for (const auto& r : node.routes) {
    std::string dest = r.destination.length() == 0 ? "default" : r.destination.str();
    out << "add_route " << word(dest) << " " << word(r.via.str()) << "\n";
  }

  if (shapes) {
    out << "\n";
    for (size_t k = 0; k < node.interfaces.size(); ++k)
      if (!networks[k]->link.empty())
        out << "shape_link " << word(node.interfaces[k].name) << netemArgs(networks[k]->link)
            << "\n";
  }

  if (node.bird) out << "\nstart_bird\n";
  out << "log " << word(node.id + " is up") << "\n"
      << "if [ \"${ASEMU_NO_WAIT:-}\" = 1 ]; then exit 0; fi\n"
      << "# Sleep in a child so that `docker stop` (SIGTERM to this script) ends the container.\n"
      << "trap 'exit 0' TERM INT\n"
      << "sleep infinity &\n"
      << "wait\n";
  return out.str();
}

}  // namespace asemu::compile
