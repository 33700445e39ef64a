#include "asemu/model/autonomous_system.h"

#include <algorithm>

#include "asemu/core/ipv4.h"
#include "asemu/core/names.h"

namespace asemu {
namespace {

template <class T>
std::vector<std::string> namesOf(const std::deque<T>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.name());
  return out;
}

}  // namespace

Node& Node::crossConnect(int peerAsn, const std::string& peerName, const std::string& address,
                         const LinkProperties& link, SourceLocation at) {
  CrossConnect xc{peerAsn, peerName, address, link, std::move(at)};
  if (kind_ != Kind::Router)
    throw Error(
        id(),
        "a host cannot cross-connect to " + xc.peerId() + "; only routers have cross-connects",
        xc.origin);
  if (xc.peerId() == id()) throw Error(id(), "a router cannot cross-connect to itself", xc.origin);
  for (const auto& earlier : crossConnects_)
    if (earlier.peerId() == xc.peerId())
      throw Error(id(),
                  "already has a cross-connect to " + xc.peerId() +
                      "; a router has one cross-connect per peer router",
                  xc.origin);
  crossConnects_.push_back(std::move(xc));
  return *this;
}

Node& Node::announce(const std::string& prefix, SourceLocation at) {
  if (kind_ != Kind::Router)
    throw Error(id(), "a host cannot announce " + prefix + "; only routers speak BGP", at);
  if (auto problem = announcedPrefixProblem(prefix); !problem.empty())
    throw Error(id(), problem, at);
  if (std::find(announcements_.begin(), announcements_.end(), prefix) != announcements_.end())
    throw Error(id(), "already announces " + prefix + "; give each prefix once", at);
  announcements_.push_back(prefix);
  return *this;
}

Network& AutonomousSystem::createNetwork(const std::string& name, const std::string& prefix) {
  std::string object = "as" + std::to_string(asn_) + "/" + name;
  if (auto problem = networkNameProblem(name); !problem.empty()) throw Error(object, problem);
  if (findNetwork(name))
    throw Error(object, "a network of this name already exists in as" + std::to_string(asn_));
  return networks_.emplace_back(name, prefix);
}

Node& AutonomousSystem::createNode(Node::Kind kind, const std::string& name) {
  std::string object = "as" + std::to_string(asn_) + "/" + name;
  if (auto problem = objectNameProblem(name); !problem.empty()) throw Error(object, problem);
  if (findNode(name))
    throw Error(object,
                "a host or router of this name already exists in as" + std::to_string(asn_));
  auto& list = kind == Node::Kind::Host ? hosts_ : routers_;
  return list.emplace_back(asn_, kind, name);
}

Node& AutonomousSystem::createHost(const std::string& name) {
  return createNode(Node::Kind::Host, name);
}

Node& AutonomousSystem::createRouter(const std::string& name) {
  return createNode(Node::Kind::Router, name);
}

Network& AutonomousSystem::getNetwork(const std::string& name) {
  for (auto& n : networks_)
    if (n.name() == name) return n;
  throw Error("as" + std::to_string(asn_), unknownNameMessage("network", name, namesOf(networks_)));
}

Node& AutonomousSystem::getHost(const std::string& name) {
  for (auto& n : hosts_)
    if (n.name() == name) return n;
  throw Error("as" + std::to_string(asn_), unknownNameMessage("host", name, namesOf(hosts_)));
}

Node& AutonomousSystem::getRouter(const std::string& name) {
  for (auto& n : routers_)
    if (n.name() == name) return n;
  throw Error("as" + std::to_string(asn_), unknownNameMessage("router", name, namesOf(routers_)));
}

const Network* AutonomousSystem::findNetwork(const std::string& name) const {
  for (const auto& n : networks_)
    if (n.name() == name) return &n;
  return nullptr;
}

const Node* AutonomousSystem::findNode(const std::string& name) const {
  for (const auto& n : hosts_)
    if (n.name() == name) return &n;
  for (const auto& n : routers_)
    if (n.name() == name) return &n;
  return nullptr;
}

}  // namespace asemu
