// Errors a user can cause: a bad topology, a missing privilege or program.
//
// One type carries the object the problem is about and, for topology files, where it was written,
// so that every message prints in one line as `file:line:col: object: message`. Validation collects
// several of them into an ErrorList so a user sees every problem of a file at once.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace asemu {

// Where a model object was declared; empty for objects built through the C++ API.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return !file.empty(); }
  std::string str() const;  // "file:line:col" (or "file" when no line is known)
};

class Error : public std::runtime_error {
 public:
  Error(std::string object, std::string message, SourceLocation where = {});

  const std::string& object() const { return object_; }
  const std::string& message() const { return message_; }
  const SourceLocation& where() const { return where_; }

 private:
  std::string object_;
  std::string message_;
  SourceLocation where_;
};

// Several user errors found in one pass. what() is all of them, one per line.
class ErrorList : public std::runtime_error {
 public:
  explicit ErrorList(std::vector<Error> errors);
  const std::vector<Error>& errors() const { return errors_; }

 private:
  std::vector<Error> errors_;
};

// Collects errors during a pass; throws them together at a checkpoint.
// Keeps the first kMaxKept errors and counts the rest, so a generated topology that is wrong
// everywhere still fails fast with a readable report.
class Diagnostics {
 public:
  static constexpr size_t kMaxKept = 200;

  void add(Error e) {
    if (errors_.size() < kMaxKept)
      errors_.push_back(std::move(e));
    else
      ++dropped_;
  }
  void add(std::string object, std::string message, SourceLocation where = {}) {
    add(Error(std::move(object), std::move(message), std::move(where)));
  }
  bool empty() const { return errors_.empty(); }
  size_t size() const { return errors_.size() + dropped_; }
  // Throws an ErrorList when anything was collected, also for a single problem, so that callers
  // catch one type for everything a pass found.
  void throwIfAny() const;

 private:
  std::vector<Error> errors_;
  size_t dropped_ = 0;
};

// `text` safe to print on one terminal line: control bytes (newlines included), C1 controls and
// bytes that are not part of a valid UTF-8 character become \xNN escapes; everything else,
// multi-byte characters included, is kept. Every Error message passes through it.
std::string printable(std::string_view text);

// "did you mean" helper shared by every lookup of names.
std::string closestMatch(const std::string& name, const std::vector<std::string>& candidates);

// Formats "unknown X 'name' (known: a, b, c); did you mean 'b'?", the known names in natural
// order (numbers by value) and at most 12 of them.
std::string unknownNameMessage(const std::string& what, const std::string& name,
                               std::vector<std::string> candidates);

}  // namespace asemu
