// Named network namespaces, compatible with `ip netns`: a namespace is kept alive by a bind
// mount of its nsfs file on /run/netns/<name>.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "asemu/plan/plan.h"

namespace asemu::runtime::linuxos {

inline constexpr const char* kNetnsDir = "/run/netns";

std::string netnsPath(const std::string& name);
// Creates the namespace and writes the sysctls inside it (through /proc/sys, which shows the
// namespace of the calling thread). The calling thread returns to its own namespace.
void createNetns(const std::string& name, const std::vector<plan::Sysctl>& sysctls);
void deleteNetns(const std::string& name);  // missing is fine
std::vector<std::string> listNetns();
// The nsfs inode of a named namespace, or 0 when it does not exist.
ino_t netnsInode(const std::string& name);

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

}  // namespace asemu::runtime::linuxos
