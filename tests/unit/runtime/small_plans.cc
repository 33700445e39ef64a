#include "small_plans.h"

namespace asemu::runtime::testing {

namespace {

Ipv4Address ip(const char* text) {
  return *Ipv4Address::parse(text);
}
Ipv4Prefix net(const char* text) {
  return *Ipv4Prefix::parse(text);
}

std::vector<plan::Sysctl> standardSysctls() {
  return {{"net.ipv4.ip_forward", "1"},
          {"net.ipv4.conf.all.rp_filter", "0"},
          {"net.ipv4.conf.default.rp_filter", "0"}};
}

plan::Node host(int asn, const std::string& name, const std::string& network, const char* address,
                const char* gateway) {
  plan::Node n;
  n.id = "as" + std::to_string(asn) + "/" + name;
  n.name = name;
  n.asn = asn;
  n.role = plan::Role::Host;
  n.interfaces.push_back({"net0", network, ip(address), 24});
  n.routes.push_back({net("0.0.0.0/0"), ip(gateway)});
  n.sysctls = standardSysctls();
  return n;
}

}  // namespace

plan::Plan twoHostsAndRouter(const std::string& name) {
  plan::Plan p;
  p.name = name;
  p.networks.push_back(
      {"as150/net0", "net0", plan::NetworkKind::Local, 150, net("10.150.0.0/24"), "", {}});
  p.nodes.push_back(host(150, "host_0", "as150/net0", "10.150.0.71", "10.150.0.254"));
  p.nodes.push_back(host(150, "host_1", "as150/net0", "10.150.0.72", "10.150.0.254"));
  plan::Node r;
  r.id = "as150/router0";
  r.name = "router0";
  r.asn = 150;
  r.role = plan::Role::Router;
  r.interfaces.push_back({"net0", "as150/net0", ip("10.150.0.254"), 24});
  r.loopback = ip("10.0.0.1");
  r.sysctls = standardSysctls();
  plan::Bird b;
  b.router_id = ip("10.0.0.1");
  b.asn = 150;
  b.direct_interfaces = {"net0"};
  r.bird = b;
  p.nodes.push_back(r);
  return p;
}

plan::Plan hostsOnOneNetwork(int count, const std::string& name) {
  plan::Plan p;
  p.name = name;
  p.networks.push_back(
      {"as20/net0", "net0", plan::NetworkKind::Local, 20, net("10.20.0.0/16"), "", {}});
  for (int i = 0; i < count; ++i) {
    plan::Node n;
    n.id = "as20/host_" + std::to_string(i);
    n.name = "host_" + std::to_string(i);
    n.asn = 20;
    n.role = plan::Role::Host;
    n.interfaces.push_back(
        {"net0", "as20/net0", Ipv4Address(10, 20, (i + 1) / 256, (i + 1) % 256), 16});
    p.nodes.push_back(n);
  }
  return p;
}

plan::Plan twoRoutersEbgp(const std::string& name) {
  plan::Plan p;
  p.name = name;
  p.networks.push_back(
      {"ix/ix100", "ix100", plan::NetworkKind::Exchange, 100, net("10.100.0.0/24"), "NYC-100", {}});
  int k = 1;
  for (int asn : {2, 3}) {
    std::string local = "as" + std::to_string(asn) + "/net0";
    std::string prefix = "10." + std::to_string(asn) + ".0.0/24";
    p.networks.push_back(
        {local, "net0", plan::NetworkKind::Local, asn, *Ipv4Prefix::parse(prefix), "", {}});
    std::string base = "10." + std::to_string(asn) + ".0.";
    p.nodes.push_back(host(asn, "host_0", local, (base + "71").c_str(), (base + "254").c_str()));
    plan::Node r;
    r.id = "as" + std::to_string(asn) + "/router0";
    r.name = "router0";
    r.asn = asn;
    r.role = plan::Role::BorderRouter;
    r.interfaces.push_back({"net0", local, *Ipv4Address::parse(base + "254"), 24});
    r.interfaces.push_back(
        {"ix100", "ix/ix100", *Ipv4Address::parse("10.100.0." + std::to_string(asn)), 24});
    r.loopback = Ipv4Address(10, 0, 0, uint8_t(k++));
    r.sysctls = standardSysctls();
    plan::Bird b;
    b.router_id = *r.loopback;
    b.asn = asn;
    b.direct_interfaces = {"net0"};
    int other = asn == 2 ? 3 : 2;
    plan::BgpSession s;
    s.name = "p_as" + std::to_string(other);
    s.kind = plan::SessionKind::Ebgp;
    s.local_address = r.interfaces[1].address;
    s.local_as = asn;
    s.neighbor_address = Ipv4Address(10, 100, 0, uint8_t(other));
    s.neighbor_as = other;
    s.import_class = plan::RouteClass::Peer;
    s.local_pref = 20;
    s.export_policy = plan::ExportPolicy::OwnAndCustomers;
    s.neighbor_node = "as" + std::to_string(other) + "/router0";
    b.sessions.push_back(s);
    r.bird = b;
    p.nodes.push_back(r);
  }
  return p;
}

}  // namespace asemu::runtime::testing
