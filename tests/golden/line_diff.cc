#include "line_diff.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace asemu::testing {
namespace {

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

std::string lineDiff(const std::string& expected, const std::string& actual) {
  if (expected == actual) return {};
  const auto a = linesOf(expected), b = linesOf(actual);
  const size_t n = a.size(), m = b.size();
  // Longest common subsequence table over suffixes; configs are a few hundred lines at most.
  std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);

  struct Line {
    char mark;
    size_t number;  // 1-based line in the expected text (or actual, for '+')
    std::string text;
  };
  std::vector<Line> script;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      script.push_back({' ', i + 1, a[i]});
      ++i;
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      script.push_back({'-', i + 1, a[i]});
      ++i;
    } else {
      script.push_back({'+', j + 1, b[j]});
      ++j;
    }
  }

  constexpr size_t kContext = 2;
  std::vector<bool> shown(script.size(), false);
  for (size_t k = 0; k < script.size(); ++k) {
    if (script[k].mark == ' ') continue;
    size_t from = k >= kContext ? k - kContext : 0;
    size_t to = std::min(script.size(), k + kContext + 1);
    for (size_t x = from; x < to; ++x) shown[x] = true;
  }
  std::ostringstream out;
  out << "--- expected\n+++ actual\n";
  for (size_t k = 0; k < script.size(); ++k) {
    if (!shown[k]) continue;
    if (k == 0 || !shown[k - 1]) out << "@@ line " << script[k].number << " @@\n";
    out << script[k].mark << script[k].text << "\n";
  }
  if (!expected.empty() && expected.back() != '\n') out << "(expected has no final newline)\n";
  if (!actual.empty() && actual.back() != '\n') out << "(actual has no final newline)\n";
  return out.str();
}

}  // namespace asemu::testing
