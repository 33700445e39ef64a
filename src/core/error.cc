#include "asemu/core/error.h"

#include <algorithm>

namespace asemu {

std::string SourceLocation::str() const {
  if (file.empty()) return {};
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column > 0 ? column : 1);
}

namespace {

// Length of the valid UTF-8 character at s[i] that is not a control character, or 0.
size_t utf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
  if (c >= 0xf5) n = 0;
  if (n == 0 || i + n > s.size()) return 0;
  unsigned cp = c & (0xff >> (n + 1));
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  bool invalid = cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff);
  // C1 controls, and the separators some terminals and YAML treat as line breaks.
  bool control = (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
  return overlong || invalid || control ? 0 : n;
}

std::string formatError(const std::string& object, const std::string& message,
                        const SourceLocation& where) {
  std::string out;
  if (where.known()) out += printable(where.str()) + ": ";
  if (!object.empty()) out += printable(object) + ": ";
  out += printable(message);
  return out;
}

}  // namespace

std::string printable(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += char(c);
      ++i;
      continue;
    }
    if (size_t n = c >= 0x80 ? utf8Length(s, i) : 0; n > 0) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    out += "\\x";
    out += hex[c >> 4];
    out += hex[c & 15];
    ++i;
  }
  return out;
}

Error::Error(std::string object, std::string message, SourceLocation where)
    : std::runtime_error(formatError(object, message, where)),
      object_(std::move(object)),
      message_(std::move(message)),
      where_(std::move(where)) {}

static std::string joinErrors(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += '\n';
    out += e.what();
  }
  return out;
}

ErrorList::ErrorList(std::vector<Error> errors)
    : std::runtime_error(joinErrors(errors)), errors_(std::move(errors)) {}

void Diagnostics::throwIfAny() const {
  if (errors_.empty()) return;
  if (dropped_ == 0) throw ErrorList(errors_);
  std::vector<Error> shown = errors_;
  shown.emplace_back("", "... and " + std::to_string(dropped_) + " more problems");
  throw ErrorList(std::move(shown));
}

static size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closestMatch(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t bestDistance = std::max<size_t>(2, name.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = editDistance(name, c);
    // A guess that shares nothing with the name ("2" for "99") is noise, however short both are.
    if (d < bestDistance && d < std::max(name.size(), c.size())) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

static bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Numbers inside names compare by value, so lists read "2, 3, 11, 150" and "ix2, ix100".
static bool naturalLess(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (isDigit(a[i]) && isDigit(b[j])) {
      size_t endA = i, endB = j;
      while (endA < a.size() && isDigit(a[endA])) ++endA;
      while (endB < b.size() && isDigit(b[endB])) ++endB;
      if (endA - i != endB - j) return endA - i < endB - j;
      if (int c = a.compare(i, endA - i, b, j, endB - j); c != 0) return c < 0;
      i = endA;
      j = endB;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::string unknownNameMessage(const std::string& what, const std::string& name,
                               std::vector<std::string> candidates) {
  std::sort(candidates.begin(), candidates.end(), naturalLess);
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::string out = "unknown " + what + " '" + name + "'";
  if (candidates.empty()) return out + " (there are none)";
  out += " (known: ";
  const size_t shown = std::min<size_t>(candidates.size(), 12);
  for (size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + candidates[i];
  if (shown < candidates.size())
    out += ", ... " + std::to_string(candidates.size() - shown) + " more";
  out += ")";
  std::string guess = closestMatch(name, candidates);
  if (!guess.empty()) out += "; did you mean '" + guess + "'?";
  return out;
}

}  // namespace asemu
