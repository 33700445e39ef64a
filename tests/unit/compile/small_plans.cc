#include "small_plans.h"

namespace asemu::compile::testing {

namespace {

using namespace asemu::plan;

Ipv4Address ip(const char* s) {
  return *Ipv4Address::parse(s);
}
Ipv4Prefix prefix(const char* s) {
  return *Ipv4Prefix::parse(s);
}

void addNetwork(Plan& p, int asn, const char* name, const char* pfx) {
  Network n;
  n.id = "as" + std::to_string(asn) + "/" + name;
  n.name = name;
  n.kind = NetworkKind::Local;
  n.scope = asn;
  n.prefix = prefix(pfx);
  p.networks.push_back(n);
}

void addExchange(Plan& p, int ix, const char* pfx, const char* display) {
  Network n;
  n.id = "ix/ix" + std::to_string(ix);
  n.name = "ix" + std::to_string(ix);
  n.kind = NetworkKind::Exchange;
  n.scope = ix;
  n.prefix = prefix(pfx);
  n.display_name = display;
  p.networks.push_back(n);
}

std::vector<Sysctl> standardSysctls() {
  return {{"net.ipv4.ip_forward", "1"},
          {"net.ipv4.conf.all.rp_filter", "0"},
          {"net.ipv4.conf.default.rp_filter", "0"}};
}

Node& addNode(Plan& p, int asn, const char* name, Role role) {
  Node n;
  n.id = (role == Role::RouteServer ? "ix/" : "as" + std::to_string(asn) + "/") + name;
  n.name = name;
  n.asn = asn;
  if (role == Role::RouteServer) n.exchange = asn;
  n.role = role;
  n.sysctls = standardSysctls();
  p.nodes.push_back(n);
  return p.nodes.back();
}

void join(Node& n, const Plan& p, const char* networkId, const char* address) {
  const Network* net = p.findNetwork(networkId);
  n.interfaces.push_back({net->name, networkId, ip(address), net->prefix.length()});
}

Node& addHost(Plan& p, int asn, const char* name, const char* net, const char* address,
              const char* gateway) {
  Node& h = addNode(p, asn, name, Role::Host);
  join(h, p, net, address);
  h.routes.push_back({prefix("0.0.0.0/0"), ip(gateway)});
  return h;
}

Node& addRouter(Plan& p, int asn, const char* name, const char* loopback) {
  Node& r = addNode(p, asn, name, Role::BorderRouter);
  r.loopback = ip(loopback);
  r.bird = Bird{};
  r.bird->router_id = ip(loopback);
  r.bird->asn = asn;
  return r;
}

BgpSession ebgp(const char* name, const char* local, int localAs, const char* neighbor,
                int neighborAs, RouteClass cls, int pref, ExportPolicy exp) {
  BgpSession s;
  s.name = name;
  s.kind = SessionKind::Ebgp;
  s.local_address = ip(local);
  s.local_as = localAs;
  s.neighbor_address = ip(neighbor);
  s.neighbor_as = neighborAs;
  s.import_class = cls;
  s.local_pref = pref;
  s.export_policy = exp;
  return s;
}

// Provider session pair: `provider` gives transit to `customer` over their IX addresses.
void provide(Node& provider, const char* providerAddr, Node& customer, const char* customerAddr) {
  provider.bird->sessions.push_back(ebgp(("c_as" + std::to_string(customer.asn)).c_str(),
                                         providerAddr, provider.asn, customerAddr, customer.asn,
                                         RouteClass::Customer, 30, ExportPolicy::All));
  customer.bird->sessions.push_back(ebgp(("u_as" + std::to_string(provider.asn)).c_str(),
                                         customerAddr, customer.asn, providerAddr, provider.asn,
                                         RouteClass::Provider, 10, ExportPolicy::OwnAndCustomers));
}

void rsMember(Node& rs, Node& member, const char* memberAddr) {
  const char* rsAddr = "10.100.0.100";
  member.bird->sessions.push_back(ebgp("p_rs100", memberAddr, member.asn, rsAddr, 100,
                                       RouteClass::Peer, 20, ExportPolicy::OwnAndCustomers));
  BgpSession s;
  s.name = "p_as" + std::to_string(member.asn);
  s.kind = SessionKind::RouteServerClient;
  s.local_address = ip(rsAddr);
  s.local_as = 100;
  s.neighbor_address = ip(memberAddr);
  s.neighbor_as = member.asn;
  rs.bird->sessions.push_back(s);
}

}  // namespace

Plan smallInternet() {
  Plan p;
  p.name = "small";
  addExchange(p, 100, "10.100.0.0/24", "NYC-100");
  addNetwork(p, 2, "net0", "10.2.0.0/24");
  addNetwork(p, 150, "net0", "10.150.0.0/24");
  addNetwork(p, 151, "net0", "10.151.0.0/24");
  p.networks.back().link.latency_ms = 5;
  p.networks.back().link.loss_percent = 0.5;

  p.nodes.reserve(16);  // references below stay valid
  Node& rs = addNode(p, 100, "ix100", Role::RouteServer);
  join(rs, p, "ix/ix100", "10.100.0.100");
  rs.bird = Bird{};
  rs.bird->router_id = ip("10.100.0.100");
  rs.bird->asn = 100;
  rs.bird->route_server = true;

  Node& r2 = addRouter(p, 2, "r100", "10.0.0.1");
  join(r2, p, "ix/ix100", "10.100.0.2");
  join(r2, p, "as2/net0", "10.2.0.254");
  r2.bird->direct_interfaces = {"net0"};
  r2.bird->ospf = Ospf{{"net0"}, {"dummy0", "ix100"}, {}};

  addHost(p, 150, "host_0", "as150/net0", "10.150.0.71", "10.150.0.254");
  Node& r150 = addRouter(p, 150, "router0", "10.0.0.2");
  join(r150, p, "as150/net0", "10.150.0.254");
  join(r150, p, "ix/ix100", "10.100.0.150");
  r150.bird->direct_interfaces = {"net0"};
  r150.bird->ospf = Ospf{{"net0"}, {"dummy0", "ix100"}, {}};

  addHost(p, 151, "host_0", "as151/net0", "10.151.0.71", "10.151.0.254");
  Node& r151 = addRouter(p, 151, "router0", "10.0.0.3");
  join(r151, p, "as151/net0", "10.151.0.254");
  join(r151, p, "ix/ix100", "10.100.0.151");
  r151.bird->direct_interfaces = {"net0"};

  provide(r2, "10.100.0.2", r150, "10.100.0.150");
  r2.bird->sessions.push_back(ebgp("p_as151", "10.100.0.2", 2, "10.100.0.151", 151,
                                   RouteClass::Peer, 20, ExportPolicy::OwnAndCustomers));
  r151.bird->sessions.push_back(ebgp("p_as2", "10.100.0.151", 151, "10.100.0.2", 2,
                                     RouteClass::Peer, 20, ExportPolicy::OwnAndCustomers));
  rsMember(rs, r2, "10.100.0.2");
  rsMember(rs, r151, "10.100.0.151");
  return p;
}

Plan sharedPrefixInternet() {
  Plan p = smallInternet();
  p.name = "shared-prefix";
  p.nodes.reserve(32);  // a copy does not keep the capacity reserved above
  addNetwork(p, 180, "net0", "10.180.0.0/24");
  addNetwork(p, 180, "net1", "10.180.0.0/24");
  addHost(p, 180, "host-0", "as180/net0", "10.180.0.100", "10.180.0.254");
  addHost(p, 180, "host-1", "as180/net1", "10.180.0.100", "10.180.0.254");
  Node& r0 = addRouter(p, 180, "router0", "10.0.0.4");
  join(r0, p, "as180/net0", "10.180.0.254");
  join(r0, p, "ix/ix100", "10.100.0.180");
  r0.bird->direct_interfaces = {"net0"};
  Node& r1 = addRouter(p, 180, "router1", "10.0.0.5");
  join(r1, p, "as180/net1", "10.180.0.254");
  join(r1, p, "ix/ix100", "10.100.0.181");
  r1.bird->direct_interfaces = {"net1"};
  provide(*p.findNode("as2/r100"), "10.100.0.2", r0, "10.100.0.180");
  rsMember(*p.findNode("ix/ix100"), r1, "10.100.0.181");
  return p;
}

}  // namespace asemu::compile::testing
