// Exchanges, autonomous systems and what they hold (networks, hosts, routers, makers), read
// from a topology file in the order it lists them.
#include <algorithm>
#include <charconv>

#include "asemu/core/names.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/makers.h"
#include "asemu/layers/ospf.h"
#include "file_loader.h"

namespace asemu::topo::detail {

std::optional<LinkProperties> FileLoader::link(const Mapping& owner) {
  if (!owner.has("link")) return std::nullopt;
  Mapping m(src_, owner.value("link"), owner.object(),
            {"latency_ms", "bandwidth_bps", "loss_percent"});
  if (!m.valid()) return std::nullopt;
  LinkProperties lp;
  bool ok = true;
  if (m.has("latency_ms")) {
    auto v = m.integer("latency_ms", 0, kMaxLatencyMs);
    ok = ok && v;
    if (v) lp.latency_ms = uint32_t(*v);
  }
  if (m.has("bandwidth_bps")) {
    auto v = m.unsignedInteger("bandwidth_bps", false, bandwidthRule());
    if (v)
      if (std::string why = bandwidthProblem(*v); !why.empty()) {
        m.error("bandwidth_bps", why);
        v.reset();
      }
    ok = ok && v;
    if (v) lp.bandwidth_bps = *v;
  }
  if (m.has("loss_percent")) {
    auto v = m.number("loss_percent", 0, 100);
    ok = ok && v;
    if (v) lp.loss_percent = *v;
  }
  if (!ok) return std::nullopt;
  return lp;
}

// `display_name`, reported where the file says it when it breaks the display-name rule.
std::optional<std::string> FileLoader::displayName(const Mapping& owner) {
  auto text = owner.string("display_name");
  if (text)
    if (auto problem = displayNameProblem(*text); !problem.empty())
      owner.error("display_name", problem);
  return text;
}

void FileLoader::exchange(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, numberedName(node, "id", "ix", indexed("exchanges", index)),
            {"id", "prefix", "display_name", "route_server_address", "link"});
  if (!m.valid()) return;
  auto id = m.integer("id", 1, kMaxNumber, true);
  auto prefix = m.autoOr("prefix", isPrefix, kPrefixText);
  auto displayName = this->displayName(m);
  auto rsAddress = m.autoOr("route_server_address", isAddress, kAddressText);
  auto lp = link(m);
  if (!id) return;
  sink_.create(1, m.at());
  try {
    InternetExchange& ix =
        base_.createInternetExchange(int(*id), prefix.value_or(kAuto), displayName.value_or(""));
    ix.origin = m.at();
    if (rsAddress) ix.setRouteServerAddress(*rsAddress);
    if (lp) ix.setDefaultLinkProperties(lp->latency_ms, lp->bandwidth_bps, lp->loss_percent);
  } catch (const Error& e) {
    sink_.add(located(e, m.at("id")));
  }
}

void FileLoader::autonomousSystem(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, numberedName(node, "asn", "as", indexed("ases", index)),
            {"asn", "extend", "transit", "stub", "ospf", "ibgp", "networks", "hosts", "routers"});
  if (!m.valid()) return;
  auto asn = m.integer("asn", 1, kMaxNumber, true);
  bool extend = m.boolean("extend").value_or(false);
  // `ospf: false` / `ibgp: false` mask the AS from that layer (SEED's maskAsn).
  if (auto ospf = m.boolean("ospf"); ospf && !*ospf && asn)
    if (auto* layer = this->layer<Ospf>(m, "ospf")) layer->maskAsn(int(*asn), m.at("ospf"));
  if (auto ibgp = m.boolean("ibgp"); ibgp && !*ibgp && asn)
    if (auto* layer = this->layer<Ibgp>(m, "ibgp")) layer->maskAsn(int(*asn), m.at("ibgp"));

  AutonomousSystem* as = nullptr;
  if (m.has("transit") && m.has("stub")) {
    m.error("stub", "'transit' and 'stub' cannot both be given");
  } else if (extend && (m.has("transit") || m.has("stub"))) {
    std::string key = m.has("transit") ? "transit" : "stub";
    m.error(key, "'" + key + "' makes a new AS and cannot be combined with 'extend: true'");
  } else if (m.has("transit")) {
    as = transit(m, asn);
  } else if (m.has("stub")) {
    as = stub(m, asn);
  } else if (asn && extend) {
    if (base_.findAutonomousSystem(int(*asn)))
      as = &base_.getAutonomousSystem(int(*asn));
    else
      m.error("asn", "'extend: true' needs as" + std::to_string(*asn) +
                         " to exist already (declared earlier or in an included file)");
  } else if (asn) {
    sink_.create(1, m.at());
    try {
      as = &base_.createAutonomousSystem(int(*asn));
      as->origin = m.at();
    } catch (const Error& e) {
      // Most often the AS came from an included file and this entry meant to add to it.
      std::string hint =
          base_.findAutonomousSystem(int(*asn)) ? " (to add to it, give 'extend: true')" : "";
      sink_.add(Error(e.object(), e.message() + hint, m.at("asn")));
    }
  }
  networks(m, as);
  nodes(m, "hosts", as);
  nodes(m, "routers", as);
}

// Runs a maker and gives what it made the maker's place in the file. A maker that fails
// half-way still leaves its AS, so that the rest of the entry is checked against it.
AutonomousSystem* FileLoader::runMaker(const Mapping& m, int asn, const std::string& key,
                                       const std::function<void()>& make) {
  bool existed = base_.findAutonomousSystem(asn) != nullptr;
  try {
    make();
  } catch (const Error& e) {
    sink_.add(located(e, existed ? m.at("asn") : m.at(key)));
  }
  if (existed || !base_.findAutonomousSystem(asn)) return nullptr;
  AutonomousSystem& as = base_.getAutonomousSystem(asn);
  as.origin = m.at();
  SourceLocation at = m.at(key);
  for (const auto& n : as.networks()) as.getNetwork(n.name()).origin = at;
  for (const auto& n : as.hosts()) as.getHost(n.name()).origin = at;
  for (const auto& n : as.routers()) as.getRouter(n.name()).origin = at;
  return &as;
}

AutonomousSystem* FileLoader::transit(const Mapping& as, std::optional<int64_t> asn) {
  Mapping m(src_, as.value("transit"), as.object(), {"exchanges", "internal_links"});
  if (!m.valid()) return nullptr;
  bool ok = true;
  std::vector<int> exchanges;
  if (auto items = m.sequence("exchanges", true)) {
    for (const auto& item : *items) {
      auto v = readInteger(src_, item, m.object(), "an exchange in 'exchanges'", 1, kMaxNumber);
      if (!v) {
        ok = false;
      } else if (std::find(exchanges.begin(), exchanges.end(), int(*v)) != exchanges.end()) {
        sink_.add(m.object(), "exchange " + std::to_string(*v) + " is listed twice", src_.at(item));
        ok = false;
      } else {
        exchanges.push_back(int(*v));
      }
    }
  } else {
    ok = false;
  }
  std::vector<std::pair<int, int>> links;
  if (auto items = m.sequence("internal_links")) {
    for (const auto& item : *items) {
      if (!item.IsSequence() || item.size() != 2) {
        sink_.add(m.object(),
                  "an internal link must be a pair of exchanges such as [100, 101], got " +
                      describe(item),
                  src_.at(item));
        ok = false;
        continue;
      }
      std::vector<int> ends;
      for (const auto& end : item) {
        auto v = readInteger(src_, end, m.object(), "an internal link's exchange", 1, kMaxNumber);
        if (!v) continue;
        if (std::find(exchanges.begin(), exchanges.end(), int(*v)) == exchanges.end()) {
          sink_.add(m.object(),
                    "internal link to exchange " + std::to_string(*v) +
                        ", which is not in this AS's 'exchanges'",
                    src_.at(end));
          continue;
        }
        ends.push_back(int(*v));
      }
      if (ends.size() != 2) {
        ok = false;
        continue;
      }
      std::pair<int, int> pair{ends[0], ends[1]};
      if (std::find(links.begin(), links.end(), pair) != links.end()) {
        sink_.add(m.object(),
                  "internal link [" + std::to_string(pair.first) + ", " +
                      std::to_string(pair.second) + "] is listed twice",
                  src_.at(item));
        ok = false;
        continue;
      }
      links.push_back(pair);
    }
  }
  if (!asn) return nullptr;
  if (!ok) {
    // Keep the AS so that the rest of the entry is still checked.
    sink_.create(1, m.at());
    return runMaker(as, int(*asn), "transit", [&] { base_.createAutonomousSystem(int(*asn)); });
  }
  // The AS, a router and its join per exchange, a network and two joins per link.
  sink_.create(1 + 2 * exchanges.size() + 3 * links.size(), m.at());
  return runMaker(as, int(*asn), "transit",
                  [&] { makeTransitAs(base_, int(*asn), exchanges, links); });
}

AutonomousSystem* FileLoader::stub(const Mapping& as, std::optional<int64_t> asn) {
  Mapping m(src_, as.value("stub"), as.object(), {"exchange", "hosts"});
  if (!m.valid()) return nullptr;
  auto exchange = m.integer("exchange", 1, kMaxNumber, true);
  auto hosts = m.integer("hosts", 0, kMaxMakerHosts, true);
  if (!asn) return nullptr;
  if (!exchange || !hosts) {
    sink_.create(1, m.at());
    return runMaker(as, int(*asn), "stub", [&] { base_.createAutonomousSystem(int(*asn)); });
  }
  // The AS, net0, router0 and its two joins, and a host and its join per host.
  sink_.create(5 + 2 * uint64_t(*hosts), m.at());
  return runMaker(as, int(*asn), "stub",
                  [&] { makeStubAsWithHosts(base_, int(*asn), int(*exchange), int(*hosts)); });
}

void FileLoader::networks(const Mapping& as, AutonomousSystem* target) {
  auto items = as.sequence("networks");
  if (!items) return;
  for (size_t i = 0; i < items->size(); ++i) {
    const YAML::Node& node = (*items)[i];
    Mapping m(src_, node, namedName(node, as.object(), indexed("networks", i)),
              {"name", "prefix", "display_name", "ospf", "link"});
    if (!m.valid()) continue;
    auto name = m.string("name", true);
    // `ospf: active` (the default), `stub` or `masked`: SEED's markAsStub / maskNetwork.
    if (auto mode = m.string("ospf"); mode && name && target) {
      const std::vector<std::string> modes = {"active", "stub", "masked"};
      if (std::find(modes.begin(), modes.end(), *mode) == modes.end()) {
        m.error("ospf", unknownNameMessage("OSPF mode", *mode, modes));
      } else if (*mode != "active") {
        if (auto* ospf = layer<Ospf>(m, "ospf")) {
          if (*mode == "stub")
            ospf->markAsStub(target->asn(), *name, m.at("ospf"));
          else
            ospf->maskNetwork(target->asn(), *name, m.at("ospf"));
        }
      }
    }
    auto prefix = m.autoOr("prefix", isPrefix, kPrefixText);
    auto displayName = this->displayName(m);
    auto lp = link(m);
    if (!name || !target) continue;
    sink_.create(1, m.at());
    try {
      Network& net = target->createNetwork(*name, prefix.value_or(kAuto));
      net.origin = m.at();
      if (displayName) net.setDisplayName(*displayName);
      if (lp) net.setDefaultLinkProperties(lp->latency_ms, lp->bandwidth_bps, lp->loss_percent);
    } catch (const Error& e) {
      sink_.add(located(e, m.at("name")));
    }
  }
}

void FileLoader::nodes(const Mapping& as, const std::string& key, AutonomousSystem* target) {
  auto items = as.sequence(key);
  if (!items) return;
  for (size_t i = 0; i < items->size(); ++i) {
    const YAML::Node& node = (*items)[i];
    std::vector<std::string> keys = {"name", "display_name", "joins"};
    if (key == "routers") keys.insert(keys.end(), {"cross_connects", "announce"});
    Mapping m(src_, node, namedName(node, as.object(), indexed(key, i)), keys);
    if (!m.valid()) continue;
    auto name = m.string("name", true);
    auto displayName = this->displayName(m);

    struct Join {
      std::string network, address;
      SourceLocation at;
    };
    std::vector<Join> joins;
    if (auto list = m.sequence("joins")) {
      for (const auto& item : *list) {
        if (item.IsNull() || (item.IsScalar() && item.Scalar().empty())) {
          sink_.add(m.object(), "a join must name a network, got " + describe(item), src_.at(item));
          continue;
        }
        if (item.IsScalar()) {
          joins.push_back({item.Scalar(), kAuto, src_.at(item)});
          continue;
        }
        Mapping j(src_, item, m.object(), {"network", "address"});
        if (!j.valid()) continue;
        auto network = j.string("network", true);
        auto address = j.autoOr("address", isAddress, kAddressText);
        if (network && (address || !j.has("address")))
          joins.push_back({*network, address.value_or(kAuto), j.at()});
      }
    }
    std::vector<CrossConnectEntry> xcs = crossConnects(m);
    // `announce: [10.153.0.0/25, ...]`: prefixes the router originates in BGP.
    std::vector<std::pair<std::string, SourceLocation>> announced;
    if (auto list = m.sequence("announce")) {
      for (const auto& item : *list) {
        if (!item.IsScalar()) {
          sink_.add(m.object(),
                    "announce lists prefixes such as 10.153.0.0/25, got " + describe(item),
                    src_.at(item));
          continue;
        }
        announced.emplace_back(item.Scalar(), src_.at(item));
      }
    }
    if (!name || !target) continue;
    sink_.create(1 + joins.size() + xcs.size(), m.at());
    Node* created = nullptr;
    try {
      Node& n = key == "hosts" ? target->createHost(*name) : target->createRouter(*name);
      n.origin = m.at();
      if (displayName) n.setDisplayName(*displayName);
      for (auto& j : joins) n.joinNetwork(j.network, j.address, std::move(j.at));
      created = &n;
    } catch (const Error& e) {
      sink_.add(located(e, m.at("name")));
      continue;
    }
    for (auto& x : xcs) {
      try {
        created->crossConnect(x.peerAsn, x.peerName, x.address, x.link, x.at);
      } catch (const Error& e) {
        sink_.add(e);
      }
    }
    for (auto& [prefix, at] : announced) {
      try {
        created->announce(prefix, std::move(at));
      } catch (const Error& e) {
        sink_.add(e);
      }
    }
  }
}

// A router's `cross_connects`: [{peer: as3/r5, address: 10.50.0.1/30, link: {...}}].
std::vector<FileLoader::CrossConnectEntry> FileLoader::crossConnects(const Mapping& router) {
  std::vector<CrossConnectEntry> out;
  auto items = router.sequence("cross_connects");
  if (!items) return out;
  for (const auto& item : *items) {
    Mapping x(src_, item, router.object(), {"peer", "address", "link"});
    if (!x.valid()) continue;
    auto peer = x.string("peer", true);
    auto address = x.string("address", true);
    std::optional<LinkProperties> lp;
    if (x.has("link")) {
      lp = link(x);
      if (!lp) continue;
    }
    if (!peer || !address) continue;
    // "as3/r5": the peer router's ASN and name.
    size_t slash = peer->find('/');
    int asn = 0;
    bool asnOk = peer->starts_with("as") && slash != std::string::npos && slash > 2 &&
                 slash + 1 < peer->size() && (*peer)[2] != '0';
    if (asnOk) {  // digits only, no sign, within int
      const char* end = peer->data() + slash;
      auto [next, ec] = std::from_chars(peer->data() + 2, end, asn);
      asnOk = ec == std::errc() && next == end && asn >= 1;
    }
    if (!asnOk) {
      x.error("peer", "a cross-connect's peer is a router written asN/name, such as as3/r5, not '" +
                          *peer + "'");
      continue;
    }
    out.push_back({asn, peer->substr(slash + 1), *address, lp.value_or(LinkProperties{}), x.at()});
  }
  return out;
}

}  // namespace asemu::topo::detail
