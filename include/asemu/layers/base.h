// Base: autonomous systems, exchanges, networks and nodes, and the addresses they get.
#pragma once

#include <deque>
#include <memory>
#include <unordered_map>

#include "asemu/layers/layer.h"
#include "asemu/model/autonomous_system.h"

namespace asemu {

class Base : public Layer {
 public:
  static constexpr const char* kName = "Base";
  Base();

  // Throws Error on a duplicate ASN or IX number.
  AutonomousSystem& createAutonomousSystem(int asn);
  InternetExchange& createInternetExchange(int id, const std::string& prefix = kAuto,
                                           const std::string& displayName = "");
  AutonomousSystem& getAutonomousSystem(int asn);
  InternetExchange& getInternetExchange(int id);
  const AutonomousSystem* findAutonomousSystem(int asn) const;
  const InternetExchange* findInternetExchange(int id) const;

  const std::deque<AutonomousSystem>& autonomousSystems() const { return state_->ases; }
  const std::deque<InternetExchange>& internetExchanges() const { return state_->ixes; }

  std::string name() const override { return kName; }
  std::vector<std::string> dependencies() const override { return {}; }
  void render(RenderContext& ctx) const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Base>(*this); }

 private:
  struct State {
    std::deque<AutonomousSystem> ases;
    std::deque<InternetExchange> ixes;
    std::unordered_map<int, size_t> asIndex, ixIndex;  // number -> position
  };
  std::shared_ptr<State> state_;
};

}  // namespace asemu
