// Routing: loopbacks and router ids, BIRD's base (device, kernel, direct), host default routes,
// and the sysctls every node gets.
#pragma once

#include "asemu/layers/layer.h"

namespace asemu {

class Routing : public Layer {
 public:
  static constexpr const char* kName = "Routing";
  std::string name() const override { return kName; }
  std::vector<std::string> dependencies() const override { return {"Base"}; }
  void render(RenderContext& ctx) const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Routing>(*this); }
};

}  // namespace asemu
