#include "asemu/core/yaml_writer.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <sstream>

#include "asemu/core/error.h"
#include "asemu/core/names.h"

namespace asemu {

bool isPlainYamlString(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.front() == '.') return false;
  for (char c : s)
    if (!isNameChar(c) && c != '/') return false;
  // Words YAML 1.1 or 1.2 read as null or booleans, and anything that reads as a number.
  std::string lower;
  for (char c : s) lower += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* word : {"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
    if (lower == word) return false;
  double number = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
  return !(ec == std::errc() && ptr == s.data() + s.size());
}

YamlWriter::YamlWriter() : out_(std::make_unique<YAML::Emitter>()) {
  out_->SetIndent(2);
}

YamlWriter::~YamlWriter() = default;

void YamlWriter::comment(std::string_view text) {
  std::istringstream lines{std::string(text)};
  // printable() keeps each line one line: YAML also ends lines at '\r' and NEL.
  for (std::string line; std::getline(lines, line);) comments_ += "# " + printable(line) + "\n";
}

void YamlWriter::beginMap(bool flow) {
  if (flow) *out_ << YAML::Flow;
  *out_ << YAML::BeginMap;
}
void YamlWriter::endMap() {
  *out_ << YAML::EndMap;
}
void YamlWriter::beginSeq(bool flow) {
  if (flow) *out_ << YAML::Flow;
  *out_ << YAML::BeginSeq;
}
void YamlWriter::endSeq() {
  *out_ << YAML::EndSeq;
}

void YamlWriter::key(const std::string& k) {
  *out_ << YAML::Key;
  string(k);
  *out_ << YAML::Value;
}

void YamlWriter::string(const std::string& s) {
  if (!isPlainYamlString(s)) *out_ << YAML::DoubleQuoted;
  *out_ << s;
}

void YamlWriter::quotedString(const std::string& s) {
  *out_ << YAML::DoubleQuoted << s;
}

void YamlWriter::integer(long long n) {
  *out_ << n;
}

void YamlWriter::number(double d) {
  char text[64];
  auto [end, ec] = std::to_chars(text, text + sizeof text, d);
  *out_ << std::string(text, ec == std::errc() ? end : text);
}

void YamlWriter::boolean(bool b) {
  *out_ << YAML::TrueFalseBool << YAML::LowerCase << b;
}

void YamlWriter::emptyMap() {
  *out_ << YAML::Flow << YAML::BeginMap << YAML::EndMap;
}

std::string YamlWriter::str() const {
  std::string doc = out_->c_str();
  if (!doc.empty() && doc.back() != '\n') doc += '\n';
  return comments_ + doc;
}

}  // namespace asemu
