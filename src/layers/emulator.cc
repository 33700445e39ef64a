#include "asemu/layers/emulator.h"

#include <functional>
#include <set>

namespace asemu {

Emulator::Emulator(const Emulator& other) {
  for (const auto& l : other.layers_) layers_.push_back(l->clone());
}

Emulator& Emulator::operator=(const Emulator& other) {
  if (this != &other) {
    layers_.clear();
    for (const auto& l : other.layers_) layers_.push_back(l->clone());
  }
  return *this;
}

Layer& Emulator::addLayerImpl(std::unique_ptr<Layer> layer) {
  if (hasLayer(layer->name()))
    throw Error("emulator", "layer " + layer->name() + " was added twice");
  layers_.push_back(std::move(layer));
  return *layers_.back();
}

bool Emulator::hasLayer(const std::string& name) const {
  for (const auto& l : layers_)
    if (l->name() == name) return true;
  return false;
}

Layer& Emulator::getLayer(const std::string& name) {
  return const_cast<Layer&>(static_cast<const Emulator*>(this)->getLayer(name));
}

const Layer& Emulator::getLayer(const std::string& name) const {
  for (const auto& l : layers_)
    if (l->name() == name) return *l;
  throw Error("emulator", unknownNameMessage("layer", name, layerNames()));
}

std::vector<std::string> Emulator::layerNames() const {
  std::vector<std::string> out;
  for (const auto& l : layers_) out.push_back(l->name());
  return out;
}

plan::Plan Emulator::render(const std::string& planName) const {
  // Order the layers so that each renders after the layers it depends on.
  std::vector<const Layer*> order;
  std::set<std::string> done, visiting;
  std::function<void(const Layer&, const std::string&)> visit = [&](const Layer& layer,
                                                                    const std::string& chain) {
    if (done.count(layer.name())) return;
    if (visiting.count(layer.name()))
      throw ErrorList({Error(
          "emulator", "layers depend on each other in a cycle: " + chain + " -> " + layer.name())});
    visiting.insert(layer.name());
    for (const auto& dep : layer.dependencies()) {
      if (!hasLayer(dep)) {
        std::string added;
        for (const auto& n : layerNames()) added += (added.empty() ? "" : ", ") + n;
        throw ErrorList({Error("emulator", "layer " + layer.name() + " needs layer " + dep +
                                               ", which was not added (added: " + added + ")")});
      }
      visit(getLayer(dep), chain.empty() ? layer.name() : chain + " -> " + layer.name());
    }
    visiting.erase(layer.name());
    done.insert(layer.name());
    order.push_back(&layer);
  };
  for (const auto& l : layers_) visit(*l, "");

  RenderContext ctx(*this);
  ctx.plan.name = planName;
  // Every layer renders, so that one render reports every independent problem; a layer skips
  // what depends on objects an earlier layer marked failed (RenderContext::failed).
  for (const Layer* layer : order) layer->render(ctx);
  ctx.diagnostics.throwIfAny();
  return std::move(ctx.plan);
}

}  // namespace asemu
