// A readable diff of two texts, so that a renderer change shows as the lines that moved.
#pragma once

#include <string>

namespace asemu::testing {

// Unified-style hunks ("-expected" / "+actual" lines with two lines of context), or "" when the
// texts are equal.
std::string lineDiff(const std::string& expected, const std::string& actual);

}  // namespace asemu::testing
