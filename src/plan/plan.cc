#include "asemu/plan/plan.h"

#include <cassert>

#include "asemu/core/names.h"

namespace asemu::plan {

const BgpSession* Bird::findSession(const std::string& name) const {
  for (const auto& s : sessions)
    if (s.name == name) return &s;
  return nullptr;
}

bool Ospf::isPointToPoint(const std::string& ifname) const {
  for (const auto& i : point_to_point_interfaces)
    if (i == ifname) return true;
  return false;
}

const Interface* Node::findInterface(const std::string& ifname) const {
  for (const auto& i : interfaces)
    if (i.name == ifname) return &i;
  return nullptr;
}

const Node* Plan::findNode(const std::string& id) const {
  for (const auto& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

Node* Plan::findNode(const std::string& id) {
  for (auto& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

const Network* Plan::findNetwork(const std::string& id) const {
  for (const auto& n : networks)
    if (n.id == id) return &n;
  return nullptr;
}

std::map<std::string, size_t> Plan::membersPerNetwork() const {
  std::map<std::string, size_t> members;
  for (const auto& node : nodes)
    for (const auto& i : node.interfaces) ++members[i.network];
  return members;
}

std::string roleName(Role role) {
  switch (role) {
    case Role::Host:
      return "Host";
    case Role::Router:
      return "Router";
    case Role::BorderRouter:
      return "BorderRouter";
    case Role::RouteServer:
      return "Route Server";
  }
  assert(false);
  return {};
}

std::string roleShortName(Role role) {
  switch (role) {
    case Role::Host:
      return "h";
    case Role::Router:
      return "r";
    case Role::BorderRouter:
    case Role::RouteServer:
      return "brd";
  }
  assert(false);
  return {};
}

std::string routeClassName(RouteClass c) {
  switch (c) {
    case RouteClass::Customer:
      return "customer";
    case RouteClass::Peer:
      return "peer";
    case RouteClass::Provider:
      return "provider";
  }
  assert(false);
  return {};
}

std::string seedContainerName(const Node& node) {
  std::string name = "as" + std::to_string(node.asn) + roleShortName(node.role) + "-" +
                     (node.display_name.empty() ? node.name : node.display_name);
  if (!node.interfaces.empty()) name += "-" + node.interfaces.front().address.str();
  return withNameChars(std::move(name));
}

void setBgpProfile(Plan& plan, BgpTimers timers, bool bfd) {
  for (Node& node : plan.nodes)
    if (node.bird) {
      node.bird->timers = timers;
      node.bird->bfd = bfd;
    }
}

void setOspfTimers(Plan& plan, OspfTimers timers) {
  for (Node& node : plan.nodes)
    if (node.bird && node.bird->ospf) node.bird->ospf->timers = timers;
}

}  // namespace asemu::plan
