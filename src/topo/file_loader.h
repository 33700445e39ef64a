// The topology file loader's parts: the checks shared by the files that read each section
// (load.cc: documents, layers and includes; load_ases.cc: exchanges, ASes and their objects;
// load_peerings.cc: peerings).
#pragma once

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "asemu/core/ipv4.h"
#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "loader.h"
#include "yaml_input.h"

namespace asemu::topo::detail {

inline constexpr int64_t kMaxNumber = std::numeric_limits<int>::max();  // ASNs and IX numbers
inline constexpr int64_t kMaxMakerHosts = 1000;
inline constexpr size_t kMaxIncludeDepth = 32;

inline const char* const kPrefixText = "an IPv4 prefix such as 10.180.0.0/24 (without host bits)";
inline const char* const kAddressText = "an IPv4 address such as 10.180.0.100";

inline bool isPrefix(const std::string& s) {
  return Ipv4Prefix::parse(s).has_value();
}
inline bool isAddress(const std::string& s) {
  return Ipv4Address::parse(s).has_value();
}

// A model error moved to the place in the file that caused it.
inline Error located(const Error& e, SourceLocation at) {
  return Error(e.object(), e.message(), std::move(at));
}

// The plain text of `key` in `node`, when `node` is a mapping that has it; used to name an
// object in errors before its mapping has been checked.
inline std::optional<std::string> peek(const YAML::Node& node, const std::string& key) {
  if (!node.IsMap()) return std::nullopt;
  for (auto it = node.begin(); it != node.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key && it->second.IsScalar())
      return it->second.Scalar();
  return std::nullopt;
}

// "as150" when the mapping has a plausible `key`, else the position ("ases[3]").
inline std::string numberedName(const YAML::Node& node, const std::string& key,
                                const std::string& prefix, const std::string& fallback) {
  auto text = peek(node, key);
  if (text && !text->empty() && text->size() <= 10 &&
      std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return prefix + *text;
  return fallback;
}

inline std::string namedName(const YAML::Node& node, const std::string& owner,
                             const std::string& fallback) {
  auto text = peek(node, "name");
  if (text && objectNameProblem(*text).empty()) return owner + "/" + *text;
  return owner + "/" + fallback;
}

inline std::string indexed(const std::string& list, size_t i) {
  return list + "[" + std::to_string(i) + "]";
}

struct IncludeChain {
  std::vector<std::string> ids;    // FileSource::identity of each file being loaded
  std::vector<std::string> names;  // as printed
};

class FileLoader {
 public:
  FileLoader(Emulator& emu, Sink& sink, const FileSource& files, IncludeChain& chain)
      : base_(emu.getLayer<Base>()), emu_(emu), sink_(sink), files_(files), chain_(chain) {}

  std::string loadText(const std::string& text, const std::string& file);

 private:
  void layers(const Mapping& top);
  template <class L>
  L* layer(const Mapping& m, const std::string& key);
  void includes(const Mapping& top);
  void generate(const Mapping& top);
  void exchange(const YAML::Node& node, size_t index);
  void autonomousSystem(const YAML::Node& node, size_t index);
  AutonomousSystem* transit(const Mapping& as, std::optional<int64_t> asn);
  AutonomousSystem* stub(const Mapping& as, std::optional<int64_t> asn);
  AutonomousSystem* runMaker(const Mapping& as, int asn, const std::string& key,
                             const std::function<void()>& make);
  void networks(const Mapping& as, AutonomousSystem* target);
  void nodes(const Mapping& as, const std::string& key, AutonomousSystem* target);
  std::optional<LinkProperties> link(const Mapping& owner);
  std::optional<std::string> displayName(const Mapping& owner);
  void peerings(const Mapping& top);
  void bgpOptions(const Mapping& top);
  void privatePeering(const YAML::Node& node, size_t index);
  void crossConnectPeering(const YAML::Node& node, size_t index);
  bool relationship(const Mapping& m, PeerRelationship& rel);
  struct CrossConnectEntry {
    int peerAsn;
    std::string peerName, address;
    LinkProperties link;
    SourceLocation at;
  };
  std::vector<CrossConnectEntry> crossConnects(const Mapping& router);
  void routeServerPeering(const YAML::Node& node, size_t index);
  std::optional<std::vector<int>> asnList(const Mapping& m, const std::string& key);

  Base& base_;
  Emulator& emu_;
  Sink& sink_;
  const FileSource& files_;
  IncludeChain& chain_;
  Source src_{};
};

// The emulation's layer L for the setting `key` of `m`, or nullptr after reporting that the
// topology leaves L out.
template <class L>
L* FileLoader::layer(const Mapping& m, const std::string& key) {
  if (emu_.hasLayer(L::kName)) return &emu_.getLayer<L>();
  m.error(key, "'" + key + "' needs the " + std::string(L::kName) + " layer, which this " +
                   "topology leaves out; add " + L::kName + " to 'layers'");
  return nullptr;
}

}  // namespace asemu::topo::detail
