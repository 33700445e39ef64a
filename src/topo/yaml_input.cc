#include "yaml_input.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace asemu::topo::detail {
namespace {

// Quoted scalars ("2", '2') are strings even when their text is a number.
bool isQuoted(const YAML::Node& node) {
  return node.Tag() == "!";
}

// Scalar text for a one-line message: at most its first 40 bytes, through printable().
std::string shortText(const std::string& text) {
  constexpr size_t kShown = 40;
  if (text.size() <= kShown) return printable(text);
  return printable(std::string_view(text).substr(0, kShown)) + "...";
}

std::optional<int64_t> parseInteger(const std::string& text) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

void Sink::add(Error e) {
  if (errors_ == kMaxErrors) {
    diagnostics_.add(Error(
        "topology", "too many errors; stopped after " + std::to_string(kMaxErrors), e.where()));
    throw LoadAborted{};
  }
  ++errors_;
  diagnostics_.add(std::move(e));
}

void Sink::spend(uint64_t values, const SourceLocation& at) {
  values_ += values;
  if (values_ > kMaxValues) {
    diagnostics_.add(Error("topology",
                           "too large: more than " + std::to_string(kMaxValues) +
                               " values to read (a YAML alias counts once per use)",
                           at));
    throw LoadAborted{};
  }
}

void Sink::create(uint64_t objects, const SourceLocation& at) {
  objects_ += objects;
  if (objects_ > kMaxObjects) {
    diagnostics_.add(Error("topology",
                           "too large: more than " + std::to_string(kMaxObjects) +
                               " ASes, exchanges, networks, nodes, joins and peerings",
                           at));
    throw LoadAborted{};
  }
}

SourceLocation Source::at(const YAML::Node& node) const {
  SourceLocation loc;
  loc.file = file;
  YAML::Mark mark = node.Mark();
  if (!mark.is_null()) {
    loc.line = mark.line + 1;
    loc.column = mark.column + 1;
  }
  return loc;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a sequence";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar:
      if (isQuoted(node)) return "the quoted string '" + shortText(node.Scalar()) + "'";
      return "'" + shortText(node.Scalar()) + "'";
    case YAML::NodeType::Null:
      return "null";
    default:
      return "nothing";
  }
}

Mapping::Mapping(const Source& src, const YAML::Node& node, std::string object,
                 std::vector<std::string> keys)
    : src_(src), node_(node), object_(std::move(object)) {
  src_.sink->spend(1, src_.at(node_));
  if (!node_.IsMap()) {
    src_.sink->add(object_, "expected a mapping, got " + describe(node_), src_.at(node_));
    return;
  }
  valid_ = true;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    YAML::Node keyNode = it->first;
    src_.sink->spend(1, src_.at(keyNode));
    if (!keyNode.IsScalar()) {
      src_.sink->add(object_, "a key must be a name, got " + describe(keyNode), src_.at(keyNode));
      continue;
    }
    const std::string& key = keyNode.Scalar();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      src_.sink->add(object_, unknownNameMessage("key", shortText(key), keys), src_.at(keyNode));
      continue;
    }
    if (find(key)) {
      src_.sink->add(object_, "key '" + key + "' is given twice", src_.at(keyNode));
      continue;
    }
    entries_.push_back({key, keyNode, it->second});
  }
}

const Mapping::Entry* Mapping::find(const std::string& key) const {
  for (const auto& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

bool Mapping::has(const std::string& key) const {
  return find(key) != nullptr;
}

YAML::Node Mapping::value(const std::string& key) const {
  const Entry* e = find(key);
  return e ? e->value : YAML::Node();
}

SourceLocation Mapping::at(const std::string& key) const {
  const Entry* e = find(key);
  if (!e) return at();
  bool elsewhere = e->value.IsNull() && e->value.Mark().line != e->keyNode.Mark().line;
  return src_.at(elsewhere ? e->keyNode : e->value);
}

void Mapping::error(const std::string& key, const std::string& message) const {
  src_.sink->add(object_, message, at(key));
}

void Mapping::error(const std::string& message) const {
  src_.sink->add(object_, message, at());
}

std::optional<int64_t> readInteger(const Source& src, const YAML::Node& node,
                                   const std::string& object, const std::string& what, int64_t min,
                                   int64_t max) {
  std::optional<int64_t> v;
  if (node.IsScalar() && !isQuoted(node)) v = parseInteger(node.Scalar());
  if (!v || *v < min || *v > max) {
    src.sink->add(object,
                  what + " must be an integer from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", got " + describe(node),
                  src.at(node));
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> Mapping::integer(const std::string& key, int64_t min, int64_t max,
                                        bool required) const {
  const Entry* e = find(key);
  if (!e) {
    if (required) error("missing key '" + key + "'");
    return std::nullopt;
  }
  return readInteger(src_, e->value, object_, "'" + key + "'", min, max);
}

std::optional<uint64_t> Mapping::unsignedInteger(const std::string& key, bool required,
                                                 const std::string& rule) const {
  const Entry* e = find(key);
  if (!e) {
    if (required) error("missing key '" + key + "'");
    return std::nullopt;
  }
  const YAML::Node& n = e->value;
  if (n.IsScalar() && !isQuoted(n)) {
    const std::string& text = n.Scalar();
    uint64_t v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (!text.empty() && ec == std::errc() && ptr == end) return v;
  }
  error(key, (rule.empty() ? "'" + key + "' must be an integer from 0 to " +
                                 std::to_string(std::numeric_limits<uint64_t>::max())
                           : rule) +
                 ", got " + describe(n));
  return std::nullopt;
}

std::optional<double> Mapping::number(const std::string& key, double min, double max) const {
  const Entry* e = find(key);
  if (!e) return std::nullopt;
  const YAML::Node& n = e->value;
  if (n.IsScalar() && !isQuoted(n)) {
    const std::string& text = n.Scalar();
    double v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (!text.empty() && ec == std::errc() && ptr == end && std::isfinite(v) && v >= min &&
        v <= max)
      return v;
  }
  std::string range = fmt::format("{} to {}", min, max);
  error(key, "'" + key + "' must be a number from " + range + ", got " + describe(n));
  return std::nullopt;
}

std::optional<std::string> Mapping::string(const std::string& key, bool required) const {
  const Entry* e = find(key);
  if (!e) {
    if (required) error("missing key '" + key + "'");
    return std::nullopt;
  }
  const YAML::Node& n = e->value;
  // A plain `~` or `null` is YAML's null, not text; an empty value is null as well.
  bool null = n.IsNull() || (n.IsScalar() && !isQuoted(n) &&
                             (n.Scalar() == "~" || n.Scalar() == "null" || n.Scalar().empty()));
  if (!n.IsScalar() || null) {
    error(key, "'" + key + "' must be a string, got " + (null ? "null" : describe(n)));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<bool> Mapping::boolean(const std::string& key) const {
  const Entry* e = find(key);
  if (!e) return std::nullopt;
  const YAML::Node& n = e->value;
  if (n.IsScalar() && !isQuoted(n)) {
    if (n.Scalar() == "true") return true;
    if (n.Scalar() == "false") return false;
  }
  error(key, "'" + key + "' must be true or false, got " + describe(n));
  return std::nullopt;
}

std::optional<std::string> Mapping::autoOr(const std::string& key,
                                           bool (*valid)(const std::string&),
                                           const std::string& what) const {
  const Entry* e = find(key);
  if (!e) return std::nullopt;
  const YAML::Node& n = e->value;
  if (n.IsScalar() && (n.Scalar() == "auto" || valid(n.Scalar()))) return n.Scalar();
  error(key, "'" + key + "' must be 'auto' or " + what + ", got " + describe(n));
  return std::nullopt;
}

std::optional<std::vector<YAML::Node>> Mapping::sequence(const std::string& key, bool required,
                                                         bool scalarAllowed) const {
  const Entry* e = find(key);
  if (!e) {
    if (required) error("missing key '" + key + "'");
    return std::nullopt;
  }
  const YAML::Node& n = e->value;
  if (scalarAllowed && n.IsScalar()) return std::vector<YAML::Node>{n};
  if (!n.IsSequence()) {
    error(key, "'" + key + "' must be a sequence, got " + describe(n));
    return std::nullopt;
  }
  std::vector<YAML::Node> out;
  for (const auto& item : n) {
    src_.sink->spend(1, src_.at(item));
    out.push_back(item);
  }
  return out;
}

}  // namespace asemu::topo::detail
