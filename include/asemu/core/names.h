// Rules for names that end up in the kernel, in file names or in generated files.
//
// Every kind of name has one function here that says whether a string may be such a name; the
// modules that turn names into paths, interface names, config text or container names call it
// and never check characters on their own.
#pragma once

#include <string>
#include <string_view>

namespace asemu {

// Linux limits interface names to 15 bytes (IFNAMSIZ - 1).
inline constexpr size_t kMaxInterfaceName = 15;
// The longest emulation name: it starts every namespace name of the emulation.
inline constexpr size_t kMaxEmulationName = 32;

// The one alphabet of names: ASCII letters, digits, '_', '-' and '.'.
bool isNameChar(char c);
// `s` with every character outside the alphabet replaced by '_' (container and service names).
std::string withNameChars(std::string s);

// Empty string when `name` can be a Linux interface name, otherwise the reason it cannot.
std::string interfaceNameProblem(std::string_view name);

// Empty string when `name` is a valid node/network name: [A-Za-z0-9_.-]+, not starting with '-'
// and not "." or "..".
std::string objectNameProblem(std::string_view name);

// Empty when `name` can name a network of an AS, otherwise why not and how to fix it. A network's
// name is also the name of each interface on it, so besides being an object name (core/names.h)
// it is none of: `lo` and `dummy0` (every node's loopback device and the device of a router's
// loopback address), the tunnel devices Linux creates in every network namespace (`tunl0`,
// `sit0`, `gre0`, ...), `eth<N>` (the names Docker and SEED give container interfaces),
// `ix<N>` (the exchanges': a join names an exchange that way) and `xc<N>` (the cross-connects').
std::string networkNameProblem(std::string_view name);

// Empty string when `name` can be a display name ("NYC-100", "Price ${HOME}"): any text without
// control characters or broken UTF-8, since it is shown in terminals, the map and labels.
std::string displayNameProblem(std::string_view name);

// True for the name of an exchange's network and of the interface joining it: "ix<N>".
bool isExchangeName(std::string_view name);
// True for the name of a cross-connect's network and of the interfaces on it: "xc<N>".
bool isCrossConnectName(std::string_view name);

// Empty string when `name` can name an emulation: 1..32 of [A-Za-z0-9_-], not starting with '-'.
// An emulation name becomes a directory under the state root and the start of namespace names,
// so it never holds '/', '.' or anything a shell or `ip` would read differently.
std::string emulationNameProblem(std::string_view name);

}  // namespace asemu
