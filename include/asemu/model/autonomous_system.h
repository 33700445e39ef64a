// The user's intent for one autonomous system: its networks, hosts and routers.
//
// Objects are created in order and that order is meaningful (address assignment, loopbacks,
// interface order), so each kind is kept in creation order. References returned by create*()
// stay valid for the life of the owning object (std::deque never moves its elements).
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "asemu/core/error.h"
#include "asemu/core/link_properties.h"
#include "asemu/core/names.h"

namespace asemu {

inline constexpr const char* kAuto = "auto";

class Network {
 public:
  Network(std::string name, std::string prefix)
      : name_(std::move(name)), prefix_(std::move(prefix)) {}

  const std::string& name() const { return name_; }
  // "auto" or the prefix text as given ("10.180.0.0/24"); checked when rendered.
  const std::string& prefix() const { return prefix_; }
  const std::string& displayName() const { return displayName_; }
  const LinkProperties& linkProperties() const { return link_; }

  Network& setDisplayName(std::string name) {
    displayName_ = std::move(name);
    return *this;
  }
  // SEED: setDefaultLinkProperties(latency=ms, bandwidth=bps, packetDrop=percent)
  Network& setDefaultLinkProperties(uint32_t latencyMs, uint64_t bandwidthBps = 0,
                                    double lossPercent = 0) {
    link_ = {latencyMs, bandwidthBps, lossPercent};
    return *this;
  }

  SourceLocation origin;

 private:
  std::string name_;
  std::string prefix_;
  std::string displayName_;
  LinkProperties link_;
};

class Node {
 public:
  enum class Kind { Host, Router };

  struct Join {
    std::string network;
    std::string address;  // "auto" or a dotted quad, checked when rendered
    SourceLocation origin;
  };

  // One end of a point-to-point link between routers of two ASes.
  struct CrossConnect {
    int peerAsn = 0;
    std::string peerName;
    std::string address;  // this end's address with the prefix length: "10.50.0.1/30"
    LinkProperties link;
    SourceLocation origin;

    std::string peerId() const { return "as" + std::to_string(peerAsn) + "/" + peerName; }
  };

  Node(int asn, Kind kind, std::string name) : asn_(asn), kind_(kind), name_(std::move(name)) {}

  int asn() const { return asn_; }
  Kind kind() const { return kind_; }
  const std::string& name() const { return name_; }
  // "as180/router0": how errors and the CLI name the node.
  std::string id() const { return "as" + std::to_string(asn_) + "/" + name_; }
  const std::vector<Join>& joins() const { return joins_; }
  // The human name SEED shows in the container name (as151h-Web-1-10.151.0.71) and the map;
  // empty means none. Checked when rendered.
  const std::string& displayName() const { return displayName_; }

  Node& setDisplayName(std::string name) {
    displayName_ = std::move(name);
    return *this;
  }
  const std::vector<CrossConnect>& crossConnects() const { return crossConnects_; }

  // Joins a network of this node's AS, or an exchange ("ix100"). Checked when rendered.
  Node& joinNetwork(const std::string& network, const std::string& address = kAuto) {
    joins_.push_back({network, address, {}});
    return *this;
  }
  Node& joinNetwork(const std::string& network, const std::string& address, SourceLocation at) {
    joins_.push_back({network, address, std::move(at)});
    return *this;
  }

  // SEED: router.crossConnect(peerasn, peername, address, latency, bandwidth, packetDrop): a
  // point-to-point network to router `peerName` of AS `peerAsn`. Both routers declare it, each
  // with its own address ("10.50.0.1/30") in one network and the same link properties; checked
  // when rendered. Throws Error on a host, on the router itself as the peer and on a second
  // cross-connect to the same peer.
  Node& crossConnect(int peerAsn, const std::string& peerName, const std::string& address,
                     uint32_t latencyMs = 0, uint64_t bandwidthBps = 0, double lossPercent = 0) {
    return crossConnect(peerAsn, peerName, address, {latencyMs, bandwidthBps, lossPercent}, {});
  }
  Node& crossConnect(int peerAsn, const std::string& peerName, const std::string& address,
                     const LinkProperties& link, SourceLocation at);

  // Originates `prefix` ("10.153.0.0/25") in BGP from this router, whatever networks the AS
  // has: a static route into t_bgp that drops what it attracts (SEED's prefix-hijack lab). A
  // router with eBGP tags it LOCAL, as its own networks; one with iBGP alone passes it untagged.
  // Throws Error on a host, on a malformed prefix or one with host bits set, and on a prefix
  // the router already announces.
  Node& announce(const std::string& prefix, SourceLocation at = {});
  // The announced prefixes, in the order given; each is a valid prefix text.
  const std::vector<std::string>& announcements() const { return announcements_; }

  SourceLocation origin;

 private:
  int asn_;
  Kind kind_;
  std::string name_;
  std::string displayName_;
  std::vector<Join> joins_;
  std::vector<CrossConnect> crossConnects_;
  std::vector<std::string> announcements_;
};

class AutonomousSystem {
 public:
  explicit AutonomousSystem(int asn) : asn_(asn) {}

  int asn() const { return asn_; }

  // prefix "auto": the n-th auto network of AS A is 10.A.n.0/24 (A <= 255).
  // Throws Error on a duplicate or malformed name.
  Network& createNetwork(const std::string& name, const std::string& prefix = kAuto);
  Node& createHost(const std::string& name);
  Node& createRouter(const std::string& name);

  // Throw Error with the known names when missing.
  Network& getNetwork(const std::string& name);
  Node& getHost(const std::string& name);
  Node& getRouter(const std::string& name);
  const Network* findNetwork(const std::string& name) const;
  const Node* findNode(const std::string& name) const;  // host or router

  const std::deque<Network>& networks() const { return networks_; }
  const std::deque<Node>& hosts() const { return hosts_; }
  const std::deque<Node>& routers() const { return routers_; }

  SourceLocation origin;

 private:
  Node& createNode(Node::Kind kind, const std::string& name);

  int asn_;
  std::deque<Network> networks_;
  std::deque<Node> hosts_;
  std::deque<Node> routers_;
};

class InternetExchange {
 public:
  InternetExchange(int id, std::string prefix) : id_(id), prefix_(std::move(prefix)) {}

  int id() const { return id_; }
  std::string name() const { return "ix" + std::to_string(id_); }
  // "auto" (10.N.0.0/24, N <= 255) or the prefix text as given.
  const std::string& prefix() const { return prefix_; }
  const std::string& displayName() const { return displayName_; }
  // "auto" (network + N) or a dotted quad.
  const std::string& routeServerAddress() const { return rsAddress_; }
  const LinkProperties& linkProperties() const { return link_; }

  InternetExchange& setDisplayName(std::string name) {
    displayName_ = std::move(name);
    return *this;
  }
  InternetExchange& setRouteServerAddress(std::string address) {
    rsAddress_ = std::move(address);
    return *this;
  }
  InternetExchange& setDefaultLinkProperties(uint32_t latencyMs, uint64_t bandwidthBps = 0,
                                             double lossPercent = 0) {
    link_ = {latencyMs, bandwidthBps, lossPercent};
    return *this;
  }

  SourceLocation origin;

 private:
  int id_;
  std::string prefix_;
  std::string displayName_;
  std::string rsAddress_ = kAuto;
  LinkProperties link_;
};

}  // namespace asemu
