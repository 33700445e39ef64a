// bird.conf for routers and route servers, following SEED's table layout and session policy:
//   t_direct (local networks) -> t_bgp tagged LOCAL, local-pref 40
//   t_bgp and t_ospf -> master4 -> kernel
// Routes learned on a session carry the large community of the relationship on the local ASN;
// exports to providers and peers are limited to LOCAL and CUSTOMER routes (valley-free).
//
// Timers are shorter than BIRD's defaults so that an emulation converges in about a second and
// a re-enabled session comes back at once; they do not change which routes are chosen.
#include "asemu/plan/bird_config.h"

#include <algorithm>
#include <cassert>
#include <sstream>

namespace asemu::plan {
namespace {

constexpr const char* kBgpTimers =
    "    connect delay time 1;\n"
    "    connect retry time 1;\n"
    "    error wait time 1, 1;\n";

// The end of every session: its timers, and BFD where the session is between neighbours on one
// link (not iBGP between loopbacks).
void emitSessionEnd(std::ostringstream& out, const Bird& b, const BgpSession& s) {
  out << kBgpTimers;
  if (b.timers == BgpTimers::Fast) out << "    hold time 3;\n    keepalive time 1;\n";
  if (b.bfd && s.kind != SessionKind::Ibgp) out << "    bfd on;\n";
  out << "}\n";
}

void emitInterfaceList(std::ostringstream& out, const std::vector<std::string>& names,
                       const char* indent) {
  for (const auto& n : names) out << indent << "interface \"" << n << "\";\n";
}

void emitRouteServerSession(std::ostringstream& out, const Bird& b, const BgpSession& s) {
  out << "protocol bgp " << s.name << " {\n"
      << "    ipv4 {\n"
      << "        import all;\n"
      << "        export all;\n"
      << "    };\n"
      << "    rs client;\n"
      << "    local " << s.local_address.str() << " as " << s.local_as << ";\n"
      << "    neighbor " << s.neighbor_address.str() << " as " << s.neighbor_as << ";\n";
  emitSessionEnd(out, b, s);
}

void emitIbgpSession(std::ostringstream& out, const Bird& b, const BgpSession& s) {
  out << "protocol bgp " << s.name << " {\n"
      << "    ipv4 {\n"
      << "        table t_bgp;\n"
      << "        import all;\n"
      << "        export all;\n"
      << "        igp table t_ospf;\n"
      << "    };\n"
      << "    local " << s.local_address.str() << " as " << s.local_as << ";\n"
      << "    neighbor " << s.neighbor_address.str() << " as " << s.neighbor_as << ";\n";
  emitSessionEnd(out, b, s);
}

const char* communityName(RouteClass c) {
  switch (c) {
    case RouteClass::Customer:
      return "CUSTOMER_COMM";
    case RouteClass::Peer:
      return "PEER_COMM";
    case RouteClass::Provider:
      return "PROVIDER_COMM";
  }
  return "";
}

void emitEbgpSession(std::ostringstream& out, const Bird& b, const BgpSession& s) {
  out << "protocol bgp " << s.name << " {\n"
      << "    ipv4 {\n"
      << "        table t_bgp;\n"
      << "        import filter {\n"
      << "            bgp_large_community.add(" << communityName(s.import_class) << ");\n"
      << "            bgp_local_pref = " << s.local_pref << ";\n"
      << "            accept;\n"
      << "        };\n";
  if (s.export_policy == ExportPolicy::All)
    out << "        export all;\n";
  else
    out << "        export where bgp_large_community ~ [LOCAL_COMM, CUSTOMER_COMM];\n";
  out << "        next hop self;\n"
      << "    };\n"
      << "    local " << s.local_address.str() << " as " << s.local_as << ";\n"
      << "    neighbor " << s.neighbor_address.str() << " as " << s.neighbor_as << ";\n";
  emitSessionEnd(out, b, s);
}

void emitPipe(std::ostringstream& out, const char* from, const char* to, const char* exportRule) {
  out << "protocol pipe {\n"
      << "    table " << from << ";\n"
      << "    peer table " << to << ";\n"
      << "    import none;\n"
      << "    export " << exportRule << ";\n"
      << "}\n";
}

// The routes a router originates into t_bgp: blackholes, so the router drops what they attract.
// Written inline, or read from `include` (one `route P blackhole;` line each), which lets a
// running BIRD take new ones with `configure`.
void emitAnnounced(std::ostringstream& out, const Bird& b, bool tagged,
                   const std::string& include) {
  out << "protocol static announced {\n"
      << "    ipv4 {\n"
      << "        table t_bgp;\n";
  if (tagged)
    out << "        import filter { bgp_large_community.add(LOCAL_COMM); bgp_local_pref = 40; "
           "accept; };\n";
  out << "    };\n";
  if (include.empty())
    out << announcedRoutes(b.announced);
  else
    out << "    include \"" << include << "\";\n";
  out << "}\n";
}

}  // namespace

std::string announcedRoutes(const std::vector<Ipv4Prefix>& prefixes) {
  std::string out;
  for (const auto& p : prefixes) out += "    route " + p.str() + " blackhole;\n";
  return out;
}

std::string birdConfig(const Node& node, const BirdConfigOptions& options) {
  assert(node.bird.has_value());
  const Bird& b = *node.bird;
  std::ostringstream out;
  out << "# bird.conf of " << node.id << " (generated by asemu)\n";
  out << "router id " << b.router_id.str() << ";\n";
  // SEED declares t_direct on route servers too, though nothing fills it there.
  if (b.route_server) out << "ipv4 table t_direct;\n";
  out << "protocol device {\n}\n";
  // Detection in 3 x 100 ms; BIRD's defaults would take 500 ms.
  if (b.bfd)
    out << "protocol bfd {\n"
        << "    interface \"*\" {\n"
        << "        min rx interval 100 ms;\n"
        << "        min tx interval 100 ms;\n"
        << "        multiplier 3;\n"
        << "    };\n"
        << "}\n";

  if (b.route_server) {
    for (const auto& s : b.sessions) emitRouteServerSession(out, b, s);
    return out.str();
  }

  // A router that announces without BGP sessions keeps the routes to itself.
  bool hasBgp = !b.sessions.empty() || !b.announced.empty();
  bool hasAnnounced = !b.announced.empty() || (hasBgp && !options.announced_include.empty());
  out << "ipv4 table t_direct;\n";
  if (hasBgp) out << "ipv4 table t_bgp;\n";
  if (b.ospf) out << "ipv4 table t_ospf;\n";

  out << "protocol kernel {\n"
      << "    ipv4 {\n"
      << "        import all;\n"
      << "        export all;\n"
      << "    };\n"
      << "    learn;\n"
      << "}\n";

  // A direct protocol without interface patterns takes every interface, which would announce
  // the loopback and exchange LANs as this AS's own networks; with no local network, omit it.
  if (!b.direct_interfaces.empty()) {
    out << "protocol direct local_nets {\n"
        << "    ipv4 {\n"
        << "        table t_direct;\n"
        << "        import all;\n"
        << "    };\n";
    emitInterfaceList(out, b.direct_interfaces, "    ");
    out << "}\n";
  }

  // As in SEED: eBGP brings the communities and the pipe that tags this AS's own networks; a
  // router with iBGP alone passes them to t_bgp untagged, so its border routers export them to
  // customers only.
  bool hasEbgp = std::any_of(b.sessions.begin(), b.sessions.end(),
                             [](const BgpSession& s) { return s.kind != SessionKind::Ibgp; });
  if (hasEbgp) {
    out << "define LOCAL_COMM = (" << b.asn << ", 0, 0);\n"
        << "define CUSTOMER_COMM = (" << b.asn << ", 1, 0);\n"
        << "define PEER_COMM = (" << b.asn << ", 2, 0);\n"
        << "define PROVIDER_COMM = (" << b.asn << ", 3, 0);\n";
    emitPipe(out, "t_bgp", "master4", "all");
    emitPipe(out, "t_direct", "t_bgp",
             "filter { bgp_large_community.add(LOCAL_COMM); bgp_local_pref = 40; accept; }");
  } else if (hasBgp) {
    emitPipe(out, "t_bgp", "master4", "all");
    emitPipe(out, "t_direct", "t_bgp", "all");
  }
  if (hasAnnounced) emitAnnounced(out, b, hasEbgp, options.announced_include);

  if (b.ospf) {
    out << "protocol ospf ospf1 {\n"
        << "    ipv4 {\n"
        << "        table t_ospf;\n"
        << "        import all;\n"
        << "        export all;\n"
        << "    };\n"
        << "    area 0 {\n";
    for (const auto& i : b.ospf->stub_interfaces)
      out << "        interface \"" << i << "\" { stub; };\n";
    const char* timers = b.ospf->timers == plan::OspfTimers::Standard ? "hello 10; dead count 4;"
                                                                      : "hello 1; dead count 2;";
    for (const auto& i : b.ospf->active_interfaces) {
      if (b.ospf->isPointToPoint(i))
        out << "        interface \"" << i << "\" { type ptp; " << timers << " };\n";
      else
        out << "        interface \"" << i << "\" { " << timers << " wait 2; };\n";
    }
    out << "    };\n"
        << "}\n";
    emitPipe(out, "t_ospf", "master4", "all");
  }

  for (const auto& s : b.sessions) {
    if (s.kind == SessionKind::Ibgp)
      emitIbgpSession(out, b, s);
    else
      emitEbgpSession(out, b, s);
  }
  return out.str();
}

}  // namespace asemu::plan
