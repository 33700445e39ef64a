// The prefixes a running router announces, changed while it runs.
//
// On a running emulation a router's static protocol "announced" takes its routes from
// announced.conf beside its bird.conf (nodes/<node key>/etc/announced.conf in the state
// directory, /etc/bird/announced.conf inside the node): `up`
// writes it with the plan's announcements, and `asemu bgp NODE announce|withdraw PREFIX` rewrites
// it (atomically) and has BIRD re-read its configuration through the control socket, which keeps
// every BGP session up. The file is the record of what the router announces now; it lives until
// `down`, so the next `up` starts again from the plan.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/plan/plan.h"
#include "asemu/runtime/state.h"

namespace asemu::runtime {

// The path of the file as the router's BIRD sees it: relative, which BIRD reads from the
// directory of bird.conf, so the same config works when BIRD names its files by host paths
// (as `up` starts it) and when it sees them under /etc/bird.
inline constexpr const char* kAnnouncedInclude = "announced.conf";

// The file in the state directory.
std::filesystem::path announcedFile(const StateDir& st, const std::string& nodeId);
// The lock that one announce or withdraw on the router holds at a time (flock), beside the
// node's etc and run directories.
std::filesystem::path announcedLockFile(const StateDir& st, const std::string& nodeId);

// Whether the runtime gives the router the static protocol: a router (not a route server) whose
// BIRD has a BGP table, i.e. has sessions or announces something.
bool announcesAtRuntime(const plan::Node& node);

// The bird.conf the runtime writes for a node with a Bird record.
std::string runtimeBirdConfig(const plan::Node& node);

// What `up` writes besides bird.conf: the announced file of each router that has one.
void writeInitialAnnouncements(const StateDir& st, const plan::Plan& plan);

// The prefixes the router announces now, in the order they were announced. Throws Error when
// the file is missing or was not written by asemu.
std::vector<Ipv4Prefix> readAnnouncements(const StateDir& st, const plan::Node& node);

}  // namespace asemu::runtime
