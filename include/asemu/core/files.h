// The one way asemu writes files.
//
// asemu runs as root, so a file it writes must never land somewhere else than the path it names:
// a symbolic link planted at that path, or at a directory asemu creates below an output
// directory, is never followed. Every file is written into a new temporary file beside its
// target (created exclusively, never through a link), given its mode on the open descriptor,
// and renamed over the target, so a reader sees the old file or the new one, never half of one,
// and a link at the target is replaced, not written through.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace asemu {

inline constexpr unsigned kFileMode = 0644;
inline constexpr unsigned kExecutableMode = 0755;

// Writes `content` to `path` as described above. The directory holding `path` must exist.
// Errors name the path.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content,
                         unsigned mode = kFileMode);

// The whole content of `path`; an Error naming it when it cannot be read.
std::string readFile(const std::filesystem::path& path);

// A directory a command writes its output into (`render -o`, `compile -o`).
//
// Opening it creates it (and its missing parents) when missing. The directory itself must not
// be a symbolic link, and a directory that already holds anything is refused unless the user
// passed --force. Below it, files and directories are reached one component at a time without
// following links: a link where asemu expects a directory or a file is replaced (files) or
// refused (directories), never followed.
class OutputDirectory {
 public:
  OutputDirectory(const std::filesystem::path& path, bool force);
  ~OutputDirectory();
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Whether the directory held nothing when it was opened.
  bool wasEmpty() const { return was_empty_; }

  // Writes `relative` ('/'-separated, without empty, "." or ".." parts), creating the
  // directories on the way.
  void write(std::string_view relative, std::string_view content, unsigned mode = kFileMode) const;
  // The content of the regular file `relative`; empty when there is none (or it is a link).
  std::string readIfPresent(std::string_view relative) const;
  // Removes the regular file `relative`, or the empty directory `relative` when `directory`;
  // anything else (a link on the way, a non-empty directory) is left alone.
  void removeIfPresent(std::string_view relative, bool directory = false) const;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool was_empty_ = true;
};

// An open file descriptor, closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept {
    std::swap(fd_, o.fd_);
    return *this;
  }
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

// Raises this process's soft limit of open files to at least `needed`, as far as the hard limit
// allows (a thousand daemons or namespaces need more than the usual 1,024); returns the soft
// limit in force afterwards.
size_t allowOpenFiles(size_t needed);

// True when `relative` can name a file below an output directory: not empty, not absolute,
// without empty, "." or ".." parts.
bool isPlainRelativePath(std::string_view relative);

}  // namespace asemu
