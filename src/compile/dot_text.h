// Quoting for Graphviz dot: every identifier and label is a double-quoted string.
#pragma once

#include <string>

namespace asemu::compile {

// `"text"` with quotes and backslashes escaped; "\n" in `text` becomes dot's line break.
inline std::string dotQuote(const std::string& text) {
  std::string q = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') q += '\\';
    if (c == '\n') {
      q += "\\n";
      continue;
    }
    q += c;
  }
  return q + "\"";
}

}  // namespace asemu::compile
