// Facts of the anycast demo that users of SEED know and that other parts of asemu rely on.
#include <gtest/gtest.h>

#include <set>

#include "anycast_fixture.h"

namespace asemu {
namespace {

using plan::BgpSession;
using plan::ExportPolicy;
using plan::Node;
using plan::Role;
using plan::RouteClass;
using plan::SessionKind;

const plan::Plan& demo() {
  return testing::anycastPlan();
}

const Node& node(const std::string& id) {
  const Node* n = demo().findNode(id);
  EXPECT_NE(n, nullptr) << id;
  static const Node none;
  return n ? *n : none;
}

const BgpSession& session(const std::string& nodeId, const std::string& name) {
  const Node& n = node(nodeId);
  const BgpSession* s = n.bird ? n.bird->findSession(name) : nullptr;
  EXPECT_NE(s, nullptr) << nodeId << " " << name;
  static const BgpSession none;
  return s ? *s : none;
}

std::vector<std::string> sessionNames(const std::string& nodeId) {
  std::vector<std::string> out;
  const Node& n = node(nodeId);
  if (n.bird)
    for (const auto& s : n.bird->sessions) out.push_back(s.name);
  return out;
}

std::string addressOn(const std::string& nodeId, const std::string& ifname) {
  const plan::Interface* i = node(nodeId).findInterface(ifname);
  return i ? i->address.str() : "(none)";
}

TEST(AnycastDemo, Has62Nodes) {
  int hosts = 0, routers = 0, routeServers = 0;
  for (const auto& n : demo().nodes) {
    hosts += n.role == Role::Host;
    routers += n.isRouter();
    routeServers += n.role == Role::RouteServer;
  }
  EXPECT_EQ(demo().nodes.size(), 62u);
  EXPECT_EQ(hosts, 27);
  EXPECT_EQ(routers, 29);
  EXPECT_EQ(routeServers, 6);
  EXPECT_EQ(demo().name, "ip-anycast");
}

TEST(AnycastDemo, AnycastRouter0) {
  EXPECT_EQ(node("as180/router0").loopback->str(), "10.0.0.28");
  EXPECT_EQ(node("as180/router0").bird->router_id.str(), "10.0.0.28");
  EXPECT_EQ(node("as180/router0").role, Role::BorderRouter);
  EXPECT_EQ(addressOn("as180/router0", "net0"), "10.180.0.254");
  EXPECT_EQ(addressOn("as180/router0", "ix100"), "10.100.0.180");
  EXPECT_EQ(sessionNames("as180/router0"), (std::vector<std::string>{"u_as3", "u_as4"}));

  const BgpSession& u3 = session("as180/router0", "u_as3");
  EXPECT_EQ(u3.kind, SessionKind::Ebgp);
  EXPECT_EQ(u3.local_address.str(), "10.100.0.180");
  EXPECT_EQ(u3.local_as, 180);
  EXPECT_EQ(u3.neighbor_address.str(), "10.100.0.3");
  EXPECT_EQ(u3.neighbor_as, 3);
  EXPECT_EQ(u3.neighbor_node, "as3/r100");
  const BgpSession& u4 = session("as180/router0", "u_as4");
  EXPECT_EQ(u4.local_address.str(), "10.100.0.180");
  EXPECT_EQ(u4.neighbor_address.str(), "10.100.0.4");
  EXPECT_EQ(u4.neighbor_as, 4);
}

TEST(AnycastDemo, AnycastRouter1) {
  EXPECT_EQ(node("as180/router1").loopback->str(), "10.0.0.29");
  EXPECT_EQ(addressOn("as180/router1", "net1"), "10.180.0.254");
  EXPECT_EQ(sessionNames("as180/router1"), (std::vector<std::string>{"u_as2", "u_as3"}));
  const BgpSession& u2 = session("as180/router1", "u_as2");
  EXPECT_EQ(u2.local_address.str(), "10.105.0.180");
  EXPECT_EQ(u2.neighbor_address.str(), "10.105.0.2");
  EXPECT_EQ(u2.neighbor_as, 2);
  const BgpSession& u3 = session("as180/router1", "u_as3");
  EXPECT_EQ(u3.local_address.str(), "10.105.0.180");
  EXPECT_EQ(u3.neighbor_address.str(), "10.105.0.3");
  EXPECT_EQ(u3.neighbor_as, 3);
}

TEST(AnycastDemo, BothAnycastHostsShareOneAddress) {
  for (const auto& [id, net] :
       {std::pair{"as180/host-0", "as180/net0"}, {"as180/host-1", "as180/net1"}}) {
    const Node& h = node(id);
    ASSERT_EQ(h.interfaces.size(), 1u) << id;
    EXPECT_EQ(h.interfaces[0].address.str(), "10.180.0.100");
    EXPECT_EQ(h.interfaces[0].network, net);
    ASSERT_EQ(h.routes.size(), 1u);
    EXPECT_EQ(h.routes[0].destination.str(), "0.0.0.0/0");
    EXPECT_EQ(h.routes[0].via.str(), "10.180.0.254");
  }
  EXPECT_EQ(demo().findNetwork("as180/net0")->prefix.str(), "10.180.0.0/24");
  EXPECT_EQ(demo().findNetwork("as180/net1")->prefix.str(), "10.180.0.0/24");
}

TEST(AnycastDemo, As180HasNoIbgpBetweenItsHalves) {
  for (const char* id : {"as180/router0", "as180/router1"})
    for (const auto& s : node(id).bird->sessions) EXPECT_NE(s.kind, SessionKind::Ibgp) << s.name;
}

TEST(AnycastDemo, As2R100) {
  EXPECT_EQ(addressOn("as2/r100", "ix100"), "10.100.0.2");
  EXPECT_EQ(node("as2/r100").loopback->str(), "10.0.0.1");
  EXPECT_EQ(sessionNames("as2/r100"),
            (std::vector<std::string>{"p_rs100", "c_as150", "c_as151", "ibgp1", "ibgp2", "ibgp3"}));
  // iBGP between loopbacks, to r101, r102 and r105 in creation order.
  std::vector<std::string> peers;
  for (const char* name : {"ibgp1", "ibgp2", "ibgp3"}) {
    const BgpSession& s = session("as2/r100", name);
    EXPECT_EQ(s.kind, SessionKind::Ibgp);
    EXPECT_EQ(s.local_address.str(), "10.0.0.1");
    EXPECT_EQ(s.neighbor_as, 2);
    peers.push_back(s.neighbor_address.str() + " " + s.neighbor_node);
  }
  EXPECT_EQ(peers, (std::vector<std::string>{"10.0.0.2 as2/r101", "10.0.0.3 as2/r102",
                                             "10.0.0.4 as2/r105"}));
}

TEST(AnycastDemo, Ix100RouteServer) {
  const Node& rs = node("ix/ix100");
  EXPECT_EQ(rs.role, Role::RouteServer);
  EXPECT_EQ(rs.asn, 100);
  EXPECT_EQ(addressOn("ix/ix100", "ix100"), "10.100.0.100");
  EXPECT_FALSE(rs.loopback.has_value());
  EXPECT_TRUE(rs.bird->route_server);
  EXPECT_EQ(rs.bird->router_id.str(), "10.100.0.100");
  EXPECT_EQ(sessionNames("ix/ix100"), (std::vector<std::string>{"p_as2", "p_as3", "p_as4"}));
  for (int asn : {2, 3, 4}) {
    const BgpSession& s = session("ix/ix100", "p_as" + std::to_string(asn));
    EXPECT_EQ(s.kind, SessionKind::RouteServerClient);
    EXPECT_EQ(s.local_address.str(), "10.100.0.100");
    EXPECT_EQ(s.local_as, 100);
    EXPECT_EQ(s.neighbor_address.str(), "10.100.0." + std::to_string(asn));
    EXPECT_EQ(s.neighbor_as, asn);
  }
}

TEST(AnycastDemo, RelationshipPolicies) {
  struct Expected {
    const char* node;
    const char* session;
    RouteClass cls;
    int pref;
    ExportPolicy exportPolicy;
  };
  for (const auto& e : {
           Expected{"as2/r100", "c_as150", RouteClass::Customer, 30, ExportPolicy::All},
           Expected{"as2/r100", "p_rs100", RouteClass::Peer, 20, ExportPolicy::OwnAndCustomers},
           Expected{"as150/router0", "u_as2", RouteClass::Provider, 10,
                    ExportPolicy::OwnAndCustomers},
           Expected{"as150/router0", "u_as3", RouteClass::Provider, 10,
                    ExportPolicy::OwnAndCustomers},
           Expected{"as3/r100", "c_as180", RouteClass::Customer, 30, ExportPolicy::All},
           Expected{"as180/router1", "u_as2", RouteClass::Provider, 10,
                    ExportPolicy::OwnAndCustomers},
           Expected{"as12/r101", "u_as2", RouteClass::Provider, 10, ExportPolicy::OwnAndCustomers},
           Expected{"as12/r101", "c_as152", RouteClass::Customer, 30, ExportPolicy::All},
       }) {
    const BgpSession& s = session(e.node, e.session);
    EXPECT_EQ(s.import_class, e.cls) << e.node << " " << e.session;
    EXPECT_EQ(s.local_pref, e.pref) << e.node << " " << e.session;
    EXPECT_EQ(s.export_policy, e.exportPolicy) << e.node << " " << e.session;
  }
}

TEST(AnycastDemo, OspfOfATransitRouter) {
  const plan::Bird& bird = *node("as3/r100").bird;
  ASSERT_TRUE(bird.ospf.has_value());
  EXPECT_EQ(bird.ospf->active_interfaces, (std::vector<std::string>{"net_100_103", "net_100_105"}));
  EXPECT_EQ(bird.ospf->stub_interfaces, (std::vector<std::string>{"dummy0", "ix100"}));
  EXPECT_EQ(bird.direct_interfaces, (std::vector<std::string>{"net_100_103", "net_100_105"}));
  // A route server runs no IGP.
  EXPECT_FALSE(node("ix/ix100").bird->ospf.has_value());
}

TEST(AnycastDemo, LoopbacksFollowAsThenRouterCreationOrder) {
  std::vector<std::string> order;
  std::set<std::string> seen;
  int k = 0;
  for (const auto& n : demo().nodes) {
    if (!n.isRouter()) continue;
    ++k;
    EXPECT_EQ(n.loopback->str(), "10.0.0." + std::to_string(k)) << n.id;
    EXPECT_TRUE(seen.insert(n.loopback->str()).second);
  }
  EXPECT_EQ(k, 29);
  EXPECT_EQ(node("as2/r105").loopback->str(), "10.0.0.4");
  EXPECT_EQ(node("as3/r100").loopback->str(), "10.0.0.5");
  EXPECT_EQ(node("as171/router0").loopback->str(), "10.0.0.27");
}

TEST(AnycastDemo, StubAddressesAndTheExtraHost) {
  EXPECT_EQ(addressOn("as154/host_0", "net0"), "10.154.0.71");
  EXPECT_EQ(addressOn("as154/host_1", "net0"), "10.154.0.72");
  EXPECT_EQ(addressOn("as154/host_new", "net0"), "10.154.0.129");
  EXPECT_EQ(addressOn("as154/router0", "net0"), "10.154.0.254");
  EXPECT_EQ(addressOn("as154/router0", "ix102"), "10.102.0.154");
  EXPECT_EQ(node("as154/host_new").routes.at(0).via.str(), "10.154.0.254");
  EXPECT_EQ(addressOn("as150/host_0", "net0"), "10.150.0.71");
  // Transit routers: the n-th auto network of AS A is 10.A.n.0/24, routers count down from .254.
  EXPECT_EQ(addressOn("as3/r100", "net_100_103"), "10.3.0.254");
  EXPECT_EQ(addressOn("as3/r103", "net_100_103"), "10.3.0.253");
  EXPECT_EQ(addressOn("as3/r103", "net_103_104"), "10.3.3.254");
  EXPECT_EQ(addressOn("as3/r104", "net_103_104"), "10.3.3.253");
}

TEST(AnycastDemo, InterfacesInJoinOrder) {
  std::vector<std::string> names;
  for (const auto& i : node("as2/r101").interfaces) names.push_back(i.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ix101", "net_100_101", "net_101_102"}));
  names.clear();
  for (const auto& i : node("as180/router1").interfaces) names.push_back(i.name);
  EXPECT_EQ(names, (std::vector<std::string>{"net1", "ix105"}));
}

TEST(AnycastDemo, ExchangesWithDisplayNames) {
  std::vector<std::string> shown;
  for (int ix = 100; ix <= 105; ++ix) {
    const plan::Network* n = demo().findNetwork("ix/ix" + std::to_string(ix));
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->kind, plan::NetworkKind::Exchange);
    EXPECT_EQ(n->prefix.str(), "10." + std::to_string(ix) + ".0.0/24");
    shown.push_back(n->display_name);
  }
  EXPECT_EQ(shown, (std::vector<std::string>{"NYC-100", "San Jose-101", "Chicago-102", "Miami-103",
                                             "Boston-104", "Huston-105"}));
}

TEST(AnycastDemo, EveryNodeForwardsWithoutReversePathFilter) {
  for (const auto& n : demo().nodes) {
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& s : n.sysctls) got.push_back({s.key, s.value});
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                       {"net.ipv4.conf.all.rp_filter", "0"},
                       {"net.ipv4.conf.default.rp_filter", "0"},
                       {"net.ipv4.ip_forward", "1"}}))
        << n.id;
  }
}

}  // namespace
}  // namespace asemu
