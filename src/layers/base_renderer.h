// The Base layer's renderer, in parts: networks and route servers (base_render.cc), nodes and
// their addresses (base_addresses.cc), cross-connects (base_cross_connects.cc).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asemu/layers/base.h"

namespace asemu::base_detail {

inline constexpr uint64_t kFirstAutoHost = 71, kLastAutoHost = 99;
inline constexpr uint64_t kFirstAutoRouter = 254, kLastAutoRouter = 200;

inline std::string asName(int asn) {
  return "as" + std::to_string(asn);
}
inline std::string ixNetworkId(int ix) {
  return "ix/ix" + std::to_string(ix);
}

// Per-network assignment state.
struct NetworkState {
  const plan::Network* net = nullptr;
  std::string id;
  std::map<uint32_t, std::string> used;  // address -> node id
  uint64_t nextHost = kFirstAutoHost;
  uint64_t nextRouter = kFirstAutoRouter;
};

class BaseRenderer {
 public:
  BaseRenderer(const Base& base, RenderContext& ctx) : base_(base), ctx_(ctx) {}

  void run();

 private:
  struct Pending {  // one join of one node
    size_t node;
    const Node* model;
    const Node::Join* join;
    std::string networkId;
    bool exchange = false;
    int ix = 0;
    std::optional<Ipv4Address> explicitAddress;
  };

  void addExchanges();
  void addLocalNetworks();
  // The prefix written for a network, or nullopt after reporting why it cannot be one.
  std::optional<Ipv4Prefix> explicitPrefix(const std::string& text, const std::string& object,
                                           const SourceLocation& where);
  void addNetwork(plan::Network net);
  void addNetwork(plan::Network net, const std::string& object, const SourceLocation& origin);
  void addNode(const Node& model);
  static std::optional<int> exchangeNumber(const std::string& name);
  NetworkState& state(const std::string& networkId);
  const SourceLocation& whereOf(const Pending& p) const;
  bool claim(const Pending& p, Ipv4Address a);
  void reserveExplicitAddresses();
  std::optional<Ipv4Address> nextAuto(const Pending& p);
  void assignAddresses();
  // The address a cross-connect end declares ("10.50.0.1/30") and its network, or nullopt after
  // reporting why it cannot be one.
  std::optional<Ipv4Interface> crossConnectAddress(const Node& router,
                                                   const Node::CrossConnect& xc);
  static std::string linkText(const LinkProperties& l);
  // The xc network of `router`'s cross-connect `xc`, made on the first of its two ends to be
  // visited; nullopt after reporting (once, on the end visited first) why there is none.
  std::optional<size_t> crossConnectNetwork(const Node& router, const Node::CrossConnect& xc);
  void addCrossConnects();
  // Computed once: both the reservation and the route server node need it, and a problem with
  // it must be reported once.
  std::optional<Ipv4Address> routeServerAddress(const InternetExchange& ix);
  std::optional<Ipv4Address> findRouteServerAddress(const InternetExchange& ix);
  void addRouteServers();

  const Base& base_;
  RenderContext& ctx_;
  std::map<std::string, size_t> networkIndex_;
  std::map<std::string, NetworkState> states_;
  std::vector<Pending> pending_;
  std::map<const Pending*, Ipv4Address> assigned_;
  std::map<int, std::optional<Ipv4Address>> rsAddress_;  // exchange number -> route server
  // (router id, router id), in order -> the plan network of their cross-connect
  std::map<std::pair<std::string, std::string>, std::optional<size_t>> crossConnects_;
  int crossConnectCount_ = 0;
};

}  // namespace asemu::base_detail
