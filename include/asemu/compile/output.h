// The files a compiler produces, and the one place that writes them to disk.
//
// Compilers are pure functions from a Plan to an Output held in memory, so that tests compare
// text without touching the file system and the same plan always yields the same bytes. Writing
// is separate: it refuses a non-empty directory unless forced, and it records what it wrote in a
// manifest so that a forced rewrite removes exactly the files of the previous compile and nothing
// a user put beside them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace asemu::compile {

struct OutputFile {
  std::string path;  // relative, '/'-separated: "nodes/hnode_150_host_0/start.sh"
  std::string content;
  bool executable = false;
};

struct Output {
  std::vector<OutputFile> files;

  void add(std::string path, std::string content, bool executable = false);
  size_t bytes() const;
  const OutputFile* find(const std::string& path) const;
};

// The manifest written beside the files: one relative path per line.
inline constexpr const char* kManifestName = ".asemu-files";

struct WriteSummary {
  size_t files = 0;  // not counting the manifest
  size_t bytes = 0;
};

// Writes `output` under `directory` (created when missing). A directory that holds anything
// is an Error unless `force`; with `force`, the files listed in a previous manifest are removed
// first and other files are left alone (those with the same path as a new file are replaced).
WriteSummary writeOutput(const Output& output, const std::string& directory, bool force);

}  // namespace asemu::compile
