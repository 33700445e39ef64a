// Ospf: the intra-AS IGP. Active on local networks, stub on dummy0 and exchange interfaces.
#pragma once

#include "asemu/layers/layer.h"

namespace asemu {

class Ospf : public Layer {
 public:
  static constexpr const char* kName = "Ospf";
  std::string name() const override { return kName; }
  std::vector<std::string> dependencies() const override { return {"Routing"}; }
  void render(RenderContext& ctx) const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Ospf>(*this); }
};

}  // namespace asemu
