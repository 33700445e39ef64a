// The public entry points: files, strings, built-in examples and CLI arguments.
#include "asemu/topo/topology.h"

#include <algorithm>
#include <filesystem>

#include "asemu/core/names.h"
#include "embedded_examples.h"
#include "loader.h"

namespace asemu::topo {
namespace {

constexpr std::string_view kYamlSuffix = ".yaml";

std::string exampleFile(const std::string& name) {
  return name + std::string(kYamlSuffix);
}

// The name of a file without its own `name`: the file's stem made an emulation name, every
// character that cannot be in one replaced by '_' and cut to the longest emulation name.
std::string nameFromStem(const std::string& path) {
  std::string name = withNameChars(std::filesystem::path(path).stem().string());
  std::replace(name.begin(), name.end(), '.', '_');
  if (name.size() > kMaxEmulationName) name.resize(kMaxEmulationName);
  if (!name.empty() && name.front() == '-') name.front() = '_';
  return emulationNameProblem(name).empty() ? name : "topology";
}

}  // namespace

namespace detail {

std::optional<std::string> EmbeddedExamples::read(const std::string& path,
                                                  std::string& problem) const {
  for (size_t i = 0; i < kEmbeddedFileCount; ++i)
    if (kEmbeddedFiles[i].name == path) return std::string(kEmbeddedFiles[i].text);
  std::string known;
  for (size_t i = 0; i < kEmbeddedFileCount; ++i)
    known += (known.empty() ? "" : ", ") + std::string(kEmbeddedFiles[i].name);
  problem = "no such built-in file (built-in: " + known + ")";
  return std::nullopt;
}

}  // namespace detail

void loadFile(Emulator& emu, const std::string& path, std::string* name) {
  detail::DiskFiles disk;
  std::string problem;
  std::optional<std::string> text = disk.read(path, problem);
  if (!text) throw Error("", problem, SourceLocation{path});
  std::string own = detail::load(emu, *text, path, disk);
  if (name) *name = own;
}

void loadFile(Emulator& emu, const std::string& path) {
  loadFile(emu, path, nullptr);
}

void loadString(Emulator& emu, const std::string& yaml, const std::string& sourceName,
                std::string* name) {
  std::string own = detail::load(emu, yaml, sourceName, detail::DiskFiles());
  if (name) *name = own;
}

void loadString(Emulator& emu, const std::string& yaml, const std::string& sourceName) {
  loadString(emu, yaml, sourceName, nullptr);
}

std::vector<std::string> exampleNames() {
  std::vector<std::string> names;
  for (size_t i = 0; i < detail::kEmbeddedFileCount; ++i) {
    std::string_view file = detail::kEmbeddedFiles[i].name;
    if (file.ends_with(kYamlSuffix))
      names.emplace_back(file.substr(0, file.size() - kYamlSuffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool isExample(const std::string& name) {
  auto names = exampleNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

Emulator example(const std::string& name) {
  if (!isExample(name)) throw Error("", unknownNameMessage("example", name, exampleNames()));
  detail::EmbeddedExamples files;
  std::string problem;
  std::optional<std::string> text = files.read(exampleFile(name), problem);
  Emulator emu;
  detail::load(emu, *text, exampleFile(name), files);
  return emu;
}

namespace {

// Loads a CLI argument and works out the plan's name, always a valid emulation name: the
// example's, else the file's own `name` (checked by the loader), else from the file's stem.
Emulator loadNamed(const std::string& fileOrExample, std::string& planName) {
  std::error_code ec;
  if (std::filesystem::exists(fileOrExample, ec)) {
    Emulator emu;
    loadFile(emu, fileOrExample, &planName);
    if (planName.empty()) planName = nameFromStem(fileOrExample);
    return emu;
  }
  if (isExample(fileOrExample)) {
    planName = fileOrExample;
    return example(fileOrExample);
  }
  std::string message = "no such file, and no built-in example of that name (examples: ";
  auto names = exampleNames();
  for (size_t i = 0; i < names.size(); ++i) message += (i ? ", " : "") + names[i];
  message += ")";
  std::string guess = closestMatch(fileOrExample, names);
  if (!guess.empty()) message += "; did you mean '" + guess + "'?";
  throw Error(fileOrExample, message);
}

}  // namespace

Emulator loadTopology(const std::string& fileOrExample) {
  std::string ignored;
  return loadNamed(fileOrExample, ignored);
}

plan::Plan renderTopology(const std::string& fileOrExample) {
  std::string planName;
  Emulator emu = loadNamed(fileOrExample, planName);
  return emu.render(planName);
}

}  // namespace asemu::topo
