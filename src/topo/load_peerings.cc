// A topology file's peerings: route server, cross-connect and private, in that order.
#include <algorithm>

#include "file_loader.h"

namespace asemu::topo::detail {

// The relationship of a private or cross-connect peering (default Peer); false after reporting.
bool FileLoader::relationship(const Mapping& m, PeerRelationship& rel) {
  rel = PeerRelationship::Peer;
  if (auto text = m.string("relationship")) {
    const std::vector<PeerRelationship> all{PeerRelationship::Provider, PeerRelationship::Peer,
                                            PeerRelationship::Unfiltered};
    std::vector<std::string> names;
    for (auto r : all) names.push_back(relationshipName(r));
    auto it = std::find(names.begin(), names.end(), *text);
    if (it == names.end()) {
      m.error("relationship", unknownNameMessage("relationship", *text, names));
      return false;
    }
    rel = all[it - names.begin()];
    return true;
  }
  return !m.has("relationship");
}

std::optional<std::vector<int>> FileLoader::asnList(const Mapping& m, const std::string& key) {
  auto items = m.sequence(key, true, true);
  if (!items) return std::nullopt;
  std::vector<int> out;
  bool ok = true;
  for (const auto& item : *items) {
    auto v = readInteger(src_, item, m.object(), "an ASN in '" + key + "'", 1, kMaxNumber);
    if (v)
      out.push_back(int(*v));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

void FileLoader::peerings(const Mapping& top) {
  if (!top.has("peerings")) return;
  Mapping m(src_, top.value("peerings"), "peerings", {"private", "route_server", "cross_connect"});
  if (!m.valid()) return;
  if (!emu_.hasLayer(Ebgp::kName)) {
    top.error("peerings",
              "peerings need the Ebgp layer, which this topology leaves out; add Ebgp to 'layers'");
    return;
  }
  if (auto items = m.sequence("route_server"))
    for (size_t i = 0; i < items->size(); ++i) routeServerPeering((*items)[i], i);
  if (auto items = m.sequence("cross_connect"))
    for (size_t i = 0; i < items->size(); ++i) crossConnectPeering((*items)[i], i);
  if (auto items = m.sequence("private"))
    for (size_t i = 0; i < items->size(); ++i) privatePeering((*items)[i], i);
}

void FileLoader::privatePeering(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, indexed("peerings.private", index), {"ix", "a", "b", "relationship"});
  if (!m.valid()) return;
  auto ix = m.integer("ix", 1, kMaxNumber, true);
  auto as = asnList(m, "a");
  auto bs = asnList(m, "b");
  PeerRelationship rel;
  bool relOk = relationship(m, rel);
  if (!ix || !as || !bs || !relOk) return;
  sink_.create(uint64_t(as->size()) * bs->size(), m.at());
  emu_.getLayer<Ebgp>().addPrivatePeerings(int(*ix), *as, *bs, rel, m.at());
}

void FileLoader::crossConnectPeering(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, indexed("peerings.cross_connect", index), {"a", "b", "relationship"});
  if (!m.valid()) return;
  auto a = m.integer("a", 1, kMaxNumber, true);
  auto b = m.integer("b", 1, kMaxNumber, true);
  PeerRelationship rel;
  bool relOk = relationship(m, rel);
  if (!a || !b || !relOk) return;
  sink_.create(1, m.at());
  emu_.getLayer<Ebgp>().addCrossConnectPeering(int(*a), int(*b), rel, m.at());
}

void FileLoader::routeServerPeering(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, indexed("peerings.route_server", index), {"ix", "members"});
  if (!m.valid()) return;
  auto ix = m.integer("ix", 1, kMaxNumber, true);
  auto members = asnList(m, "members");
  if (!ix || !members) return;
  sink_.create(members->size(), m.at());
  emu_.getLayer<Ebgp>().addRsPeers(int(*ix), *members, m.at());
}

}  // namespace asemu::topo::detail
