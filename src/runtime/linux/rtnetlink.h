// Addresses, routes and simple links through rtnetlink, from this process: configuring a node
// costs a few messages instead of a process. The socket belongs to the network namespace of the
// thread that opened it, so one is opened per namespace (see NamespaceGuard).
#pragma once

#include <cstdint>
#include <string>

#include "asemu/core/ipv4.h"

namespace asemu::runtime::linuxos {

// Enters a named network namespace for the calling thread and returns on destruction.
class NamespaceGuard {
 public:
  explicit NamespaceGuard(const std::string& ns);  // throws asemu::Error
  ~NamespaceGuard();
  NamespaceGuard(const NamespaceGuard&) = delete;
  NamespaceGuard& operator=(const NamespaceGuard&) = delete;

 private:
  int home_ = -1;
};

class Rtnetlink {
 public:
  Rtnetlink();  // throws asemu::Error
  ~Rtnetlink();
  Rtnetlink(const Rtnetlink&) = delete;
  Rtnetlink& operator=(const Rtnetlink&) = delete;

  // Each returns 0 or a negative errno, as the kernel acknowledged the request.
  int linkUp(const std::string& dev);
  int addLink(const std::string& dev, const std::string& kind);  // created up
  int addAddress(const std::string& dev, Ipv4Address address, int prefixLength);
  int addRoute(const Ipv4Prefix& destination, Ipv4Address via);

 private:
  int request(void* message, uint32_t length);
  int fd_ = -1;
  uint32_t seq_ = 0;
};

}  // namespace asemu::runtime::linuxos
