// The Base renderer's cross-connects: one network per pair of routers, each end at the address
// it declares.
#include <sstream>

#include "asemu/core/names.h"
#include "base_renderer.h"

namespace asemu::base_detail {

// The address a cross-connect end declares ("10.50.0.1/30") and its network, or nullopt after
// reporting why it cannot be one.
std::optional<Ipv4Interface> BaseRenderer::crossConnectAddress(const Node& router,
                                                               const Node::CrossConnect& xc) {
  const std::string& text = xc.address;
  const SourceLocation& where = xc.origin.known() ? xc.origin : router.origin;
  const std::string object = router.id();
  const std::string about = "cross-connect to " + xc.peerId() + ": ";
  std::optional<Ipv4Interface> parsed = Ipv4Interface::parse(text);
  if (!parsed) {
    ctx_.fail(object,
              about + "address '" + text +
                  "' is not an IPv4 address with a prefix length, such as 10.50.0.1/30",
              where);
    return std::nullopt;
  }
  if (std::string problem = networkPrefixProblem(parsed->network); !problem.empty()) {
    ctx_.fail(object, about + problem, where);
    return std::nullopt;
  }
  if (!parsed->network.isUsableHost(parsed->address)) {
    ctx_.fail(object,
              about + "address " + text + " is the network or broadcast address of " +
                  parsed->network.str() + "; give a host address",
              where);
    return std::nullopt;
  }
  return parsed;
}

std::string BaseRenderer::linkText(const LinkProperties& l) {
  std::ostringstream out;
  out << "latency " << l.latency_ms << " ms, bandwidth " << l.bandwidth_bps << " bps, loss "
      << l.loss_percent << "%";
  return out.str();
}

// The xc network of `router`'s cross-connect `xc`, made on the first of its two ends to be
// visited; nullopt after reporting (once, on the end visited first) why there is none.
std::optional<size_t> BaseRenderer::crossConnectNetwork(const Node& router,
                                                        const Node::CrossConnect& xc) {
  const std::string self = router.id(), peerId = xc.peerId();
  std::pair<std::string, std::string> key =
      self < peerId ? std::make_pair(self, peerId) : std::make_pair(peerId, self);
  if (auto it = crossConnects_.find(key); it != crossConnects_.end()) return it->second;
  std::optional<size_t>& result = crossConnects_[key];
  const SourceLocation& where = xc.origin.known() ? xc.origin : router.origin;
  const std::string about = "cross-connect to " + peerId + ": ";
  auto fail = [&](const std::string& message) {
    ctx_.fail(self, about + message, where);
    return std::nullopt;
  };
  const AutonomousSystem* peerAs = base_.findAutonomousSystem(xc.peerAsn);
  if (!peerAs) {
    std::vector<std::string> known;
    for (const auto& a : base_.autonomousSystems()) known.push_back(std::to_string(a.asn()));
    return fail(unknownNameMessage("AS", std::to_string(xc.peerAsn), known));
  }
  if (xc.peerAsn == router.asn())
    return fail("both routers are in " + asName(xc.peerAsn) +
                "; a cross-connect links routers of two ASes (join a network of the AS "
                "instead)");
  const Node* peer = peerAs->findNode(xc.peerName);
  if (!peer || peer->kind() != Node::Kind::Router) {
    std::vector<std::string> known;
    for (const auto& r : peerAs->routers()) known.push_back(r.name());
    return fail(unknownNameMessage("router", xc.peerName, known));
  }
  const Node::CrossConnect* back = nullptr;
  for (const auto& other : peer->crossConnects())
    if (other.peerId() == self) back = &other;
  if (!back)
    return fail(peerId + " has no cross-connect to " + self +
                "; declare it on both routers, each with its own address");
  auto here = crossConnectAddress(router, xc);
  auto there = crossConnectAddress(*peer, *back);
  if (!here || !there) {
    ctx_.failed.insert(self);
    ctx_.failed.insert(peerId);
    return std::nullopt;
  }
  if (here->network != there->network)
    return fail("its address " + xc.address + " and " + peerId + "'s " + back->address +
                " are not in one network; give both ends addresses in one prefix");
  if (here->address == there->address)
    return fail("both ends have address " + here->address.str() + "; give each its own");
  if (!(xc.link == back->link))
    return fail("link properties differ between the ends (" + linkText(xc.link) + " here, " +
                linkText(back->link) + " on " + peerId + "); give both the same");
  plan::Network net;
  net.name = "xc" + std::to_string(crossConnectCount_++);
  net.id = "xc/" + net.name;
  net.kind = plan::NetworkKind::CrossConnect;
  net.prefix = here->network;
  net.link = xc.link;
  result = ctx_.plan.networks.size();
  addNetwork(std::move(net));
  return result;
}

void BaseRenderer::addCrossConnects() {
  for (const auto& as : base_.autonomousSystems())
    for (const auto& router : as.routers())
      for (const auto& xc : router.crossConnects()) {
        auto net = crossConnectNetwork(router, xc);
        if (!net) {
          ctx_.failed.insert(router.id());
          continue;
        }
        // Checked when the network was made.
        Ipv4Address address = Ipv4Interface::parse(xc.address)->address;
        const plan::Network& n = ctx_.plan.networks[*net];
        plan::Node& node = ctx_.plan.nodes[ctx_.node_index.at(router.id())];
        node.interfaces.push_back({n.name, n.id, address, n.prefix.length()});
        node.role = plan::Role::BorderRouter;
      }
}

}  // namespace asemu::base_detail
