// Ebgp: sessions between ASes at exchanges, private or through the route server, and over
// cross-connects.
#pragma once

#include <memory>
#include <vector>

#include "asemu/layers/layer.h"
#include "asemu/model/peering.h"

namespace asemu {

class Ebgp : public Layer {
 public:
  static constexpr const char* kName = "Ebgp";
  Ebgp();

  Ebgp& addPrivatePeering(int ix, int a, int b, PeerRelationship rel = PeerRelationship::Peer,
                          SourceLocation at = {});
  // The cross product of `as` and `bs`, as SEED's addPrivatePeerings.
  Ebgp& addPrivatePeerings(int ix, const std::vector<int>& as, const std::vector<int>& bs,
                           PeerRelationship rel = PeerRelationship::Peer, SourceLocation at = {});
  Ebgp& addRsPeer(int ix, int asn, SourceLocation at = {});
  Ebgp& addRsPeers(int ix, const std::vector<int>& asns, SourceLocation at = {});
  // SEED's addCrossConnectPeering: peers AS a and AS b over the first cross-connect found from a
  // router of a (routers and their cross-connects in creation order) to a router of b.
  Ebgp& addCrossConnectPeering(int a, int b, PeerRelationship rel = PeerRelationship::Peer,
                               SourceLocation at = {});

  // The timers of every BGP session of the emulation, iBGP and route servers included (see
  // plan::BgpTimers); Seed, SEED's, by default.
  Ebgp& setBgpTimers(plan::BgpTimers timers) {
    state_->timers = timers;
    return *this;
  }
  // BFD on every eBGP and route-server session, so a lost link ends them in about 300 ms.
  Ebgp& enableBfd(bool on = true) {
    state_->bfd = on;
    return *this;
  }
  plan::BgpTimers bgpTimers() const { return state_->timers; }
  bool bfd() const { return state_->bfd; }

  const std::vector<PrivatePeering>& privatePeerings() const { return state_->priv; }
  const std::vector<RouteServerPeering>& rsPeerings() const { return state_->rs; }
  const std::vector<CrossConnectPeering>& crossConnectPeerings() const { return state_->xc; }

  std::string name() const override { return kName; }
  std::vector<std::string> dependencies() const override { return {"Routing"}; }
  void render(RenderContext& ctx) const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Ebgp>(*this); }

 private:
  struct State {
    std::vector<PrivatePeering> priv;
    std::vector<RouteServerPeering> rs;
    std::vector<CrossConnectPeering> xc;
    plan::BgpTimers timers = plan::BgpTimers::Seed;
    bool bfd = false;
  };
  std::shared_ptr<State> state_;
};

}  // namespace asemu
