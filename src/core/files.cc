#include "asemu/core/files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "asemu/core/error.h"

namespace asemu {

namespace fs = std::filesystem;

namespace {

std::string errnoText(int err) {
  return std::strerror(err);
}

// A name for a temporary file beside `name`, unlikely to exist already.
std::string temporaryName(const std::string& name) {
  static std::atomic<unsigned long> counter{0};
  static const unsigned long seed = std::random_device{}();
  std::ostringstream s;
  s << '.' << name.substr(0, 200) << ".tmp-" << ::getpid() << '-' << std::hex << seed << '-'
    << counter++;
  return s.str();
}

bool writeAll(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(size_t(n));
  }
  return true;
}

// Writes `name` in the directory `dirfd` through a temporary file and a rename; `shown` names
// the file in errors.
void writeAt(int dirfd, const std::string& name, std::string_view content, unsigned mode,
             const fs::path& shown) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
    throw Error(shown.string(), "is not a file name asemu can write");
  std::string tmp;
  Fd fd;
  for (int attempt = 0; attempt < 100 && fd.get() < 0; ++attempt) {
    tmp = temporaryName(name);
    fd = Fd(
        ::openat(dirfd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0 && errno != EEXIST)
      throw Error(shown.string(), "cannot create a file beside it: " + errnoText(errno));
  }
  if (fd.get() < 0) throw Error(shown.string(), "cannot create a temporary file beside it");
  int err = 0;
  if (!writeAll(fd.get(), content)) err = errno;
  if (!err && ::fchmod(fd.get(), mode_t(mode)) != 0) err = errno;
  if (!err && ::close(fd.release()) != 0) err = errno;
  if (!err && ::renameat(dirfd, tmp.c_str(), dirfd, name.c_str()) != 0) err = errno;
  if (err) {
    ::unlinkat(dirfd, tmp.c_str(), 0);
    throw Error(shown.string(), "cannot write this file: " + errnoText(err));
  }
}

std::vector<std::string> splitPath(std::string_view relative) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = relative.find('/', start);
    parts.emplace_back(relative.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

// Opens the directory `name` in `dirfd` without following a link; creates it when `create`.
// Returns -1 (errno set) when it cannot.
int openDirectoryAt(int dirfd, const std::string& name, bool create) {
  const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  int fd = ::openat(dirfd, name.c_str(), flags);
  if (fd < 0 && errno == ENOENT && create) {
    if (::mkdirat(dirfd, name.c_str(), 0755) != 0 && errno != EEXIST) return -1;
    fd = ::openat(dirfd, name.c_str(), flags);
  }
  return fd;
}

}  // namespace

size_t allowOpenFiles(size_t needed) {
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) != 0) return 1024;
  if (files.rlim_cur < needed) {
    rlimit raised = files;
    raised.rlim_cur = std::min<rlim_t>(files.rlim_max, needed);
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) files = raised;
  }
  return size_t(files.rlim_cur);
}

bool isPlainRelativePath(std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return false;
  for (const auto& part : splitPath(relative))
    if (part.empty() || part == "." || part == "..") return false;
  return true;
}

void writeFileAtomically(const fs::path& path, std::string_view content, unsigned mode) {
  fs::path parent = path.parent_path();
  if (parent.empty()) parent = ".";
  Fd dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) throw Error(path.string(), "cannot open its directory: " + errnoText(errno));
  writeAt(dir.get(), path.filename().string(), content, mode, path);
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string(), "cannot read file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {

// `path` without trailing slashes, which would make lstat() and O_NOFOLLOW follow a link.
// The path without "." components and trailing slashes ("out/./" -> "out"), so that the checks
// below see the last real component, which may be a link, and not ".". Done on the text alone:
// nothing is resolved through the file system.
fs::path withoutTrailingSlashes(const fs::path& path) {
  std::string s = path.empty() ? std::string() : path.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

OutputDirectory::OutputDirectory(const fs::path& given, bool force)
    : path_(withoutTrailingSlashes(given)) {
  const fs::path& path = path_;
  const std::string shown = path.string();
  if (shown.empty()) throw Error("", "the output directory cannot be an empty path");
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode))
      throw Error(shown,
                  "output directory is a symbolic link; asemu does not write through links "
                  "(give the directory it points to)");
    if (!S_ISDIR(st.st_mode)) throw Error(shown, "output path is not a directory");
  } else {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    if (ec) throw Error(shown, "cannot create this directory: " + ec.message());
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
      throw Error(shown, "cannot create this directory: " + errnoText(errno));
  }
  Fd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ELOOP)
      throw Error(shown,
                  "output directory is a symbolic link; asemu does not write through links "
                  "(give the directory it points to)");
    throw Error(shown, "cannot open this directory: " + errnoText(errno));
  }
  // Listing through a duplicate keeps fd usable after closedir.
  DIR* listing = ::fdopendir(::dup(fd.get()));
  if (!listing) throw Error(shown, "cannot list this directory: " + errnoText(errno));
  while (const dirent* entry = ::readdir(listing)) {
    std::string_view n = entry->d_name;
    if (n != "." && n != "..") {
      was_empty_ = false;
      break;
    }
  }
  ::closedir(listing);
  if (!was_empty_ && !force)
    throw Error(shown, "output directory is not empty (use --force to overwrite)");
  fd_ = fd.release();
}

OutputDirectory::~OutputDirectory() {
  if (fd_ >= 0) ::close(fd_);
}

void OutputDirectory::write(std::string_view relative, std::string_view content,
                            unsigned mode) const {
  const fs::path shown = path_ / relative;
  if (!isPlainRelativePath(relative))
    throw Error(shown.string(), "is not a plain path below the output directory");
  auto parts = splitPath(relative);
  Fd sub;
  int dir = fd_;
  fs::path reached = path_;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    reached /= parts[i];
    Fd next(openDirectoryAt(dir, parts[i], true));
    if (next.get() < 0) {
      if (errno == ELOOP || errno == ENOTDIR)
        throw Error(reached.string(),
                    "is a symbolic link or not a directory; asemu does not write through it "
                    "(remove it)");
      throw Error(reached.string(), "cannot create this directory: " + errnoText(errno));
    }
    sub = std::move(next);
    dir = sub.get();
  }
  writeAt(dir, parts.back(), content, mode, shown);
}

namespace {

// The directory holding `relative` below `root`, reached without following links, and the last
// part of `relative`; a negative descriptor when it cannot be reached.
std::pair<Fd, std::string> openParent(int root, std::string_view relative) {
  auto parts = splitPath(relative);
  Fd dir(::dup(root));
  for (size_t i = 0; i + 1 < parts.size() && dir.get() >= 0; ++i)
    dir = Fd(openDirectoryAt(dir.get(), parts[i], false));
  return {std::move(dir), parts.back()};
}

}  // namespace

std::string OutputDirectory::readIfPresent(std::string_view relative) const {
  if (!isPlainRelativePath(relative)) return "";
  auto [dir, name] = openParent(fd_, relative);
  if (dir.get() < 0) return "";
  Fd file(::openat(dir.get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  struct stat st;
  if (file.get() < 0 || ::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode)) return "";
  std::string content;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(file.get(), buffer, sizeof buffer)) > 0) content.append(buffer, size_t(n));
  return content;
}

void OutputDirectory::removeIfPresent(std::string_view relative, bool directory) const {
  if (!isPlainRelativePath(relative)) return;
  auto [dir, name] = openParent(fd_, relative);
  if (dir.get() < 0) return;
  struct stat st;
  if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return;
  if (directory ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) return;
  ::unlinkat(dir.get(), name.c_str(), directory ? AT_REMOVEDIR : 0);
}

}  // namespace asemu
