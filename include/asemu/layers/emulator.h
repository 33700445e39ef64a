// The Emulator: a set of layers that renders into a Plan.
//
//   asemu::Emulator emu;
//   asemu::Base base;  asemu::Routing routing;  asemu::Ebgp ebgp;
//   ... base.createAutonomousSystem(150) ...
//   emu.addLayer(base); emu.addLayer(routing); emu.addLayer(ebgp);
//   asemu::plan::Plan plan = emu.render();
//
// Layers are handles, so `base` and the emulator's copy are the same layer, as in SEED's Python.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "asemu/layers/layer.h"
#include "asemu/plan/plan.h"

namespace asemu {

class Emulator {
 public:
  Emulator() = default;
  Emulator(const Emulator& other);
  Emulator& operator=(const Emulator& other);
  Emulator(Emulator&&) = default;
  Emulator& operator=(Emulator&&) = default;

  // Adds (shares) a layer. A second layer of the same name is an Error.
  template <class L>
  L& addLayer(const L& layer) {
    return static_cast<L&>(addLayerImpl(layer.clone()));
  }

  bool hasLayer(const std::string& name) const;
  Layer& getLayer(const std::string& name);
  const Layer& getLayer(const std::string& name) const;
  // Typed access: emu.getLayer<Base>(). Throws Error when the layer is missing.
  template <class L>
  L& getLayer() {
    return static_cast<L&>(getLayer(L::kName));
  }
  template <class L>
  const L& getLayer() const {
    return static_cast<const L&>(getLayer(L::kName));
  }
  // getLayer<L>(), adding a fresh L first when there is none.
  template <class L>
  L& getOrAddLayer() {
    if (!hasLayer(L::kName)) return addLayer(L());
    return getLayer<L>();
  }

  std::vector<std::string> layerNames() const;  // in the order added

  // Renders every layer in dependency order. Throws an ErrorList listing every problem.
  plan::Plan render(const std::string& planName = "") const;

 private:
  Layer& addLayerImpl(std::unique_ptr<Layer> layer);
  std::vector<std::unique_ptr<Layer>> layers_;
};

}  // namespace asemu
