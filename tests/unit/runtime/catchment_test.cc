#include "asemu/runtime/catchment.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <mutex>

#include "asemu/core/error.h"

namespace asemu::runtime {
namespace {

// Replies as BIRD 2.0.12 sends them on its control socket (codes included).
const char* kThreeRoutes =
    "1007-Table master4:\n"
    " 10.180.0.0/24        unicast [c_as180 22:16:17.161] * (100) [AS180i]\n"
    " \tvia 10.100.0.180 on ix100\n"
    "1008-\tType: BGP univ\n"
    "1012-\tBGP.origin: IGP\n"
    " \tBGP.as_path: 180\n"
    " \tBGP.next_hop: 10.100.0.180\n"
    " \tBGP.local_pref: 30\n"
    " \tBGP.large_community: (180, 0, 0) (3, 1, 0)\n"
    "1007-                     unicast [ibgp2 22:16:22.560 from 10.0.0.8] (100/20) [AS180i]\n"
    " \tvia 10.3.1.253 on net_100_105\n"
    "1008-\tType: BGP univ\n"
    "1012-\tBGP.origin: IGP\n"
    " \tBGP.as_path: 180\n"
    " \tBGP.next_hop: 10.105.0.180\n"
    " \tBGP.local_pref: 30\n"
    "1007-                     unicast [p_rs100 22:16:22.644 from 10.100.0.100] (100) [AS180i]\n"
    " \tvia 10.100.0.2 on ix100\n"
    "1008-\tType: BGP univ\n"
    "1012-\tBGP.origin: IGP\n"
    " \tBGP.as_path: 2 180\n"
    " \tBGP.next_hop: 10.100.0.2\n"
    " \tBGP.local_pref: 20\n"
    "0000 \n";

// A route learned over iBGP: the next hop printed is the one the kernel forwards to.
std::string bgpReply(const std::string& via, const std::string& dev, const std::string& path,
                     const std::string& proto = "u_as2", const std::string& from = "") {
  return "1007-Table master4:\n"
         " 10.180.0.0/24        unicast [" +
         proto + " 22:16:22.643" + (from.empty() ? "" : " from " + from) + "] * (100) [AS180i]\n" +
         " \tvia " + via + " on " + dev + "\n" + "1008-\tType: BGP univ\n" +
         "1012-\tBGP.origin: IGP\n" + " \tBGP.as_path: " + path + "\n" + " \tBGP.local_pref: 10\n" +
         "0000 \n";
}

std::string directReply(const std::string& dev) {
  return "1007-Table master4:\n"
         " 10.180.0.0/24        unicast [local_nets 22:16:16.868] * (240)\n"
         " \tdev " +
         dev +
         "\n"
         "1008-\tType: device univ\n"
         "1012-\tBGP.local_pref: 40\n"
         "1007-                     unicast [ospf1 22:16:16.953] I (150/10) [10.0.0.28]\n"
         " \tdev " +
         dev +
         "\n"
         "1008-\tType: OSPF univ\n"
         "0000 \n";
}

const char* kBlackhole =
    "1007-Table master4:\n"
    " 10.180.0.0/24        blackhole [static_announce 22:30:01.000] * (200)\n"
    "1008-\tType: static univ\n"
    "0000 \n";

const char* kNotFound = "8001 Network not found\n";

TEST(ParseBestRoute, TakesTheRouteMarkedBest) {
  auto r = parseBestRoute(parseBirdReply(kThreeRoutes));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->prefix, "10.180.0.0/24");
  EXPECT_EQ(r->kind, "unicast");
  EXPECT_EQ(r->protocol, "c_as180");
  EXPECT_EQ(r->type, "BGP");
  ASSERT_TRUE(r->via);
  EXPECT_EQ(r->via->str(), "10.100.0.180");
  EXPECT_EQ(r->dev, "ix100");
  EXPECT_EQ(r->as_path, "180");
  EXPECT_FALSE(r->drops());
}

TEST(ParseBestRoute, BestRouteAfterOthersKeepsThePrefixOfTheFirst) {
  std::string raw =
      "1007-Table master4:\n"
      " 10.180.0.0/24        unicast [u_as3 22:16:17.162] (100) [AS180i]\n"
      " \tvia 10.100.0.3 on ix100\n"
      "1008-\tType: BGP univ\n"
      "1012-\tBGP.as_path: 3 180\n"
      "1007-                     unicast [u_as2 22:16:22.643] * (100) [AS180i]\n"
      " \tvia 10.100.0.2 on ix100\n"
      "1008-\tType: BGP univ\n"
      "1012-\tBGP.as_path: 2 180\n"
      "0000 \n";
  auto r = parseBestRoute(parseBirdReply(raw));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->prefix, "10.180.0.0/24");
  EXPECT_EQ(r->protocol, "u_as2");
  EXPECT_EQ(r->via->str(), "10.100.0.2");
  EXPECT_EQ(r->as_path, "2 180");
}

TEST(ParseBestRoute, DirectRouteHasNoNextHopAndNoAsPath) {
  auto r = parseBestRoute(parseBirdReply(directReply("net0")));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->protocol, "local_nets");
  EXPECT_EQ(r->type, "device");
  EXPECT_FALSE(r->via);
  EXPECT_EQ(r->dev, "net0");
  EXPECT_EQ(r->as_path, "");
}

TEST(ParseBestRoute, BlackholeDrops) {
  auto r = parseBestRoute(parseBirdReply(kBlackhole));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, "blackhole");
  EXPECT_TRUE(r->drops());
}

TEST(ParseBestRoute, NetworkNotFoundIsNoRoute) {
  EXPECT_FALSE(parseBestRoute(parseBirdReply(kNotFound)));
}

// --- a hand-built anycast Internet -------------------------------------------------------

plan::Network network(const std::string& id, const std::string& prefix,
                      plan::NetworkKind kind = plan::NetworkKind::Local) {
  plan::Network n;
  n.id = id;
  n.name = id.substr(id.find('/') + 1);
  n.kind = kind;
  n.prefix = *Ipv4Prefix::parse(prefix);
  return n;
}

plan::Node node(const std::string& id, int asn, plan::Role role,
                std::vector<std::pair<std::string, std::string>> interfaces,
                const std::string& loopback = "") {
  plan::Node n;
  n.id = id;
  n.name = id.substr(id.find('/') + 1);
  n.asn = asn;
  n.role = role;
  for (const auto& [net, address] : interfaces)
    n.interfaces.push_back({net.substr(net.find('/') + 1), net, *Ipv4Address::parse(address), 24});
  if (!loopback.empty()) n.loopback = Ipv4Address::parse(loopback);
  if (role != plan::Role::Host) {
    n.bird.emplace();
    n.bird->asn = asn;
    n.bird->route_server = role == plan::Role::RouteServer;
  }
  return n;
}

plan::Node host(const std::string& id, int asn, const std::string& net, const std::string& address,
                const std::string& gateway) {
  plan::Node n = node(id, asn, plan::Role::Host, {{net, address}});
  n.routes.push_back({*Ipv4Prefix::parse("0.0.0.0/0"), *Ipv4Address::parse(gateway)});
  return n;
}

// AS180 holds 10.180.0.100 at two sites (net0 behind router0 on ix100, net1 behind router1 on
// ix101; both routers are 10.180.0.254). AS2 has r0 on ix100 and r1 on ix101, joined by its
// net0, and a host behind r0. AS3 has r0 on ix100, which learns routes from the route server.
plan::Plan anycastPlan() {
  plan::Plan p;
  p.name = "any";
  p.networks = {network("ix/ix100", "10.100.0.0/24", plan::NetworkKind::Exchange),
                network("ix/ix101", "10.101.0.0/24", plan::NetworkKind::Exchange),
                network("as180/net0", "10.180.0.0/24"), network("as180/net1", "10.180.0.0/24"),
                network("as2/net0", "10.2.0.0/24")};
  using plan::Role;
  p.nodes = {
      host("as2/h0", 2, "as2/net0", "10.2.0.71", "10.2.0.254"),
      node("as2/r0", 2, Role::BorderRouter,
           {{"as2/net0", "10.2.0.254"}, {"ix/ix100", "10.100.0.2"}}, "10.0.0.1"),
      node("as2/r1", 2, Role::BorderRouter,
           {{"as2/net0", "10.2.0.253"}, {"ix/ix101", "10.101.0.2"}}, "10.0.0.2"),
      node("as3/r0", 3, Role::BorderRouter, {{"ix/ix100", "10.100.0.3"}}, "10.0.0.3"),
      host("as180/host-0", 180, "as180/net0", "10.180.0.100", "10.180.0.254"),
      host("as180/host-1", 180, "as180/net1", "10.180.0.100", "10.180.0.254"),
      node("as180/router1", 180, Role::BorderRouter,
           {{"as180/net1", "10.180.0.254"}, {"ix/ix101", "10.101.0.180"}}, "10.0.0.29"),
      node("as180/router0", 180, Role::BorderRouter,
           {{"as180/net0", "10.180.0.254"}, {"ix/ix100", "10.100.0.180"}}, "10.0.0.28"),
      node("ix/ix100", 100, Role::RouteServer, {{"ix/ix100", "10.100.0.100"}}),
  };
  p.nodes.back().exchange = 100;
  return p;
}

// Answers `show route for ... all` from raw replies per router, counting the questions.
struct FakeTables {
  std::map<std::string, std::string> replies;
  std::map<std::string, int> asked;
  std::mutex mutex;

  RouteQuery query() {
    return [this](const plan::Node& router, const std::string& command) {
      {
        std::lock_guard lock(mutex);
        ++asked[router.id];
      }
      EXPECT_EQ(command, "show route for 10.180.0.100 all");
      auto it = replies.find(router.id);
      if (it == replies.end()) throw Error(router.id, "cannot reach BIRD at /run/bird.ctl");
      return parseBirdReply(it->second);
    };
  }
};

const Ipv4Address kAnycast(10, 180, 0, 100);

Catchment predict(const plan::Plan& p, FakeTables& tables) {
  Catchment c = newCatchment(p, kAnycast);
  predictCatchment(p, kAnycast, tables.query(), c, 4);
  return c;
}

const AsCatchment& as(const Catchment& c, int asn) {
  for (const auto& a : c.ases)
    if (a.asn == asn) return a;
  throw std::runtime_error("no AS" + std::to_string(asn));
}

void normalTables(FakeTables& t) {
  t.replies["as180/router0"] = directReply("net0");
  t.replies["as180/router1"] = directReply("net1");
  // AS2 prefers the site behind ix101, through its own net0 (an iBGP route).
  t.replies["as2/r0"] = bgpReply("10.2.0.253", "net0", "180", "ibgp1", "10.0.0.2");
  t.replies["as2/r1"] = bgpReply("10.101.0.180", "ix101", "180");
  // AS3 learned router0's route from the route server, which keeps the next hop.
  t.replies["as3/r0"] = bgpReply("10.100.0.180", "ix100", "180", "p_rs100", "10.100.0.100");
}

TEST(CatchmentPlaces, StartAtTheFirstHostsGatewayAndProbeFromAHostWithoutTheAddress) {
  auto places = catchmentPlaces(anycastPlan(), kAnycast);
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[0].asn, 2);
  EXPECT_EQ(places[0].start, "as2/r0");
  EXPECT_EQ(places[0].probe, "as2/h0");
  EXPECT_EQ(places[1].asn, 3);
  EXPECT_EQ(places[1].start, "as3/r0");
  EXPECT_EQ(places[1].probe, "as3/r0");
  // Both routers of AS180 are 10.180.0.254: host-0's gateway is the one on its own network.
  EXPECT_EQ(places[2].asn, 180);
  EXPECT_EQ(places[2].start, "as180/router0");
  EXPECT_EQ(places[2].probe, "as180/router0");  // every host of AS180 holds the address
}

TEST(PredictCatchment, FollowsNextHopsToTheSiteThatHoldsTheAddress) {
  plan::Plan p = anycastPlan();
  FakeTables t;
  normalTables(t);
  Catchment c = predict(p, t);
  EXPECT_EQ(as(c, 2).predicted->origin, "as180/host-1");
  EXPECT_EQ(as(c, 2).as_path, "180");
  EXPECT_EQ(as(c, 2).hops, (std::vector<std::string>{"as2/r0", "as2/r1", "as180/router1"}));
  EXPECT_EQ(as(c, 3).predicted->origin, "as180/host-0");
  EXPECT_EQ(as(c, 3).hops, (std::vector<std::string>{"as3/r0", "as180/router0"}));
  EXPECT_EQ(as(c, 180).predicted->origin, "as180/host-0");
  EXPECT_EQ(as(c, 180).as_path, "");
  EXPECT_EQ(c.counts(false),
            (std::map<std::string, int>{{"as180/host-0", 2}, {"as180/host-1", 1}}));
  // Every forwarding router once; the route server never.
  EXPECT_EQ(t.asked.size(), 5u);
  for (const auto& [router, n] : t.asked) EXPECT_EQ(n, 1) << router;
  EXPECT_FALSE(t.asked.count("ix/ix100"));
}

TEST(PredictCatchment, IbgpNextHopOnALoopback) {
  plan::Plan p = anycastPlan();
  FakeTables t;
  normalTables(t);
  t.replies["as2/r0"] = bgpReply("10.0.0.2", "net0", "180", "ibgp1", "10.0.0.2");
  Catchment c = predict(p, t);
  EXPECT_EQ(as(c, 2).predicted->origin, "as180/host-1");
  EXPECT_EQ(as(c, 2).hops, (std::vector<std::string>{"as2/r0", "as2/r1", "as180/router1"}));
}

TEST(PredictCatchment, LoopIsUnreachable) {
  plan::Plan p = anycastPlan();
  FakeTables t;
  normalTables(t);
  t.replies["as2/r1"] = bgpReply("10.2.0.254", "net0", "180", "ibgp1", "10.0.0.1");
  Catchment c = predict(p, t);
  const AsCatchment& a = as(c, 2);
  EXPECT_FALSE(a.predicted->reached());
  EXPECT_EQ(a.predicted->label(), "unreachable");
  EXPECT_EQ(a.predicted->problem, "loop: as2/r0 > as2/r1 > as2/r0");
  EXPECT_EQ(as(c, 3).predicted->origin, "as180/host-0");
}

TEST(PredictCatchment, DeadEndsAreUnreachableWithTheReason) {
  plan::Plan p = anycastPlan();
  FakeTables t;
  normalTables(t);
  t.replies["as3/r0"] = kNotFound;
  t.replies.erase("as2/r1");
  Catchment c = predict(p, t);
  EXPECT_EQ(as(c, 3).predicted->problem, "no route at as3/r0");
  EXPECT_EQ(as(c, 2).predicted->problem,
            "cannot ask BIRD at as2/r1: cannot reach BIRD at /run/bird.ctl");
  EXPECT_EQ(as(c, 180).predicted->origin, "as180/host-0");
}

TEST(PredictCatchment, NextHopThatIsNoNodesAddress) {
  plan::Plan p = anycastPlan();
  FakeTables t;
  normalTables(t);
  t.replies["as3/r0"] = bgpReply("10.100.0.77", "ix100", "9 180");
  Catchment c = predict(p, t);
  EXPECT_EQ(as(c, 3).predicted->problem, "next hop 10.100.0.77 of as3/r0 is no node's address");
}

TEST(PredictCatchment, RouterWithABlackholeIsTheOrigin) {
  plan::Plan p = anycastPlan();
  FakeTables t;
  normalTables(t);
  // AS3 hijacks the prefix: its router drops what it attracts, and AS2 follows it.
  t.replies["as3/r0"] = kBlackhole;
  t.replies["as2/r0"] = bgpReply("10.100.0.3", "ix100", "3", "p_rs100", "10.100.0.100");
  Catchment c = predict(p, t);
  EXPECT_EQ(as(c, 3).predicted->origin, "as3/r0");
  EXPECT_EQ(as(c, 2).predicted->origin, "as3/r0");
  EXPECT_EQ(as(c, 2).as_path, "3");
}

TEST(PredictCatchment, AProbeOnTheNetworkOfTheAddressReachesItWithoutItsRouter) {
  plan::Plan p = anycastPlan();
  // A host of AS180 without the address, beside host-0 on net0.
  p.nodes.push_back(host("as180/h2", 180, "as180/net0", "10.180.0.72", "10.180.0.254"));
  FakeTables t;
  normalTables(t);
  // router0 follows a more specific route to AS3, which drops the traffic.
  t.replies["as3/r0"] = kBlackhole;
  t.replies["as180/router0"] = bgpReply("10.100.0.3", "ix100", "3", "p_rs100", "10.100.0.100");
  Catchment c = predict(p, t);
  EXPECT_EQ(as(c, 180).probe, "as180/h2");
  EXPECT_EQ(as(c, 180).predicted->origin, "as180/host-0");
  EXPECT_EQ(as(c, 180).hops, (std::vector<std::string>{"as180/h2"}));
  EXPECT_EQ(as(c, 3).predicted->origin, "as3/r0");
}

TEST(Catchment, AgreementAndExitStatus) {
  plan::Plan p = anycastPlan();
  FakeTables t;
  normalTables(t);
  Catchment c = predict(p, t);
  EXPECT_TRUE(c.allAgree());  // one side only
  for (auto& a : c.ases) a.measured = a.predicted;
  c.measured = true;
  EXPECT_TRUE(c.allAgree());
  c.ases[0].measured = Arrival{"as180/host-0", ""};
  EXPECT_FALSE(c.ases[0].agree());
  EXPECT_FALSE(c.allAgree());
  std::string table = catchmentTable(c);
  EXPECT_NE(table.find("AS2      as2/h0             as180/host-0       as180/host-1       no"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("as180/host-1: measured 0 predicted 1"), std::string::npos) << table;
  auto j = catchmentJson(c);
  EXPECT_EQ(j["all_agree"], false);
  EXPECT_EQ(j["ases"][0]["asn"], 2);
  EXPECT_EQ(j["ases"][0]["measured"]["origin"], "as180/host-0");
  EXPECT_EQ(j["ases"][0]["predicted"]["origin"], "as180/host-1");
  EXPECT_EQ(j["ases"][0]["agree"], false);
  EXPECT_EQ(j["counts"]["predicted"]["as180/host-0"], 2);
}

TEST(Catchment, BadAddressAndNoOrigin) {
  try {
    parseCatchmentAddress("10.180.0");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "10.180.0: is not an IPv4 address (write it as a dotted quad, e.g. 10.180.0.100)");
  }
  plan::Plan p = anycastPlan();
  Ipv4Address nowhere(10, 99, 0, 1);
  Catchment c = newCatchment(p, nowhere);
  FakeTables t;  // every router: Network not found
  for (const auto& n : p.nodes) t.replies[n.id] = kNotFound;
  predictCatchment(
      p, nowhere,
      [&](const plan::Node& r, const std::string&) { return parseBirdReply(t.replies[r.id]); }, c);
  try {
    requireOrigin(p, c);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "catchment: no router originates a route for 10.99.0.1 and no node holds it "
              "(check the address)");
  }
  Catchment held = newCatchment(p, kAnycast);
  EXPECT_NO_THROW(requireOrigin(p, held));
}

}  // namespace
}  // namespace asemu::runtime
