// Assembles a compose project or swarm stack from a Plan: one service per node, one network per
// emulated network, and the per-node files the services run.
#include "asemu/compile/docker.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "asemu/compile/compose_names.h"
#include "asemu/compile/seed_labels.h"
#include "asemu/compile/start_script.h"
#include "asemu/core/linux_limits.h"
#include "asemu/plan/bird_config.h"
#include "compose_file.h"
#include "docker_files.h"

namespace asemu::compile {

namespace {

constexpr const char* kSelfManagedOption = "--self-managed-network";

// Without self-managed networks Docker owns one address per network for its bridge: the lowest
// usable address no node holds.
Ipv4Address bridgeAddress(const plan::Plan& plan, const plan::Network& net, Diagnostics& problems) {
  std::set<Ipv4Address> taken;
  for (const auto& node : plan.nodes)
    for (const auto& i : node.interfaces)
      if (i.network == net.id) taken.insert(i.address);
  uint64_t first = net.prefix.length() >= 31 ? 0 : 1;
  uint64_t last = net.prefix.length() >= 31 ? net.prefix.size() - 1 : net.prefix.size() - 2;
  for (uint64_t n = first; n <= last; ++n) {
    Ipv4Address a = *net.prefix.host(n);
    if (!taken.count(a)) return a;
  }
  problems.add(net.id, "every address of " + net.prefix.str() +
                           " belongs to a node, leaving none for Docker's bridge (compile with " +
                           kSelfManagedOption + ")");
  return {};
}

void checkUniqueNames(const plan::Plan& plan, bool swarm) {
  Diagnostics problems;
  std::map<std::string, std::string> services, containers, networks;
  for (const auto& node : plan.nodes) {
    auto [s, newService] = services.emplace(composeServiceName(node), node.id);
    if (!newService)
      problems.add(node.id,
                   "compose service name " + s->first + " is also the name of " + s->second);
    if (swarm) continue;  // swarm names containers itself
    auto [c, newContainer] = containers.emplace(plan::seedContainerName(node), node.id);
    if (!newContainer)
      problems.add(node.id, "container name " + c->first + " is also the name of " + c->second);
  }
  for (const auto& net : plan.networks) {
    auto [n, fresh] = networks.emplace(composeNetworkName(net), net.id);
    if (!fresh)
      problems.add(net.id,
                   "compose network name " + n->first + " is also the name of " + n->second);
  }
  problems.throwIfAny();
}

// Docker makes each network one Linux bridge per host, with a port for each container on it.
void checkBridgePorts(const plan::Plan& plan) {
  const std::map<std::string, size_t> members = plan.membersPerNetwork();
  Diagnostics problems;
  for (const auto& net : plan.networks)
    if (auto m = members.find(net.id); m != members.end() && m->second > kBridgePorts)
      problems.add(net.id, std::to_string(m->second) +
                               " containers on one Docker network, which is one Linux bridge of "
                               "at most " +
                               std::to_string(kBridgePorts) +
                               " ports (split the network, or run it with `asemu up`, which "
                               "joins several bridges)");
  problems.throwIfAny();
}

KeyValues sysctlsOf(const plan::Node& node) {
  KeyValues kv;
  for (const auto& s : node.sysctls) kv.emplace_back(s.key, s.value);
  return kv;
}

std::vector<std::string> placementOf(const plan::Node& node) {
  if (node.exchange) return {"node.labels.asemu.ix" + std::to_string(node.exchange) + " == true"};
  return {"node.labels.asemu.as" + std::to_string(node.asn) + " == true"};
}

}  // namespace

std::string imageReferenceProblem(std::string_view image) {
  static const std::regex reference([] {
    const std::string host = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    const std::string domain = host + "(?:\\." + host + ")*(?::[0-9]+)?";
    const std::string component = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    const std::string name = "(?:" + domain + "/)?" + component + "(?:/" + component + ")*";
    return name + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?";
  }());
  constexpr size_t kMaxName = 255;
  const std::string text(image);
  if (text.empty()) return "an image reference cannot be empty";
  std::string name = text.substr(0, text.find('@'));
  if (size_t colon = name.rfind(':');
      colon != std::string::npos && name.find('/', colon) == std::string::npos)
    name.resize(colon);
  if (name.size() > kMaxName || !std::regex_match(text, reference))
    return "'" + text +
           "' is not a Docker image reference (expected [registry/]name[:tag][@sha256:digest], "
           "e.g. debian:bookworm-slim)";
  return {};
}

std::string projectFileName(const DockerOptions& options) {
  return options.distributed ? "docker-stack.yml" : "docker-compose.yml";
}

std::vector<Error> realPrefixConflicts(const plan::Plan& plan) {
  // Sweep in address order: a network conflicts with the one that reaches furthest before it.
  std::vector<const plan::Network*> byAddress;
  for (const auto& n : plan.networks) byAddress.push_back(&n);
  std::stable_sort(byAddress.begin(), byAddress.end(), [](const auto* a, const auto* b) {
    return a->prefix.network() < b->prefix.network() ||
           (a->prefix.network() == b->prefix.network() && a->prefix.length() < b->prefix.length());
  });
  std::vector<Error> errors;
  const plan::Network* reach = nullptr;
  for (const auto* n : byAddress) {
    if (reach && reach->prefix.overlaps(n->prefix)) {
      if (reach->prefix == n->prefix)
        errors.emplace_back(n->id, "shares prefix " + n->prefix.str() + " with network " +
                                       reach->id +
                                       "; Docker refuses two networks with one prefix (compile "
                                       "with " +
                                       kSelfManagedOption + ")");
      else
        errors.emplace_back(n->id, "prefix " + n->prefix.str() + " overlaps " +
                                       reach->prefix.str() + " of network " + reach->id +
                                       "; Docker refuses overlapping networks (compile with " +
                                       kSelfManagedOption + ")");
    }
    if (!reach || n->prefix.broadcast() > reach->prefix.broadcast()) reach = n;
  }
  return errors;
}

Output compileDocker(const plan::Plan& plan, const DockerOptions& options) {
  const bool swarm = options.distributed;
  const bool selfManaged = options.self_managed_network || swarm;
  {
    Diagnostics problems;
    if (auto why = imageReferenceProblem(options.base_image); !why.empty())
      problems.add("--base-image", why);
    if (auto why = imageReferenceProblem(options.swarm_image); swarm && !why.empty())
      problems.add("--image", why);
    problems.throwIfAny();
  }
  checkUniqueNames(plan, swarm);
  if (!swarm) checkBridgePorts(plan);

  // Where Docker addresses each network from, and each member's address as Docker sees it.
  DockerSubnets dockerSubnets;
  std::map<std::string, Ipv4Address> gateways;
  Placeholders placeholders;
  if (selfManaged) {
    PlaceholderOptions po;
    po.pools = options.placeholder_pools;
    po.spare_addresses = swarm ? options.swarm_spare_addresses : 0;
    po.static_addresses = !swarm;
    placeholders = assignPlaceholders(plan, po);
    for (const auto& [id, p] : placeholders.networks) {
      dockerSubnets[id] = p.subnet;
      gateways[id] = p.gateway;
    }
  } else {
    Diagnostics problems;
    for (auto& e : realPrefixConflicts(plan)) problems.add(std::move(e));
    for (const auto& net : plan.networks) {
      dockerSubnets[net.id] = net.prefix;
      gateways[net.id] = bridgeAddress(plan, net, problems);
    }
    problems.throwIfAny();
  }

  std::unordered_map<std::string, const plan::Network*> networkById;
  for (const auto& net : plan.networks) networkById[net.id] = &net;

  Output out;
  ComposeProject project;
  project.header_comment = std::string(swarm ? "Docker Swarm stack" : "Docker compose project") +
                           " of the emulation \"" + plan.name + "\", generated by asemu" +
                           (selfManaged ? " (self-managed networks)" : "") + ".";

  for (const auto& node : plan.nodes) {
    const std::string service = composeServiceName(node);
    const std::string dir = "nodes/" + service;
    out.add(dir + "/start.sh", startScript(plan, node, dockerSubnets), true);
    if (node.bird) out.add(dir + "/bird.conf", plan::birdConfig(node));
    if (!swarm)
      out.add(dir + "/Dockerfile", nodeDockerfile(options.base_image, node.bird.has_value()));

    ComposeService s;
    s.name = service;
    s.cap_add = {"NET_ADMIN", "NET_RAW"};
    s.sysctls = sysctlsOf(node);
    s.labels = nodeLabels(plan, node);
    for (const auto& i : node.interfaces) {
      ComposeAttachment a{composeNetworkName(*networkById.at(i.network)), std::nullopt};
      if (!swarm)
        a.ipv4_address =
            selfManaged ? placeholders.addresses.at({node.id, i.network}).str() : i.address.str();
      s.networks.push_back(std::move(a));
    }
    if (swarm) {
      s.image = options.swarm_image;
      s.swarm = true;
      if (options.place_by_as) s.placement_constraints = placementOf(node);
      s.configs.push_back({service + "_start", "/asemu/start.sh"});
      project.configs.push_back({service + "_start", "./" + dir + "/start.sh"});
      if (node.bird) {
        s.configs.push_back({service + "_bird", "/etc/bird/bird.conf"});
        project.configs.push_back({service + "_bird", "./" + dir + "/bird.conf"});
      }
    } else {
      s.build = "./" + dir;
      s.container_name = plan::seedContainerName(node);
    }
    project.services.push_back(std::move(s));
  }

  for (const auto& net : plan.networks) {
    ComposeNetwork n;
    n.name = composeNetworkName(net);
    n.driver = swarm ? "overlay" : "bridge";
    n.attachable = swarm;
    if (swarm) {
      // An overlay network that is not internal connects every container to the host's
      // docker_gwbridge, with a default route and masquerading out of the host.
      n.internal = true;
    } else {
      // Docker's rules for an internal bridge drop every packet whose source or destination is
      // outside the bridge's subnet: all routed traffic. Instead of being internal, the bridge
      // gets no host address (the host is no router between the emulation and its uplink) and no
      // masquerading.
      n.driver_opts = {{"com.docker.network.bridge.enable_ip_masquerade", "false"},
                       {"com.docker.network.bridge.inhibit_ipv4", "true"}};
    }
    n.subnet = dockerSubnets.at(net.id).str();
    // Docker's stack schema has no gateway; `docker stack deploy` refuses a stack that names one.
    if (!swarm) n.gateway = gateways.at(net.id).str();
    n.labels = networkLabels(net);
    project.networks.push_back(std::move(n));
  }

  if (swarm) out.add("image/Dockerfile", nodeDockerfile(options.base_image, false, true));
  out.add("README.md", outputReadme(plan, options));
  out.add(projectFileName(options), emitCompose(project));
  return out;
}

}  // namespace asemu::compile
