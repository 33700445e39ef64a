#include "asemu/core/names.h"

#include "asemu/core/error.h"

namespace asemu {

namespace {

std::string shown(std::string_view s) {
  return "'" + printable(s) + "'";
}

}  // namespace

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

std::string withNameChars(std::string s) {
  for (char& c : s)
    if (!isNameChar(c)) c = '_';
  return s;
}

std::string interfaceNameProblem(std::string_view name) {
  if (name.empty()) return "an interface name cannot be empty";
  if (name.size() > kMaxInterfaceName)
    return "interface name " + shown(name) + " is " + std::to_string(name.size()) +
           " characters; Linux allows at most 15 (use a shorter network name)";
  if (name == "." || name == "..") return shown(name) + " cannot name an interface";
  for (char c : name)
    if (c == '/' || c == ':' || static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
      return "interface name " + shown(name) + " contains " + shown(std::string_view(&c, 1)) +
             ", which Linux does not allow";
  return {};
}

std::string objectNameProblem(std::string_view name) {
  if (name.empty()) return "a name cannot be empty";
  if (name.front() == '-') return "name " + shown(name) + " cannot start with '-'";
  if (name == "." || name == "..") return "name " + shown(name) + " is reserved";
  for (char c : name)
    if (!isNameChar(c))
      return "name " + shown(name) + " contains " + shown(std::string_view(&c, 1)) +
             " (allowed: letters, digits, '_', '-', '.')";
  return {};
}

std::string emulationNameProblem(std::string_view name) {
  if (name.empty()) return "an emulation name cannot be empty";
  if (name.front() == '-') return "emulation name " + shown(name) + " starts with '-'";
  for (char c : name)
    if (c == '.' || !isNameChar(c))
      return "emulation name " + shown(name) + " contains " + shown(std::string_view(&c, 1)) +
             " (allowed: letters, digits, '_', '-')";
  if (name.size() > kMaxEmulationName)
    return "emulation name " + shown(name) + " is longer than " +
           std::to_string(kMaxEmulationName) + " characters";
  return {};
}

}  // namespace asemu
