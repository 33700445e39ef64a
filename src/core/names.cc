#include "asemu/core/names.h"

#include <optional>

#include "asemu/core/error.h"

namespace asemu {

namespace {

std::string shown(std::string_view s) {
  return "'" + printable(s) + "'";
}

// The first character of `name` that `bad` refuses: the whole UTF-8 sequence when the refused
// byte starts one (so a message names "é", not half of it), else that byte.
std::optional<std::string_view> firstBadChar(std::string_view name, bool (*bad)(char)) {
  for (size_t i = 0; i < name.size(); ++i) {
    if (!bad(name[i])) continue;
    unsigned char c = static_cast<unsigned char>(name[i]);
    size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1, n = 1;
    while (n < want && i + n < name.size() &&
           (static_cast<unsigned char>(name[i + n]) & 0xc0) == 0x80)
      ++n;
    return name.substr(i, n == want ? n : 1);
  }
  return std::nullopt;
}

// True for `prefix` followed by one or more digits ("ix100" for "ix").
bool isNumbered(std::string_view name, std::string_view prefix) {
  if (name.size() <= prefix.size() || !name.starts_with(prefix)) return false;
  for (char c : name.substr(prefix.size()))
    if (c < '0' || c > '9') return false;
  return true;
}

// Devices the kernel creates in every new network namespace once their module is loaded.
constexpr std::string_view kFallbackTunnels[] = {
    "tunl0", "sit0", "gre0", "gretap0", "erspan0", "ip_vti0", "ip6_vti0", "ip6tnl0", "ip6gre0"};

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
  if (auto c = firstBadChar(name, [](char c) { return !isNameChar(c); }))
    return "name " + shown(name) + " contains " + shown(*c) +
           " (allowed: letters, digits, '_', '-', '.')";
  return {};
}

std::string networkNameProblem(std::string_view name) {
  if (auto problem = objectNameProblem(name); !problem.empty()) return problem;
  const std::string shown = "network name '" + printable(name) + "' ";
  const std::string fix = "; choose another name, such as net0";
  if (name == "lo") return shown + "is the loopback device of every node" + fix;
  if (name == "dummy0") return shown + "is the device that holds a router's loopback address" + fix;
  for (auto tunnel : kFallbackTunnels)
    if (name == tunnel)
      return shown + "is a tunnel device Linux creates in every network namespace" + fix;
  if (isNumbered(name, "eth"))
    return shown + "is a name Docker and SEED give container interfaces" + fix;
  if (isNumbered(name, "ix"))
    return shown + "is how nodes join exchange " + std::string(name) +
           "; exchange names (ix<N>) are reserved" + fix;
  if (isCrossConnectName(name))
    return shown + "is the interface name of cross-connect " + std::string(name) +
           "; cross-connect names (xc<N>) are reserved" + fix;
  return {};
}

std::string displayNameProblem(std::string_view name) {
  if (printable(name) == name) return {};
  return "display name " + shown(name) +
         " contains control characters or bytes that are not UTF-8; use plain text";
}

bool isExchangeName(std::string_view name) {
  return isNumbered(name, "ix");
}

bool isCrossConnectName(std::string_view name) {
  return isNumbered(name, "xc");
}

std::string emulationNameProblem(std::string_view name) {
  if (name.empty()) return "an emulation name cannot be empty";
  if (name.front() == '-') return "emulation name " + shown(name) + " starts with '-'";
  if (auto c = firstBadChar(name, [](char c) { return c == '.' || !isNameChar(c); }))
    return "emulation name " + shown(name) + " contains " + shown(*c) +
           " (allowed: letters, digits, '_', '-')";
  if (name.size() > kMaxEmulationName)
    return "emulation name " + shown(name) + " is longer than " +
           std::to_string(kMaxEmulationName) + " characters";
  return {};
}

}  // namespace asemu
