#include "asemu/compile/output.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "asemu/core/error.h"
#include "test_support.h"

namespace asemu::compile {
namespace {

namespace fs = std::filesystem;

Output sample() {
  Output o;
  o.add("a.txt", "alpha\n");
  o.add("nodes/x/run.sh", "#!/bin/sh\n", true);
  return o;
}

TEST(Output, WritesFilesModesAndManifest) {
  testing::TempDir dir;
  std::string target = dir.path() + "/out";
  auto summary = writeOutput(sample(), target, false);
  EXPECT_EQ(summary.files, 2u);
  EXPECT_EQ(summary.bytes, 16u);
  EXPECT_EQ(testing::readFile(target + "/a.txt"), "alpha\n");
  struct stat st;
  ASSERT_EQ(stat((target + "/nodes/x/run.sh").c_str(), &st), 0);
  EXPECT_TRUE(st.st_mode & S_IXUSR);
  ASSERT_EQ(stat((target + "/a.txt").c_str(), &st), 0);
  EXPECT_FALSE(st.st_mode & S_IXUSR);
  EXPECT_EQ(testing::readFile(target + "/" + kManifestName), "a.txt\nnodes/x/run.sh\n");
}

TEST(Output, NonEmptyDirectoryNeedsForce) {
  testing::TempDir dir;
  std::ofstream(dir.path() + "/mine.txt") << "keep";
  try {
    writeOutput(sample(), dir.path(), false);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              dir.path() + ": output directory is not empty (use --force to overwrite)");
  }
  EXPECT_FALSE(fs::exists(dir.path() + "/a.txt"));
}

TEST(Output, ForceRemovesOnlyThePreviousCompile) {
  testing::TempDir dir;
  writeOutput(sample(), dir.path(), false);
  std::ofstream(dir.path() + "/mine.txt") << "keep";
  Output next;
  next.add("b.txt", "beta\n");
  writeOutput(next, dir.path(), true);
  EXPECT_FALSE(fs::exists(dir.path() + "/a.txt"));
  EXPECT_FALSE(fs::exists(dir.path() + "/nodes"));  // emptied, so removed
  EXPECT_EQ(testing::readFile(dir.path() + "/b.txt"), "beta\n");
  EXPECT_EQ(testing::readFile(dir.path() + "/mine.txt"), "keep");
  EXPECT_EQ(testing::readFile(dir.path() + "/" + kManifestName), "b.txt\n");
}

TEST(Output, ManifestCannotReachOutsideTheDirectory) {
  testing::TempDir outer;
  std::string target = outer.path() + "/out";
  fs::create_directories(target);
  std::ofstream(outer.path() + "/victim.txt") << "safe";
  std::ofstream(target + "/" + kManifestName) << "../victim.txt\n/etc/hostname\n";
  writeOutput(sample(), target, true);
  EXPECT_EQ(testing::readFile(outer.path() + "/victim.txt"), "safe");
}

TEST(Output, PathThatIsAFileIsRefused) {
  testing::TempDir dir;
  std::ofstream(dir.path() + "/file") << "x";
  EXPECT_THROW(writeOutput(sample(), dir.path() + "/file", true), Error);
}

}  // namespace
}  // namespace asemu::compile
