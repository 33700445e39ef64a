#include "asemu/core/yaml_writer.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>

namespace asemu {
namespace {

// Writes {key: value} and reads the value back.
std::string roundTrip(const std::string& value) {
  YamlWriter y;
  y.beginMap();
  y.key("k");
  y.string(value);
  y.endMap();
  return YAML::Load(y.str())["k"].as<std::string>();
}

TEST(YamlWriter, EveryStringReadsBackAsWritten) {
  for (const std::string s : {"plain",
                              "",
                              "a \"quoted\": name",
                              "line\nbreak",
                              "tab\tand\x01",
                              "back\\slash",
                              "# not a comment",
                              "- not a list",
                              "{not: a map}",
                              "[x]",
                              "yes",
                              "NO",
                              "~",
                              "null",
                              "123",
                              "1.5",
                              "0x1f",
                              "Zürich",
                              "\r\ncarriage",
                              "key: value\nother: 1",
                              "'single'",
                              "*alias",
                              "&anchor",
                              "!tag",
                              "%directive",
                              "@at",
                              "`tick`",
                              "|",
                              ">",
                              "$HOME"})
    EXPECT_EQ(roundTrip(s), s) << s;
}

// Bytes that are not UTF-8 become U+FFFD; the value stays inside its scalar.
TEST(YamlWriter, BrokenUtf8StaysInItsScalar) {
  YamlWriter y;
  y.beginMap();
  y.key("k");
  y.string("bad \xff\"\nz: 2");
  y.key("z");
  y.integer(1);
  y.endMap();
  YAML::Node doc = YAML::Load(y.str());
  EXPECT_EQ(doc.size(), 2u);
  EXPECT_EQ(doc["k"].as<std::string>(), "bad \xef\xbf\xbd\"\nz: 2");
  EXPECT_EQ(doc["z"].as<int>(), 1);
}

TEST(YamlWriter, PlainOnlyWhenNothingElseCanBeRead) {
  for (const char* plain : {"net0", "as150/host_0", "10.0.0.1/24", "r.1", "a-b"})
    EXPECT_TRUE(isPlainYamlString(plain)) << plain;
  for (const char* quoted : {"", "yes", "Off", "n", "null", "150", "1.5", "1e5", "-x", ".x", "a b",
                             "a:b", "a#b", "\xc3\xbc"})
    EXPECT_FALSE(isPlainYamlString(quoted)) << quoted;
}

TEST(YamlWriter, KeysValuesAndCollections) {
  YamlWriter y;
  y.comment("first\nsecond\rthird");
  y.beginMap();
  y.key("150");
  y.quotedString("v");
  y.key("list");
  y.beginSeq(true);
  y.integer(1);
  y.number(0.25);
  y.boolean(true);
  y.endSeq();
  y.key("empty");
  y.emptyMap();
  y.endMap();
  EXPECT_EQ(y.str(),
            "# first\n# second\\x0dthird\n\"150\": \"v\"\nlist: [1, 0.25, true]\nempty: {}\n");
}

}  // namespace
}  // namespace asemu
