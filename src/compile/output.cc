#include "asemu/compile/output.h"

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "asemu/core/error.h"

namespace asemu::compile {

namespace fs = std::filesystem;

void Output::add(std::string path, std::string content, bool executable) {
  files.push_back({std::move(path), std::move(content), executable});
}

size_t Output::bytes() const {
  size_t total = 0;
  for (const auto& f : files) total += f.content.size();
  return total;
}

const OutputFile* Output::find(const std::string& path) const {
  for (const auto& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

namespace {

// A manifest line is trusted only when it names a plain relative path inside the directory.
bool safeRelativePath(const std::string& p) {
  if (p.empty() || p.front() == '/') return false;
  for (const auto& part : fs::path(p))
    if (part == ".." || part == ".") return false;
  return true;
}

std::vector<std::string> readManifest(const fs::path& dir) {
  std::vector<std::string> paths;
  std::ifstream in(dir / kManifestName);
  std::string line;
  while (std::getline(in, line))
    if (safeRelativePath(line)) paths.push_back(line);
  return paths;
}

// Removes the previous compile's files, then the directories that became empty.
void removePrevious(const fs::path& dir) {
  std::set<fs::path> parents;
  for (const auto& rel : readManifest(dir)) {
    std::error_code ec;
    fs::path p = dir / rel;
    if (fs::is_regular_file(fs::symlink_status(p, ec))) fs::remove(p, ec);
    for (fs::path parent = fs::path(rel).parent_path(); !parent.empty();
         parent = parent.parent_path())
      parents.insert(parent);
  }
  // Deepest first, so a parent is tried after its children.
  std::vector<fs::path> ordered(parents.begin(), parents.end());
  std::sort(ordered.begin(), ordered.end(), [](const fs::path& a, const fs::path& b) {
    return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
  });
  for (const auto& rel : ordered) {
    std::error_code ec;
    fs::path p = dir / rel;
    if (fs::is_directory(fs::symlink_status(p, ec)) && fs::is_empty(p, ec)) fs::remove(p, ec);
  }
  std::error_code ec;
  fs::remove(dir / kManifestName, ec);
}

void writeFile(const fs::path& path, const std::string& content, bool executable) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw Error(path.parent_path().string(), "cannot create directory: " + ec.message());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), std::streamsize(content.size()));
  out.close();
  if (!out) throw Error(path.string(), "cannot write file");
  auto perms = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
               fs::perms::others_read;
  if (executable) perms |= fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  fs::permissions(path, perms, fs::perm_options::replace, ec);
  if (ec) throw Error(path.string(), "cannot set permissions: " + ec.message());
}

}  // namespace

WriteSummary writeOutput(const Output& output, const std::string& directory, bool force) {
  fs::path dir(directory);
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw Error(directory, "output path is not a directory");
    if (!fs::is_empty(dir, ec)) {
      if (!force)
        throw Error(directory, "output directory is not empty (use --force to overwrite)");
      removePrevious(dir);
    }
  }
  fs::create_directories(dir, ec);
  if (ec) throw Error(directory, "cannot create directory: " + ec.message());

  WriteSummary summary;
  std::ostringstream manifest;
  for (const auto& f : output.files) {
    assert(safeRelativePath(f.path));
    writeFile(dir / f.path, f.content, f.executable);
    manifest << f.path << '\n';
    ++summary.files;
    summary.bytes += f.content.size();
  }
  writeFile(dir / kManifestName, manifest.str(), false);
  return summary;
}

}  // namespace asemu::compile
