#include "asemu/runtime/naming.h"

namespace asemu::runtime {

std::string namespacePrefix(const std::string& emulation) {
  return "asemu-" + emulation + ".";
}

std::string fabricNamespace(const std::string& emulation) {
  return namespacePrefix(emulation) + "fabric";
}

std::string nodeKey(const std::string& nodeId) {
  std::string key = nodeId;
  for (char& c : key)
    if (c == '/') c = '.';
  return key;
}

std::string nodeNamespace(const std::string& emulation, const std::string& nodeId) {
  return namespacePrefix(emulation) + nodeKey(nodeId);
}

std::string bridgeName(size_t networkIndex) {
  return "br" + std::to_string(networkIndex);
}

std::string bridgeSegmentName(size_t networkIndex, size_t segment) {
  return segment == 0 ? bridgeName(networkIndex)
                      : bridgeName(networkIndex) + "s" + std::to_string(segment);
}

std::string trunkName(size_t networkIndex, size_t segment) {
  return bridgeName(networkIndex) + "t" + std::to_string(segment);
}

std::string trunkPeerName(size_t networkIndex, size_t segment) {
  return bridgeName(networkIndex) + "u" + std::to_string(segment);
}

std::string portName(size_t nodeIndex, size_t interfaceIndex) {
  return "p" + std::to_string(nodeIndex) + "i" + std::to_string(interfaceIndex);
}

}  // namespace asemu::runtime
