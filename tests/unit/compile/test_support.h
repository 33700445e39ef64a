// Shared by the compiler tests: temporary directories and running the external checkers
// (docker-compose, bash, shellcheck, dot) that the generated files must satisfy.
#pragma once

#include <string>

#include "asemu/compile/output.h"

namespace asemu::compile::testing {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `command` with /bin/sh, capturing its output.
CommandResult run(const std::string& command);

// True when `program` is on PATH.
bool haveProgram(const std::string& program);

std::string readFile(const std::string& path);

}  // namespace asemu::compile::testing
