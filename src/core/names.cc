#include "asemu/core/names.h"

namespace asemu {

std::string interfaceNameProblem(std::string_view name) {
  if (name.empty()) return "an interface name cannot be empty";
  if (name.size() > kMaxInterfaceName)
    return "interface name '" + std::string(name) + "' is " + std::to_string(name.size()) +
           " characters; Linux allows at most 15 (use a shorter network name)";
  if (name == "." || name == "..") return "'" + std::string(name) + "' cannot name an interface";
  for (char c : name)
    if (c == '/' || c == ':' || c <= ' ' || c == 0x7f)
      return "interface name '" + std::string(name) + "' contains '" + std::string(1, c) +
             "', which Linux does not allow";
  return {};
}

std::string objectNameProblem(std::string_view name) {
  if (name.empty()) return "a name cannot be empty";
  if (name.front() == '-') return "name '" + std::string(name) + "' cannot start with '-'";
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok)
      return "name '" + std::string(name) + "' contains '" + std::string(1, c) +
             "' (allowed: letters, digits, '_', '-', '.')";
  }
  return {};
}

}  // namespace asemu
