// Links, addresses, routes and queueing disciplines through rtnetlink, built with libmnl: each
// operation is one request, and requests go to the kernel many per system call. A socket
// belongs to the network namespace of the thread that opened it, so one is opened per
// namespace (see NamespaceGuard in netns.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/runtime/kernel.h"

struct mnl_socket;

namespace asemu::runtime::linuxos {

// One request, ready to send but for its sequence number.
using Request = std::vector<uint32_t>;  // 4-byte units keep the netlink header aligned

// A bridge, created up, without multicast snooping (every member hears every multicast, as on
// a hub; OSPF's hellos must reach all).
Request bridgeRequest(const std::string& dev);
// A veth pair: `dev` is created up in the namespace of `targetNsFd` (or here when it is -1),
// `peer` stays here, down (linkUpRequest brings it up, into its bridge).
Request vethRequest(const std::string& dev, int targetNsFd, const std::string& peer);
// A device of `kind` ("dummy", "ifb") that only holds addresses, created up.
Request deviceRequest(const std::string& dev, const std::string& kind);
// Sets a device up and, when `masterIndex` is not 0, makes it a port of that bridge.
Request linkUpRequest(int index, int masterIndex);
Request addressRequest(int index, Ipv4Address address, int prefixLength);
Request routeRequest(const Ipv4Prefix& destination, Ipv4Address via);
// The root queueing discipline for `link`: netem when it delays or drops (with its rate),
// else a token bucket of its rate (32 kbit burst, at most 100 ms of queue), as `tc` sets them.
Request qdiscRequest(int index, const LinkProperties& link);

class RouteSocket {
 public:
  RouteSocket();  // throws asemu::Error
  ~RouteSocket();
  RouteSocket(const RouteSocket&) = delete;
  RouteSocket& operator=(const RouteSocket&) = delete;

  // Sends every request, in order, and returns the kernel's answer to each: 0 or a negative
  // errno. The kernel handles each request on its own, also after one has failed.
  std::vector<int> send(std::vector<Request>& requests);

 private:
  ::mnl_socket* socket_ = nullptr;
  uint32_t seq_ = 0;
};

}  // namespace asemu::runtime::linuxos
