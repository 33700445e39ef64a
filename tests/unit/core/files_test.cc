#include "asemu/core/files.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "asemu/core/error.h"

namespace asemu {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "asemu-files-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  fs::path path_;
};

std::string contentOf(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void put(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

unsigned modeOf(const fs::path& p) {
  struct stat st;
  if (::lstat(p.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

std::string thrownText(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

TEST(WriteFileAtomically, ReplacesASymlinkInsteadOfWritingThroughIt) {
  ScratchDir dir;
  put(dir / "victim", "keep");
  ::chmod((dir / "victim").c_str(), 0600);
  fs::create_symlink(dir / "victim", dir / "target");
  writeFileAtomically(dir / "target", "new", kExecutableMode);
  EXPECT_EQ(contentOf(dir / "victim"), "keep");
  EXPECT_EQ(modeOf(dir / "victim"), 0600u);
  EXPECT_FALSE(fs::is_symlink(dir / "target"));
  EXPECT_EQ(contentOf(dir / "target"), "new");
}

TEST(WriteFileAtomically, AppliesTheModeWhateverTheUmask) {
  ScratchDir dir;
  mode_t old = ::umask(0077);
  writeFileAtomically(dir / "script", "#!/bin/sh\n", kExecutableMode);
  writeFileAtomically(dir / "plain", "x", kFileMode);
  ::umask(old);
  EXPECT_EQ(modeOf(dir / "script"), 0755u);
  EXPECT_EQ(modeOf(dir / "plain"), 0644u);
  writeFileAtomically(dir / "script", "again", 0600);
  EXPECT_EQ(modeOf(dir / "script"), 0600u);
}

TEST(WriteFileAtomically, LeavesNoTemporaryFileWhenItFails) {
  ScratchDir dir;
  fs::create_directories(dir / "occupied" / "child");  // a non-empty directory cannot be replaced
  EXPECT_NE(thrownText([&] { writeFileAtomically(dir / "occupied", "x"); }), "(nothing thrown)");
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);  // only "occupied"
}

TEST(OutputDirectory, NonEmptyDirectoryIsRefusedWithoutForce) {
  ScratchDir dir;
  put(dir / "mine.txt", "keep");
  EXPECT_EQ(thrownText([&] { OutputDirectory(dir.path(), false); }),
            dir.path().string() + ": output directory is not empty (use --force to overwrite)");
  OutputDirectory forced(dir.path(), true);
  EXPECT_FALSE(forced.wasEmpty());
  forced.write("a/b.txt", "b");
  EXPECT_EQ(contentOf(dir / "a/b.txt"), "b");
  EXPECT_EQ(contentOf(dir / "mine.txt"), "keep");
}

TEST(OutputDirectory, CreatesMissingDirectoriesAndAcceptsAnEmptyOne) {
  ScratchDir dir;
  OutputDirectory out(dir / "x/y", false);
  EXPECT_TRUE(out.wasEmpty());
  out.write("n/m/f.txt", "f");
  EXPECT_EQ(contentOf(dir / "x/y/n/m/f.txt"), "f");
  EXPECT_EQ(modeOf(dir / "x/y/n/m/f.txt"), 0644u);
}

TEST(OutputDirectory, ASymlinkAsTheDirectoryIsRefused) {
  ScratchDir dir;
  fs::create_directories(dir / "elsewhere");
  fs::create_directory_symlink(dir / "elsewhere", dir / "out");
  EXPECT_EQ(thrownText([&] { OutputDirectory(dir / "out", true); }),
            (dir / "out").string() +
                ": output directory is a symbolic link; asemu does not write through links "
                "(give the directory it points to)");
  EXPECT_TRUE(fs::is_empty(dir / "elsewhere"));
  // A trailing slash would make the system follow the link; it is not followed either.
  EXPECT_EQ(thrownText([&] { OutputDirectory((dir / "out").string() + "//", true); }),
            (dir / "out").string() +
                ": output directory is a symbolic link; asemu does not write through links "
                "(give the directory it points to)");
  // Nor does a final "." or "./" after the link.
  for (std::string tail : {"/.", "/./", "/./."})
    EXPECT_EQ(thrownText([&] { OutputDirectory((dir / "out").string() + tail, true); }),
              (dir / "out").string() +
                  ": output directory is a symbolic link; asemu does not write through links "
                  "(give the directory it points to)")
        << tail;
  EXPECT_TRUE(fs::is_empty(dir / "elsewhere"));
}

TEST(OutputDirectory, ASymlinkToADirectoryOutsideIsNotWrittenThrough) {
  ScratchDir dir;
  fs::create_directories(dir / "outside");
  fs::create_directories(dir / "out");
  fs::create_directory_symlink(dir / "outside", dir / "out/nodes");
  OutputDirectory out(dir / "out", true);
  EXPECT_EQ(thrownText([&] { out.write("nodes/start.sh", "echo pwned\n", kExecutableMode); }),
            (dir / "out/nodes").string() +
                ": is a symbolic link or not a directory; asemu does not write through it "
                "(remove it)");
  EXPECT_TRUE(fs::is_empty(dir / "outside"));
}

TEST(OutputDirectory, ASymlinkedFileIsReplacedNotFollowed) {
  ScratchDir dir;
  put(dir / "victim", "keep");
  ::chmod((dir / "victim").c_str(), 0600);
  fs::create_directories(dir / "out");
  fs::create_symlink(dir / "victim", dir / "out/docker-compose.yml");
  OutputDirectory out(dir / "out", true);
  out.write("docker-compose.yml", "services: {}\n", kExecutableMode);
  EXPECT_EQ(contentOf(dir / "victim"), "keep");
  EXPECT_EQ(modeOf(dir / "victim"), 0600u);
  EXPECT_EQ(contentOf(dir / "out/docker-compose.yml"), "services: {}\n");
}

TEST(OutputDirectory, RemovesAndReadsOnlyWhatIsInside) {
  ScratchDir dir;
  fs::create_directories(dir / "outside");
  put(dir / "outside/f", "keep");
  fs::create_directories(dir / "out");
  fs::create_directory_symlink(dir / "outside", dir / "out/link");
  OutputDirectory out(dir / "out", true);
  out.removeIfPresent("link/f");
  out.removeIfPresent("../outside/f");
  EXPECT_EQ(contentOf(dir / "outside/f"), "keep");
  EXPECT_EQ(out.readIfPresent("link/f"), "");
  out.write("g", "g");
  EXPECT_EQ(out.readIfPresent("g"), "g");
  out.removeIfPresent("g");
  EXPECT_FALSE(fs::exists(dir / "out/g"));
}

TEST(PlainRelativePath, RefusesAbsoluteEmptyAndDotParts) {
  EXPECT_TRUE(isPlainRelativePath("a/b.txt"));
  EXPECT_TRUE(isPlainRelativePath(".asemu-files"));
  for (const char* bad : {"", "/etc/x", "a//b", "a/./b", "../x", "a/..", "a/"})
    EXPECT_FALSE(isPlainRelativePath(bad)) << bad;
}

}  // namespace
}  // namespace asemu
