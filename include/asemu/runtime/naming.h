// How the kernel objects and files of an emulation are named.
//
// Every namespace of an emulation starts with "asemu-<emulation>." so that `ip netns list`
// shows whose it is and two emulations never share a name; '.' is not allowed in emulation
// names, which keeps one emulation's prefix from being the start of another's. Bridges and
// bridge ports live in the emulation's own fabric namespace, so their short names only have to
// be unique there.
#pragma once

#include <string>
#include <string_view>

#include "asemu/core/names.h"

namespace asemu::runtime {

std::string namespacePrefix(const std::string& emulation);  // "asemu-demo."
std::string fabricNamespace(const std::string& emulation);  // "asemu-demo.fabric"
// "as180/router0" -> "as180.router0": the node's part of file and namespace names.
std::string nodeKey(const std::string& nodeId);
std::string nodeNamespace(const std::string& emulation, const std::string& nodeId);
std::string bridgeName(size_t networkIndex);  // "br12"
// Segment k >= 1 of a network too large for one bridge ("br12s1"), and the two ends of the veth
// that joins it to the network's first bridge ("br12t1", "br12u1").
std::string bridgeSegmentName(size_t networkIndex, size_t segment);
std::string trunkName(size_t networkIndex, size_t segment);
std::string trunkPeerName(size_t networkIndex, size_t segment);
std::string portName(size_t nodeIndex, size_t interfaceIndex);  // "p61i1"

// The device that holds a router's loopback address, as SEED names it.
inline constexpr const char* kLoopbackDevice = "dummy0";

}  // namespace asemu::runtime
