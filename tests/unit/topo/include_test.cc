// `include` loads another file first, relative to the including file; cycles and missing files
// are errors located at the include.
#include <gtest/gtest.h>

#include "asemu/layers/base.h"
#include "asemu/topo/topology.h"
#include "test_files.h"

namespace asemu::topo {
namespace {

using testing::ScratchDir;
using testing::thrownText;

std::vector<int> asns(const Emulator& emu) {
  std::vector<int> out;
  for (const auto& as : emu.getLayer<Base>().autonomousSystems()) out.push_back(as.asn());
  return out;
}

TEST(TopologyInclude, LoadsTheIncludedFileFirstRelativeToTheIncludingFile) {
  ScratchDir dir;
  dir.write("parts/base.yaml", "ases: [{asn: 1}, {asn: 2}]\n");
  std::string top = dir.write("parts/top.yaml", "ases: [{asn: 3}]\ninclude: base.yaml\n");
  Emulator emu;
  std::string name = "unset";
  loadFile(emu, top, &name);
  EXPECT_EQ(asns(emu), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(name, "");
}

TEST(TopologyInclude, ListsAndNestedIncludesLoadInOrder) {
  ScratchDir dir;
  dir.write("a.yaml", "name: a\nases: [{asn: 1}]\n");
  dir.write("sub/b.yaml", "include: ../a.yaml\nases: [{asn: 2}]\n");
  dir.write("c.yaml", "ases: [{asn: 3}]\n");
  std::string top = dir.write("top.yaml", "name: top\ninclude: [sub/b.yaml, c.yaml]\n");
  Emulator emu;
  std::string name;
  loadFile(emu, top, &name);
  EXPECT_EQ(asns(emu), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(name, "top");
}

TEST(TopologyInclude, ObjectsOfAnIncludedFileAreLocatedInIt) {
  ScratchDir dir;
  dir.write("base.yaml", "\nases:\n  - asn: 1\n");
  std::string top = dir.write("top.yaml", "include: base.yaml\nases: [{asn: 1, extend: true}]\n");
  Emulator emu;
  loadFile(emu, top);
  EXPECT_EQ(emu.getLayer<Base>().autonomousSystems().at(0).origin.str(),
            dir.path("base.yaml") + ":3:5");
}

TEST(TopologyInclude, ErrorsInAnIncludedFileNameThatFile) {
  ScratchDir dir;
  dir.write("base.yaml", "ases:\n  - asn: 1\n    hostz: []\n");
  std::string top = dir.write("top.yaml", "include: base.yaml\n");
  EXPECT_EQ(thrownText([&] {
              Emulator emu;
              loadFile(emu, top);
            }),
            dir.path("base.yaml") +
                ":3:5: as1: unknown key 'hostz' (known: asn, extend, hosts, ibgp, networks, ospf, "
                "routers, stub, transit); did you mean 'hosts'?");
}

TEST(TopologyInclude, DuplicatesAcrossFilesPointAtTheSecondDeclaration) {
  ScratchDir dir;
  dir.write("base.yaml", "ases: [{asn: 1}]\n");
  std::string top = dir.write("top.yaml", "include: base.yaml\nases:\n  - asn: 1\n");
  EXPECT_EQ(thrownText([&] {
              Emulator emu;
              loadFile(emu, top);
            }),
            dir.path("top.yaml") +
                ":3:10: as1: this AS was already created (to add to it, give "
                "'extend: true')");
}

TEST(TopologyInclude, MissingFile) {
  ScratchDir dir;
  std::string top = dir.write("top.yaml", "include: nothere.yaml\n");
  EXPECT_EQ(thrownText([&] {
              Emulator emu;
              loadFile(emu, top);
            }),
            top + ":1:10: topology: cannot include 'nothere.yaml' (" + dir.path("nothere.yaml") +
                "): no such file");
}

TEST(TopologyInclude, DirectoryIsNotAFile) {
  ScratchDir dir;
  dir.write("d/x.yaml", "");
  std::string top = dir.write("top.yaml", "include: [d]\n");
  EXPECT_EQ(
      thrownText([&] {
        Emulator emu;
        loadFile(emu, top);
      }),
      top + ":1:11: topology: cannot include 'd' (" + dir.path("d") + "): not a regular file");
}

TEST(TopologyInclude, Cycles) {
  ScratchDir dir;
  std::string a = dir.write("a.yaml", "include: b.yaml\n");
  std::string b = dir.write("b.yaml", "ases: []\ninclude: a.yaml\n");
  EXPECT_EQ(thrownText([&] {
              Emulator emu;
              loadFile(emu, a);
            }),
            b + ":2:10: topology: include cycle: " + a + " -> " + b + " -> " + a);
  std::string self = dir.write("self.yaml", "include: ./self.yaml\n");
  EXPECT_EQ(thrownText([&] {
              Emulator emu;
              loadFile(emu, self);
            }),
            self + ":1:10: topology: include cycle: " + self + " -> " + self);
}

TEST(TopologyInclude, IncludingOneFileTwiceDeclaresItsObjectsTwice) {
  ScratchDir dir;
  dir.write("base.yaml", "exchanges: [{id: 1}]\n");
  std::string top = dir.write("top.yaml", "include: [base.yaml, base.yaml]\n");
  EXPECT_EQ(thrownText([&] {
              Emulator emu;
              loadFile(emu, top);
            }),
            dir.path("base.yaml") + ":1:18: ix1: this exchange was already created");
}

TEST(TopologyInclude, MissingTopLevelFile) {
  EXPECT_EQ(thrownText([] {
              Emulator emu;
              loadFile(emu, "/nonexistent/topology.yaml");
            }),
            "/nonexistent/topology.yaml: no such file");
}

TEST(TopologyInclude, IncludeMustNameAFile) {
  EXPECT_EQ(thrownText([] {
              Emulator emu;
              loadString(emu, "include: [{a: 1}]\n", "t.yaml");
            }),
            "t.yaml:1:11: topology: 'include' must name a file or list files, got a mapping");
}

}  // namespace
}  // namespace asemu::topo
