// Ibgp: a full iBGP mesh between the loopbacks of the routers of each connected part of an AS.
//
// Parts are connected through the AS's own networks; an AS whose halves share no network (AS-180
// in the anycast demo) gets no iBGP between them, and each half announces its prefix alone.
// As in SEED, an AS can be masked: its routers get no iBGP sessions.
#pragma once

#include <map>
#include <memory>

#include "asemu/layers/layer.h"

namespace asemu {

class Ibgp : public Layer {
 public:
  static constexpr const char* kName = "Ibgp";
  Ibgp();

  // SEED: maskAsn(asn). An unknown AS is reported when rendered.
  Ibgp& maskAsn(int asn, SourceLocation at = {});
  bool isMaskedAsn(int asn) const;

  std::string name() const override { return kName; }
  std::vector<std::string> dependencies() const override { return {"Ospf"}; }
  void render(RenderContext& ctx) const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Ibgp>(*this); }

 private:
  std::shared_ptr<std::map<int, SourceLocation>> masked_;
};

}  // namespace asemu
