// Strict reading of YAML values for topology files.
//
// yaml-cpp accepts any shape; a topology file has one. These helpers read a mapping against the
// keys it may hold and each value against the type it must have, and turn every mismatch into an
// asemu::Error located at file:line:col of the offending key or value. They never throw for bad
// input: problems go to a shared sink so that one load reports all of them. The sink also bounds
// the work one load may do, because YAML aliases can make a small file describe a huge tree.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asemu/core/error.h"

namespace asemu::topo::detail {

// Thrown when a load has to stop early (too many errors, too large); carries what was found.
struct LoadAborted {};

// Errors of one load (all files), plus the limits that keep hostile input cheap. Objects are
// counted the same way whether a maker or a plain entry made them, so a file that loads within
// the limits saves to one that does too; a saved file reads at most ten values per object.
class Sink {
 public:
  static constexpr size_t kMaxErrors = 100;
  static constexpr uint64_t kMaxObjects = 250'000;
  static constexpr uint64_t kMaxValues = 10 * kMaxObjects;

  void add(Error e);
  void add(const std::string& object, const std::string& message, SourceLocation at) {
    add(Error(object, message, std::move(at)));
  }
  // Count YAML values read and model objects about to be created (ASes, exchanges, networks,
  // nodes, joins, peerings); each aborts the load past its limit.
  void spend(uint64_t values, const SourceLocation& at);
  void create(uint64_t objects, const SourceLocation& at);
  bool empty() const { return diagnostics_.empty(); }
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
  size_t errors_ = 0;
  uint64_t values_ = 0;
  uint64_t objects_ = 0;
};

// The file a node came from and the sink of the load.
struct Source {
  std::string file;  // as printed in errors
  Sink* sink;

  SourceLocation at(const YAML::Node& node) const;
};

// "a sequence", "a mapping", "null" or the scalar's text in quotes: what a value was instead.
std::string describe(const YAML::Node& node);

// A mapping checked against the keys it may hold. Unknown and repeated keys are reported once,
// when the mapping is opened; the value accessors then report missing or malformed values.
class Mapping {
 public:
  // `object` names what the mapping describes in errors ("as150", "exchanges[2]").
  Mapping(const Source& src, const YAML::Node& node, std::string object,
          std::vector<std::string> keys);

  bool valid() const { return valid_; }  // false when the node was not a mapping at all
  const std::string& object() const { return object_; }
  void setObject(std::string object) { object_ = std::move(object); }
  SourceLocation at() const { return src_.at(node_); }
  const Source& source() const { return src_; }

  bool has(const std::string& key) const;
  YAML::Node value(const std::string& key) const;  // an undefined node when absent
  // Of the value; of the key when the value is empty and yaml-cpp placed it at the next token on
  // a later line; of the mapping when the key is absent.
  SourceLocation at(const std::string& key) const;

  // The value of `key` read as a type. nullopt when absent (reported when `required`) or
  // malformed (always reported).
  std::optional<int64_t> integer(const std::string& key, int64_t min, int64_t max,
                                 bool required = false) const;
  // `rule` replaces "'key' must be an integer from 0 to 2^64-1" in the error.
  std::optional<uint64_t> unsignedInteger(const std::string& key, bool required = false,
                                          const std::string& rule = {}) const;
  std::optional<double> number(const std::string& key, double min, double max) const;
  std::optional<std::string> string(const std::string& key, bool required = false) const;
  std::optional<bool> boolean(const std::string& key) const;
  // "auto" or text `valid` accepts; `what` completes "must be 'auto' or ...".
  std::optional<std::string> autoOr(const std::string& key, bool (*valid)(const std::string&),
                                    const std::string& what) const;
  // A sequence (or, when `scalarAllowed`, one value standing for a one-item sequence).
  std::optional<std::vector<YAML::Node>> sequence(const std::string& key, bool required = false,
                                                  bool scalarAllowed = false) const;

  void error(const std::string& key, const std::string& message) const;
  void error(const std::string& message) const;

 private:
  struct Entry {
    std::string key;
    YAML::Node keyNode;
    YAML::Node value;
  };
  const Entry* find(const std::string& key) const;

  Source src_;
  YAML::Node node_;
  std::string object_;
  std::vector<Entry> entries_;
  bool valid_ = false;
};

// A scalar read as an integer in [min, max]; reports and returns nullopt otherwise.
std::optional<int64_t> readInteger(const Source& src, const YAML::Node& node,
                                   const std::string& object, const std::string& what, int64_t min,
                                   int64_t max);

}  // namespace asemu::topo::detail
