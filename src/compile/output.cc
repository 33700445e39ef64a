#include "asemu/compile/output.h"

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <set>
#include <sstream>

#include "asemu/core/files.h"

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

std::vector<std::string> readManifest(const OutputDirectory& dir) {
  std::vector<std::string> paths;
  std::istringstream in(dir.readIfPresent(kManifestName));
  std::string line;
  while (std::getline(in, line))
    if (isPlainRelativePath(line)) paths.push_back(line);
  return paths;
}

// Removes the previous compile's files, then the directories that became empty.
void removePrevious(const OutputDirectory& dir) {
  std::set<fs::path> parents;
  for (const auto& rel : readManifest(dir)) {
    dir.removeIfPresent(rel);
    for (fs::path parent = fs::path(rel).parent_path(); !parent.empty();
         parent = parent.parent_path())
      parents.insert(parent);
  }
  // Deepest first, so a parent is tried after its children.
  std::vector<fs::path> ordered(parents.begin(), parents.end());
  std::sort(ordered.begin(), ordered.end(), [](const fs::path& a, const fs::path& b) {
    return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
  });
  for (const auto& rel : ordered) dir.removeIfPresent(rel.string(), true);
  dir.removeIfPresent(kManifestName);
}

}  // namespace

WriteSummary writeOutput(const Output& output, const std::string& directory, bool force) {
  OutputDirectory dir(directory, force);
  if (!dir.wasEmpty()) removePrevious(dir);

  WriteSummary summary;
  std::ostringstream manifest;
  for (const auto& f : output.files) {
    assert(isPlainRelativePath(f.path));
    dir.write(f.path, f.content, f.executable ? kExecutableMode : kFileMode);
    manifest << f.path << '\n';
    ++summary.files;
    summary.bytes += f.content.size();
  }
  dir.write(kManifestName, manifest.str());
  return summary;
}

}  // namespace asemu::compile
