// The topology loader behind loadFile/loadString and the built-in examples.
//
// Files reach the loader through a FileSource so that the same code reads topology files from
// disk and the examples compiled into the library (whose `include` must resolve among
// themselves, from any working directory).
#pragma once

#include <optional>
#include <string>

#include "asemu/layers/emulator.h"

namespace asemu::topo::detail {

class FileSource {
 public:
  virtual ~FileSource() = default;
  // The text of `path`; nullopt with `problem` set ("no such file") when it cannot be read.
  virtual std::optional<std::string> read(const std::string& path, std::string& problem) const = 0;
  // One key for every spelling of the same file, to find include cycles.
  virtual std::string identity(const std::string& path) const = 0;
};

// Regular files up to a size limit (so that `include: /dev/zero` is an error, not a hang).
class DiskFiles : public FileSource {
 public:
  static constexpr size_t kMaxFileSize = 16 << 20;
  std::optional<std::string> read(const std::string& path, std::string& problem) const override;
  std::string identity(const std::string& path) const override;
};

// The YAML files under examples/, compiled into the library.
class EmbeddedExamples : public FileSource {
 public:
  std::optional<std::string> read(const std::string& path, std::string& problem) const override;
  std::string identity(const std::string& path) const override { return path; }
};

// Loads `text` (read from `file`, which names it in errors and anchors its includes) into
// `emu`, adding the standard layers first. Returns the file's own `name` (empty when none).
// Throws Error or ErrorList with everything found.
std::string load(Emulator& emu, const std::string& text, const std::string& file,
                 const FileSource& files);

}  // namespace asemu::topo::detail
