// Rules for names that end up in the kernel or in generated files.
#pragma once

#include <string>
#include <string_view>

namespace asemu {

// Linux limits interface names to 15 bytes (IFNAMSIZ - 1).
inline constexpr size_t kMaxInterfaceName = 15;

// Empty string when `name` can be a Linux interface name, otherwise the reason it cannot.
std::string interfaceNameProblem(std::string_view name);

// Empty string when `name` is a valid node/network name: [A-Za-z0-9_.-]+, not starting with '-'.
std::string objectNameProblem(std::string_view name);

}  // namespace asemu
