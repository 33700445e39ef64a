// Catchment: which place every AS of an emulation reaches when it sends to one address.
//
// An anycast address is held by several nodes at once; a hijacked prefix is originated by a
// router that drops what it attracts. The predicted catchment is read from BIRD's tables: for
// each AS, start at the router its traffic enters first, ask that router's BIRD for its best
// route to the address (`show route for ADDRESS all`), and follow the forwarding next hop to the
// node that owns it, router by router, until a router whose best route is local: a directly
// attached network (the origin is the node holding the address on it) or a blackhole. Every
// router is asked once at most, in parallel. Nothing is sent. The measured side (map/probes.h)
// sends one echo per AS and watches where it arrives; a Catchment holds both and compares them.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/plan/plan.h"
#include "asemu/runtime/bird_control.h"

namespace asemu::runtime {

// The best route of one `show route for ADDRESS all` reply.
struct BestRoute {
  std::string prefix;              // "10.180.0.0/24"
  std::string kind;                // "unicast", "blackhole", "unreachable", "prohibit"
  std::string protocol;            // BIRD protocol name: "u_as2", "local_nets", "static1"
  std::string type;                // first word of "Type:": "BGP", "device", "OSPF", "static"
  std::optional<Ipv4Address> via;  // the forwarding next hop; none for a direct route
  std::string dev;                 // the interface the route leaves by
  std::string as_path;             // "2 180"; empty when the route is not BGP or is local
  // Traffic stops at this router: a blackhole, unreachable or prohibit route.
  bool drops() const { return kind != "unicast"; }
};

// The route marked best ('*'); nullopt for BIRD's "Network not found" or a reply without one.
std::optional<BestRoute> parseBestRoute(const BirdReply& reply);

// Asks the BIRD of `router` one command. Called from several threads at once.
using RouteQuery = std::function<BirdReply(const plan::Node& router, const std::string& command)>;

// Where traffic from one AS ends: `origin` is a node id, or empty when it ends nowhere, with
// `problem` saying why ("no route at as3/r100", "loop: as2/r100 > as2/r105 > as2/r100").
struct Arrival {
  std::string origin;
  std::string problem;
  bool reached() const { return !origin.empty(); }
  std::string label() const { return reached() ? origin : "unreachable"; }
};

// Who takes part for one AS: the router its traffic enters first (the gateway of its first host,
// else its first router) and the node that sends its probe (its first host that does not hold
// the address, else that router).
struct AsPlaces {
  int asn = 0;
  std::string start;  // router node id
  std::string probe;  // node id
};

// Every AS with a router, in ASN order. Exchanges' route servers are not ASes here.
std::vector<AsPlaces> catchmentPlaces(const plan::Plan& plan, Ipv4Address address);

// Nodes that hold `address` on an interface or as their loopback, plan order.
std::vector<std::string> addressHolders(const plan::Plan& plan, Ipv4Address address);

struct AsCatchment {
  int asn = 0;
  std::string start;
  std::string probe;
  std::optional<Arrival> measured;   // not set when not measured
  std::optional<Arrival> predicted;  // not set when not predicted
  std::string as_path;               // of the start router's best route
  std::vector<std::string> hops;     // routers the predicted path crosses, start first
  // Both sides set and naming the same place (unreachable counts as a place).
  bool agree() const;
};

struct Catchment {
  std::string address;
  std::vector<AsCatchment> ases;  // ASN order
  bool measured = false;
  bool predicted = false;
  // Every AS agrees; true when only one side was computed.
  bool allAgree() const;
  // Origin (or "unreachable") -> number of ASes, for the side given ("measured"/"predicted").
  std::map<std::string, int> counts(bool measuredSide) const;
};

// Fills in the predicted side of `catchment` (which holds catchmentPlaces()). Asks each router at
// most once, `parallel` at a time. A router that cannot be asked ends the paths through it
// ("cannot ask BIRD at X: ...").
void predictCatchment(const plan::Plan& plan, Ipv4Address address, const RouteQuery& query,
                      Catchment& catchment, int parallel = 16);

// A Catchment for `address` with its places filled in. Throws asemu::Error when `text` is not an
// IPv4 address.
Ipv4Address parseCatchmentAddress(const std::string& text);
Catchment newCatchment(const plan::Plan& plan, Ipv4Address address);

// Throws asemu::Error when no node holds the address and no predicted path ends at a router that
// originates it ("no router originates a route for 10.99.0.1").
void requireOrigin(const plan::Plan& plan, const Catchment& catchment);

// The table: AS, probe, measured, predicted, agree, AS path; then a count per origin.
std::string catchmentTable(const Catchment& catchment);
// The same as JSON (described by `asemu catchment --help`); BIRD's text in it may hold any bytes,
// so it is dumped with invalid UTF-8 replaced.
nlohmann::json catchmentJson(const Catchment& catchment);

}  // namespace asemu::runtime
