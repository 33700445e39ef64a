// Base: turns ASes, exchanges, networks and nodes into plan networks, nodes and interfaces, and
// assigns addresses by SEED's rules:
//   auto AS network n      -> 10.ASN.n.0/24 (ASN <= 255)
//   exchange N             -> 10.N.0.0/24, route server at .N, AS A's router at .A
//   auto host / router     -> counting up from .71 (to .99) / down from .254 (to .200),
//                             per network, per AS, hosts first, each in creation order
//   cross-connect          -> a network xcN per pair of routers, numbered in the order the
//                             first of the two declares it (ASes, then their routers, then each
//                             router's cross-connects, in creation order); each end has the
//                             address it declares, on an interface after those of its joins
// Explicit addresses are collected first so that auto assignment never hands them out twice.
#include "asemu/layers/base.h"

#include "base_renderer.h"

namespace asemu {

using base_detail::asName;

Base::Base() : state_(std::make_shared<State>()) {}

AutonomousSystem& Base::createAutonomousSystem(int asn) {
  if (asn < 1) throw Error(asName(asn), "an ASN must be a positive number");
  if (findAutonomousSystem(asn)) throw Error(asName(asn), "this AS was already created");
  state_->asIndex[asn] = state_->ases.size();
  return state_->ases.emplace_back(asn);
}

InternetExchange& Base::createInternetExchange(int id, const std::string& prefix,
                                               const std::string& displayName) {
  std::string object = "ix" + std::to_string(id);
  if (id < 1) throw Error(object, "exchange numbers start at 1");
  if (findInternetExchange(id)) throw Error(object, "this exchange was already created");
  state_->ixIndex[id] = state_->ixes.size();
  auto& ix = state_->ixes.emplace_back(id, prefix);
  ix.setDisplayName(displayName);
  return ix;
}

AutonomousSystem& Base::getAutonomousSystem(int asn) {
  if (auto it = state_->asIndex.find(asn); it != state_->asIndex.end())
    return state_->ases[it->second];
  std::vector<std::string> known;
  for (const auto& as : state_->ases) known.push_back(std::to_string(as.asn()));
  throw Error("base", unknownNameMessage("AS", std::to_string(asn), known));
}

InternetExchange& Base::getInternetExchange(int id) {
  if (auto it = state_->ixIndex.find(id); it != state_->ixIndex.end())
    return state_->ixes[it->second];
  std::vector<std::string> known;
  for (const auto& ix : state_->ixes) known.push_back(std::to_string(ix.id()));
  throw Error("base", unknownNameMessage("exchange", std::to_string(id), known));
}

const AutonomousSystem* Base::findAutonomousSystem(int asn) const {
  auto it = state_->asIndex.find(asn);
  return it == state_->asIndex.end() ? nullptr : &state_->ases[it->second];
}

const InternetExchange* Base::findInternetExchange(int id) const {
  auto it = state_->ixIndex.find(id);
  return it == state_->ixIndex.end() ? nullptr : &state_->ixes[it->second];
}

void Base::render(RenderContext& ctx) const {
  base_detail::BaseRenderer(*this, ctx).run();
}

}  // namespace asemu
