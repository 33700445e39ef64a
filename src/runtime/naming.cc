#include "asemu/runtime/naming.h"

namespace asemu::runtime {

std::string emulationNameProblem(std::string_view name) {
  if (name.empty()) return "an emulation name cannot be empty";
  if (name.size() > 32)
    return "emulation name '" + std::string(name) + "' is longer than 32 characters";
  if (name.front() == '-') return "emulation name '" + std::string(name) + "' starts with '-'";
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok)
      return "emulation name '" + std::string(name) + "' contains '" + std::string(1, c) +
             "' (allowed: letters, digits, '_', '-')";
  }
  return {};
}

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

std::string portName(size_t nodeIndex, size_t interfaceIndex) {
  return "p" + std::to_string(nodeIndex) + "i" + std::to_string(interfaceIndex);
}

}  // namespace asemu::runtime
