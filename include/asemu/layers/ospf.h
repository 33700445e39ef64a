// Ospf: the intra-AS IGP. Active on local networks, stub on dummy0 and exchange interfaces.
//
// As in SEED, a local network can be made a stub (its interfaces passive: the prefix is in OSPF,
// no adjacency forms on it) or masked (its interfaces left out of OSPF), and a whole AS can be
// masked (its routers run no OSPF).
#pragma once

#include <map>
#include <memory>
#include <utility>

#include "asemu/layers/layer.h"

namespace asemu {

class Ospf : public Layer {
 public:
  static constexpr const char* kName = "Ospf";
  Ospf();

  // SEED: markAsStub(asn, netname), maskNetwork(asn, netname), maskAsn(asn). A network that is
  // both masked and a stub is masked. Unknown ASes and networks are reported when rendered.
  Ospf& markAsStub(int asn, const std::string& network, SourceLocation at = {});
  Ospf& maskNetwork(int asn, const std::string& network, SourceLocation at = {});
  Ospf& maskAsn(int asn, SourceLocation at = {});

  bool isStub(int asn, const std::string& network) const;
  bool isMasked(int asn, const std::string& network) const;
  bool isMaskedAsn(int asn) const;

  std::string name() const override { return kName; }
  std::vector<std::string> dependencies() const override { return {"Routing"}; }
  void render(RenderContext& ctx) const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Ospf>(*this); }

 private:
  using NetworkKey = std::pair<int, std::string>;
  struct State {
    std::map<NetworkKey, SourceLocation> stubs, masked;
    std::map<int, SourceLocation> maskedAsns;
  };
  std::shared_ptr<State> state_;
};

}  // namespace asemu
