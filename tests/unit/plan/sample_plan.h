// A small hand-written Plan that uses every field of the JSON form at least once.
#pragma once

#include "asemu/plan/plan.h"

namespace asemu::plan::testing {

// nodes[0] host as150/host_0, nodes[1] border router as150/router0 (OSPF, an eBGP and an iBGP
// session), nodes[2] route server ix/ix100, nodes[3] border router as2/r100 (no BIRD); networks[0]
// as150/net0 (link properties), networks[1] ix/ix100 (display name).
inline Plan samplePlan() {
  Plan p;
  p.name = "sample";
  p.networks.push_back({"as150/net0", "net0", NetworkKind::Local, 150,
                        *Ipv4Prefix::parse("10.150.0.0/24"), "", LinkProperties{5, 1000000, 0.5}});
  p.networks.push_back({"ix/ix100",
                        "ix100",
                        NetworkKind::Exchange,
                        100,
                        *Ipv4Prefix::parse("10.100.0.0/24"),
                        "NYC-100",
                        {}});

  Node host;
  host.id = "as150/host_0";
  host.name = "host_0";
  host.display_name = "Web-1";
  host.asn = 150;
  host.role = Role::Host;
  host.interfaces.push_back({"net0", "as150/net0", Ipv4Address(10, 150, 0, 71), 24});
  host.routes.push_back({*Ipv4Prefix::parse("0.0.0.0/0"), Ipv4Address(10, 150, 0, 254)});
  host.sysctls = {{"net.ipv4.ip_forward", "1"}};
  p.nodes.push_back(host);

  Node router;
  router.id = "as150/router0";
  router.name = "router0";
  router.asn = 150;
  router.role = Role::BorderRouter;
  router.interfaces.push_back({"net0", "as150/net0", Ipv4Address(10, 150, 0, 254), 24});
  router.interfaces.push_back({"ix100", "ix/ix100", Ipv4Address(10, 100, 0, 150), 24});
  router.loopback = Ipv4Address(10, 0, 0, 1);
  router.sysctls = {{"net.ipv4.ip_forward", "1"}};
  Bird bird;
  bird.router_id = Ipv4Address(10, 0, 0, 1);
  bird.asn = 150;
  bird.direct_interfaces = {"net0"};
  bird.ospf = Ospf{{"net0"}, {"dummy0", "ix100"}, {}};
  BgpSession up;
  up.name = "u_as2";
  up.kind = SessionKind::Ebgp;
  up.local_address = Ipv4Address(10, 100, 0, 150);
  up.local_as = 150;
  up.neighbor_address = Ipv4Address(10, 100, 0, 2);
  up.neighbor_as = 2;
  up.import_class = RouteClass::Provider;
  up.local_pref = 10;
  up.export_policy = ExportPolicy::OwnAndCustomers;
  up.neighbor_node = "as2/r100";
  bird.sessions.push_back(up);
  BgpSession inside;
  inside.name = "ibgp1";
  inside.kind = SessionKind::Ibgp;
  inside.local_address = Ipv4Address(10, 0, 0, 1);
  inside.local_as = 150;
  inside.neighbor_address = Ipv4Address(10, 0, 0, 2);
  inside.neighbor_as = 150;
  bird.sessions.push_back(inside);
  router.bird = bird;
  p.nodes.push_back(router);

  Node rs;
  rs.id = "ix/ix100";
  rs.name = "ix100";
  rs.asn = 100;
  rs.exchange = 100;
  rs.role = Role::RouteServer;
  rs.interfaces.push_back({"ix100", "ix/ix100", Ipv4Address(10, 100, 0, 100), 24});
  Bird rsBird;
  rsBird.router_id = Ipv4Address(10, 100, 0, 100);
  rsBird.asn = 100;
  rsBird.route_server = true;
  BgpSession client;
  client.name = "p_as150";
  client.kind = SessionKind::RouteServerClient;
  client.local_address = Ipv4Address(10, 100, 0, 100);
  client.local_as = 100;
  client.neighbor_address = Ipv4Address(10, 100, 0, 150);
  client.neighbor_as = 150;
  client.neighbor_node = "as150/router0";
  rsBird.sessions.push_back(client);
  rs.bird = rsBird;
  p.nodes.push_back(rs);

  // The other end of as150/router0's session u_as2.
  Node peer;
  peer.id = "as2/r100";
  peer.name = "r100";
  peer.asn = 2;
  peer.role = Role::BorderRouter;
  peer.interfaces.push_back({"ix100", "ix/ix100", Ipv4Address(10, 100, 0, 2), 24});
  p.nodes.push_back(peer);
  return p;
}

}  // namespace asemu::plan::testing
