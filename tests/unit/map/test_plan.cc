#include "test_plan.h"

namespace asemu::map::testing {

namespace {

Ipv4Address ip(const char* text) {
  return *Ipv4Address::parse(text);
}

}  // namespace

plan::Plan smallPlan() {
  plan::Plan p;
  p.name = "small";
  plan::Network ix{
      "ix/ix100", "ix100", plan::NetworkKind::Exchange, 100, *Ipv4Prefix::parse("10.100.0.0/24"),
      "NYC-100",  {}};
  plan::Network net0{
      "as2/net0", "net0", plan::NetworkKind::Local, 2, *Ipv4Prefix::parse("10.2.0.0/24"), "", {}};
  p.networks = {ix, net0};

  plan::Node rs;
  rs.id = "ix/ix100";
  rs.name = "ix100";
  rs.asn = 100;
  rs.exchange = 100;
  rs.role = plan::Role::RouteServer;
  rs.interfaces = {{"ix100", "ix/ix100", ip("10.100.0.100"), 24}};
  rs.bird = plan::Bird{};

  plan::Node r;
  r.id = "as2/r100";
  r.name = "r100";
  r.asn = 2;
  r.role = plan::Role::BorderRouter;
  r.interfaces = {{"ix100", "ix/ix100", ip("10.100.0.2"), 24},
                  {"net0", "as2/net0", ip("10.2.0.254"), 24}};
  r.loopback = ip("10.0.0.1");
  plan::Bird bird;
  bird.asn = 2;
  plan::BgpSession s1;
  s1.name = "p_rs100";
  s1.neighbor_address = ip("10.100.0.100");
  s1.neighbor_as = 100;
  plan::BgpSession s2;
  s2.name = "u_as3";
  s2.neighbor_address = ip("10.100.0.3");
  s2.neighbor_as = 3;
  bird.sessions = {s1, s2};
  r.bird = bird;

  plan::Node h;
  h.id = "as2/host_0";
  h.name = "host_0";
  h.asn = 2;
  h.role = plan::Role::Host;
  h.interfaces = {{"net0", "as2/net0", ip("10.2.0.71"), 24}};

  p.nodes = {rs, r, h};
  return p;
}

}  // namespace asemu::map::testing
