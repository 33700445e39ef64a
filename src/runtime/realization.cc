#include "asemu/runtime/realization.h"

#include <algorithm>
#include <map>
#include <set>

#include "asemu/core/error.h"
#include "asemu/core/names.h"
#include "asemu/runtime/naming.h"

namespace asemu::runtime {
namespace {

LinkOp op(LinkOp::Kind kind, std::string object, std::string dev) {
  LinkOp o;
  o.kind = kind;
  o.object = std::move(object);
  o.dev = std::move(dev);
  return o;
}

// How one network's members spread over its bridges: the first bridge holds `first` members and
// a trunk to each of the other bridges - 1, which hold kMembersPerBridge members each.
struct BridgeLayout {
  size_t bridges = 1;
  size_t first = 0;
  size_t bridgeOf(size_t member) const {
    return member < first ? 0 : 1 + (member - first) / kMembersPerBridge;
  }
};

BridgeLayout layoutFor(size_t members) {
  BridgeLayout l;
  for (;;) {
    l.first = std::min(kMembersPerBridge, kBridgePorts - (l.bridges - 1));
    if (l.first + (l.bridges - 1) * kMembersPerBridge >= members) return l;
    ++l.bridges;
  }
}

}  // namespace

std::vector<plan::Sysctl> baseSysctls() {
  return {{"net.ipv6.conf.all.disable_ipv6", "1"}, {"net.ipv6.conf.default.disable_ipv6", "1"}};
}

Realization realize(const plan::Plan& plan, const std::string& emulation) {
  Realization r;
  r.emulation = emulation;
  r.fabric = fabricNamespace(emulation);
  r.namespaces.push_back(r.fabric);
  r.fabric_sysctls = baseSysctls();
  r.fabric_batch.ns = r.fabric;

  // Bridges exist only for networks some node joins, in the plan's network order.
  std::map<std::string, size_t> networkIndex;
  for (size_t i = 0; i < plan.networks.size(); ++i) networkIndex[plan.networks[i].id] = i;
  const std::map<std::string, size_t> members = plan.membersPerNetwork();
  std::map<std::string, BridgeLayout> layouts;
  for (size_t i = 0; i < plan.networks.size(); ++i) {
    const std::string& id = plan.networks[i].id;
    auto m = members.find(id);
    if (m == members.end()) continue;
    if (m->second > bridgeCapacity())
      throw Error(id, std::to_string(m->second) + " members; one network holds at most " +
                          std::to_string(bridgeCapacity()));
    const BridgeLayout& layout = layouts[id] = layoutFor(m->second);
    r.fabric_batch.ops.push_back(op(LinkOp::Kind::Bridge, id, bridgeName(i)));
    ++r.bridges;
    // A network too large for one bridge: more bridges, each joined to the first by a veth.
    for (size_t k = 1; k < layout.bridges; ++k) {
      r.fabric_batch.ops.push_back(op(LinkOp::Kind::Bridge, id, bridgeSegmentName(i, k)));
      ++r.bridges;
      LinkOp trunk = op(LinkOp::Kind::Trunk, id, trunkName(i, k));
      trunk.master = bridgeName(i);
      trunk.peer = trunkPeerName(i, k);
      trunk.peer_master = bridgeSegmentName(i, k);
      r.fabric_batch.ops.push_back(trunk);
    }
  }
  std::map<std::string, size_t> joined;  // members placed so far, per network

  std::set<std::string> keys;
  for (size_t n = 0; n < plan.nodes.size(); ++n) {
    const plan::Node& node = plan.nodes[n];
    if (!keys.insert(nodeKey(node.id)).second)
      throw Error(node.id, "two nodes share the name '" + nodeKey(node.id) + "'");
    NodeSetup setup;
    setup.node = node.id;
    setup.ns = nodeNamespace(emulation, node.id);
    setup.sysctls = baseSysctls();
    setup.sysctls.insert(setup.sysctls.end(), node.sysctls.begin(), node.sysctls.end());
    setup.bird = node.bird.has_value();
    setup.batch.ns = setup.ns;
    r.namespaces.push_back(setup.ns);
    auto& ops = setup.batch.ops;
    ops.push_back(op(LinkOp::Kind::Up, node.id, "lo"));

    std::set<std::string> ifnames;
    for (size_t i = 0; i < node.interfaces.size(); ++i) {
      const plan::Interface& itf = node.interfaces[i];
      std::string object = node.id + " " + itf.name;
      if (std::string why = interfaceNameProblem(itf.name); !why.empty()) throw Error(object, why);
      if (!ifnames.insert(itf.name).second)
        throw Error(node.id, "two interfaces named '" + itf.name + "'");
      auto net = networkIndex.find(itf.network);
      if (net == networkIndex.end())
        throw Error(object, "interface on unknown network '" + itf.network + "'");

      LinkOp veth = op(LinkOp::Kind::Veth, object, itf.name);
      veth.target_ns = setup.ns;
      veth.peer = portName(n, i);
      veth.master =
          bridgeSegmentName(net->second, layouts.at(itf.network).bridgeOf(joined[itf.network]++));
      r.fabric_batch.ops.push_back(veth);
      r.ports.push_back({veth.peer, veth.master, node.id, itf.name, itf.network});

      LinkOp addr = op(LinkOp::Kind::Address, object, itf.name);
      addr.address = itf.address;
      addr.prefix_length = itf.prefix_length;
      ops.push_back(addr);
      const LinkProperties& link = plan.networks[net->second].link;
      if (!link.empty()) {
        LinkOp shape = op(LinkOp::Kind::Shape, object, itf.name);
        shape.link = link;
        ops.push_back(shape);
      }
    }
    if (node.loopback) {
      if (ifnames.count(kLoopbackDevice))
        throw Error(node.id, std::string("an interface is named '") + kLoopbackDevice +
                                 "', the name of the loopback device");
      std::string object = node.id + " " + kLoopbackDevice;
      ops.push_back(op(LinkOp::Kind::Loopback, object, kLoopbackDevice));
      LinkOp addr = op(LinkOp::Kind::Address, object, kLoopbackDevice);
      addr.address = *node.loopback;
      addr.prefix_length = 32;
      ops.push_back(addr);
    }
    for (const auto& route : node.routes) {
      LinkOp o = op(LinkOp::Kind::Route, node.id + " route " + route.destination.str(), "");
      o.destination = route.destination;
      o.via = route.via;
      ops.push_back(o);
    }
    r.nodes.push_back(std::move(setup));
  }
  return r;
}

}  // namespace asemu::runtime
