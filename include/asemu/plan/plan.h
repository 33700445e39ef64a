// The Plan: the exact emulation, rendered once from a model and consumed by every backend.
//
// It is plain data. Every node, interface, address, route, sysctl and routing-daemon setting is
// spelled out, so that the native runtime, the Docker compiler and the map never need the model.
// Its JSON form (plan/json.h) is stable and is what the runtime keeps in its state directory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/core/link_properties.h"

namespace asemu::plan {

// CrossConnect: a point-to-point link between routers of two ASes (SEED's scope "xc"). Like an
// exchange it is not a local network: its prefix is not announced, OSPF only lists it as a stub
// and iBGP does not walk it.
enum class NetworkKind { Local, Exchange, CrossConnect };

struct Network {
  std::string id;    // unique in the plan: "as180/net0", "ix/ix100", "xc/xc0"
  std::string name;  // the name nodes give their interface on it: "net0", "ix100", "xc0"
  NetworkKind kind = NetworkKind::Local;
  int scope = 0;  // owning ASN for a local network, IX number for an exchange, 0 for a xc
  Ipv4Prefix prefix;
  std::string display_name;  // e.g. "NYC-100"; may be empty
  LinkProperties link;
};

enum class Role { Host, Router, BorderRouter, RouteServer };

struct Interface {
  std::string name;     // inside the node: the network's name
  std::string network;  // Network::id
  Ipv4Address address;
  int prefix_length = 24;
};

struct Route {
  Ipv4Prefix destination;  // 0.0.0.0/0 for a default route
  Ipv4Address via;
};

struct Sysctl {
  std::string key;  // "net.ipv4.ip_forward"
  std::string value;
};

// The class a route learned on a session is tagged with (its large community on the local ASN).
enum class RouteClass { Customer = 1, Peer = 2, Provider = 3 };

enum class ExportPolicy {
  All,              // everything in t_bgp
  OwnAndCustomers,  // routes tagged LOCAL or CUSTOMER only (valley-free)
};

enum class SessionKind {
  Ebgp,               // eBGP between routers, with relationship-based filters
  Ibgp,               // between loopbacks of one AS, next hops resolved through t_ospf
  RouteServerClient,  // on a route server: transparent, import and export all
};

struct BgpSession {
  std::string name;  // BIRD protocol name: "u_as3", "p_rs100", "ibgp1", "p_as2"
  SessionKind kind = SessionKind::Ebgp;
  Ipv4Address local_address;
  int local_as = 0;
  Ipv4Address neighbor_address;
  int neighbor_as = 0;
  // Ebgp only:
  RouteClass import_class = RouteClass::Peer;
  int local_pref = 20;
  ExportPolicy export_policy = ExportPolicy::OwnAndCustomers;
  // The neighbor node's id and its session name for this one, when known (for displays).
  std::string neighbor_node;
};

// OSPF's hello and dead intervals on active interfaces. Seed: hello every second, a neighbour
// dead after two missed (SEED's). Standard: hello every 10 s, dead after four missed (40 s), the
// defaults of RFC 2328 and BIRD; a daemon that waits seconds for a loaded kernel keeps its
// adjacencies.
enum class OspfTimers { Seed, Standard };

struct Ospf {
  std::vector<std::string> active_interfaces;  // hello and dead count by `timers`
  std::vector<std::string> stub_interfaces;    // dummy0 and IX interfaces
  // Active interfaces on networks with exactly two routers: run as point-to-point, which forms
  // the adjacency at the first hello instead of after a designated-router election.
  std::vector<std::string> point_to_point_interfaces;
  OspfTimers timers = OspfTimers::Seed;

  bool isPointToPoint(const std::string& ifname) const;
};

// The timers of every BGP session of a node. Seed: BIRD's hold and keepalive times (240 s and
// 80 s), as in SEED. Fast: hold 3 s and keepalive 1 s, so a silent neighbour is dropped in 3 s.
enum class BgpTimers { Seed, Fast };

// Everything a node's BIRD needs; one emitter (plan/bird_config.h) turns it into bird.conf.
struct Bird {
  Ipv4Address router_id;
  int asn = 0;  // local ASN for the large communities
  bool route_server = false;
  std::vector<std::string> direct_interfaces;  // local networks, fed into t_direct
  std::optional<Ospf> ospf;
  std::vector<BgpSession> sessions;
  // Prefixes this router originates whatever its networks: a static protocol "announced" puts
  // each into t_bgp as a blackhole route (tagged LOCAL when the router has eBGP).
  std::vector<Ipv4Prefix> announced;
  BgpTimers timers = BgpTimers::Seed;
  // BFD on the eBGP and route-server sessions (all between directly connected neighbours): a
  // lost link ends them in about 300 ms.
  bool bfd = false;

  const BgpSession* findSession(const std::string& name) const;
};

struct Node {
  std::string id;  // unique: "as180/router0", "ix/ix100"
  std::string name;
  std::string display_name;  // empty: none
  int asn = 0;               // the AS, or a route server's BGP ASN: its exchange's number
  int exchange = 0;          // a route server's exchange number; 0 for every other node
  Role role = Role::Host;
  std::vector<Interface> interfaces;    // in the order the node joined its networks
  std::optional<Ipv4Address> loopback;  // routers: 10.0.0.k/32 on dummy0
  std::vector<Route> routes;
  std::vector<Sysctl> sysctls;
  std::optional<Bird> bird;  // routers and route servers

  bool isRouter() const { return role == Role::Router || role == Role::BorderRouter; }
  const Interface* findInterface(const std::string& name) const;
};

struct Plan {
  std::string name;  // default emulation name, e.g. "ip-anycast"
  std::vector<Network> networks;
  std::vector<Node> nodes;

  const Node* findNode(const std::string& id) const;
  const Network* findNetwork(const std::string& id) const;
  Node* findNode(const std::string& id);
  // How many interfaces join each network, by network id (networks nobody joins are absent).
  std::map<std::string, size_t> membersPerNetwork() const;
};

// "as180brd-router0-10.180.0.254": the name SEED gives the node's container; lookups accept it.
// A node with a display name has it in place of its name: "as151h-Web-1-10.151.0.71".
std::string seedContainerName(const Node& node);
std::string roleName(Role role);           // "Host", "Router", "BorderRouter", "Route Server"
std::string roleShortName(Role role);      // "h", "r", "brd", "brd"
std::string routeClassName(RouteClass c);  // "customer", "peer", "provider"

// Puts every BIRD of `plan` under one timer profile, with or without BFD, as the topology's
// `bgp_timers` and `bfd` do for the nodes Ebgp renders.
void setBgpProfile(Plan& plan, BgpTimers timers, bool bfd);
// Puts every OSPF of `plan` under one timer profile.
void setOspfTimers(Plan& plan, OspfTimers timers);

}  // namespace asemu::plan
