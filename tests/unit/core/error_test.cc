#include "asemu/core/error.h"

#include <gtest/gtest.h>

namespace asemu {
namespace {

TEST(SourceLocation, FormatsFileLineColumn) {
  EXPECT_EQ(SourceLocation{}.str(), "");
  EXPECT_FALSE(SourceLocation{}.known());
  EXPECT_EQ((SourceLocation{"demo.yaml", 0, 0}.str()), "demo.yaml");
  EXPECT_EQ((SourceLocation{"demo.yaml", 12, 5}.str()), "demo.yaml:12:5");
  // A line without a column points at its start.
  EXPECT_EQ((SourceLocation{"demo.yaml", 12, 0}.str()), "demo.yaml:12:1");
}

TEST(Error, PrintsFileObjectMessageInOneLine) {
  Error e("as150/router0", "unknown peer AS 99 (known: 2, 3, 151)", {"demo.yaml", 12, 5});
  EXPECT_STREQ(e.what(), "demo.yaml:12:5: as150/router0: unknown peer AS 99 (known: 2, 3, 151)");
  EXPECT_EQ(e.object(), "as150/router0");
  EXPECT_EQ(e.message(), "unknown peer AS 99 (known: 2, 3, 151)");
  EXPECT_EQ(e.where().line, 12);
}

TEST(Error, LeavesOutWhatIsUnknown) {
  EXPECT_STREQ(Error("as150/net0", "bad prefix").what(), "as150/net0: bad prefix");
  EXPECT_STREQ(Error("", "no topology given").what(), "no topology given");
  EXPECT_STREQ(Error("", "empty file", {"x.yaml", 0, 0}).what(), "x.yaml: empty file");
}

TEST(ErrorList, PrintsOneErrorPerLine) {
  ErrorList list({Error("as2/r100", "first"), Error("ix100", "second", {"a.yaml", 3, 1})});
  ASSERT_EQ(list.errors().size(), 2u);
  EXPECT_STREQ(list.what(), "as2/r100: first\na.yaml:3:1: ix100: second");
  EXPECT_EQ(list.errors()[1].object(), "ix100");
}

TEST(Diagnostics, NothingCollectedThrowsNothing) {
  Diagnostics d;
  EXPECT_TRUE(d.empty());
  EXPECT_NO_THROW(d.throwIfAny());
}

TEST(Diagnostics, OneProblemThrowsAListOfOne) {
  Diagnostics d;
  d.add("as150/host_0", "host joins no network", {"demo.yaml", 7, 3});
  EXPECT_EQ(d.size(), 1u);
  try {
    d.throwIfAny();
    FAIL() << "nothing thrown";
  } catch (const ErrorList& list) {
    ASSERT_EQ(list.errors().size(), 1u);
    EXPECT_EQ(list.errors()[0].where().str(), "demo.yaml:7:3");
    EXPECT_STREQ(list.what(), "demo.yaml:7:3: as150/host_0: host joins no network");
  } catch (const Error&) {
    FAIL() << "a single problem was thrown as a bare Error";
  }
}

TEST(Diagnostics, SeveralProblemsThrowThemAllInOrder) {
  Diagnostics d;
  d.add("a", "one");
  d.add(Error("b", "two"));
  d.add("c", "three");
  EXPECT_EQ(d.size(), 3u);
  try {
    d.throwIfAny();
    FAIL() << "nothing thrown";
  } catch (const ErrorList& list) {
    ASSERT_EQ(list.errors().size(), 3u);
    EXPECT_EQ(list.errors()[1].object(), "b");
    EXPECT_STREQ(list.what(), "a: one\nb: two\nc: three");
  }
}

TEST(ClosestMatch, FindsTheNearestNameWithinReach) {
  EXPECT_EQ(closestMatch("net1", {"ix100", "net0"}), "net0");
  EXPECT_EQ(closestMatch("ix10", {"ix100", "net0"}), "ix100");
  EXPECT_EQ(closestMatch("routre0", {"router0", "router1", "host_0"}), "router0");
  EXPECT_EQ(closestMatch("net0", {"net0", "net1"}), "net0");
  // Ties go to the first candidate.
  EXPECT_EQ(closestMatch("net2", {"net1", "net0"}), "net1");
}

TEST(ClosestMatch, GivesNothingWhenEverythingIsFar) {
  EXPECT_EQ(closestMatch("backbone", {"net0", "ix100"}), "");
  // Short names: replacing every character is no match.
  EXPECT_EQ(closestMatch("99", {"2", "11"}), "");
  EXPECT_EQ(closestMatch("15", {"2", "150"}), "150");
  EXPECT_EQ(closestMatch("x", {}), "");
}

TEST(UnknownNameMessage, ListsKnownNamesSortedWithAGuess) {
  EXPECT_EQ(unknownNameMessage("network", "net9", {"net0", "ix100", "net0"}),
            "unknown network 'net9' (known: ix100, net0); did you mean 'net0'?");
  EXPECT_EQ(unknownNameMessage("layer", "Ebpg", {"Routing", "Base", "Ebgp"}),
            "unknown layer 'Ebpg' (known: Base, Ebgp, Routing); did you mean 'Ebgp'?");
}

TEST(UnknownNameMessage, SortsNumbersByValue) {
  EXPECT_EQ(unknownNameMessage("AS", "99", {"151", "3", "2", "11"}),
            "unknown AS '99' (known: 2, 3, 11, 151)");
  EXPECT_EQ(unknownNameMessage("exchange", "ix7", {"ix100", "ix2", "ix11"}),
            "unknown exchange 'ix7' (known: ix2, ix11, ix100); did you mean 'ix2'?");
}

TEST(UnknownNameMessage, SaysWhenThereAreNone) {
  EXPECT_EQ(unknownNameMessage("router", "router0", {}),
            "unknown router 'router0' (there are none)");
}

TEST(UnknownNameMessage, ShowsAtMostTwelveNames) {
  std::vector<std::string> many;
  for (int i = 1; i <= 15; ++i) many.push_back("h" + std::to_string(i));
  EXPECT_EQ(unknownNameMessage("host", "zzzz", many),
            "unknown host 'zzzz' (known: h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, ... 3 "
            "more)");
}

TEST(Printable, EscapesControlBytesAndBrokenUtf8) {
  EXPECT_EQ(printable("plain text"), "plain text");
  EXPECT_EQ(printable("a\nb\tc\x1b[2J"), "a\\x0ab\\x09c\\x1b[2J");
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x9c\x93"), "caf\xc3\xa9 \xe2\x9c\x93");  // kept
  EXPECT_EQ(printable("half \xc3"), "half \\xc3");                               // cut character
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");                                // overlong '/'
  EXPECT_EQ(printable("\xc2\x85"), "\\xc2\\x85");           // NEL, a C1 control
  EXPECT_EQ(printable("\xe2\x80\xa8"), "\\xe2\\x80\\xa8");  // LINE SEPARATOR
  EXPECT_EQ(printable("\x7f"), "\\x7f");
}

TEST(Printable, ErrorMessagesAreOneLine) {
  Error e("node\nx", "bad \x01 value", {"f.yaml", 3, 1});
  EXPECT_EQ(std::string(e.what()), "f.yaml:3:1: node\\x0ax: bad \\x01 value");
  EXPECT_EQ(e.object(), "node\nx");  // the raw value stays available
}

}  // namespace
}  // namespace asemu

namespace {

TEST(Diagnostics, KeepsTheFirstTwoHundredAndCountsTheRest) {
  asemu::Diagnostics d;
  for (int i = 0; i < 250; ++i) d.add("n" + std::to_string(i), "bad");
  EXPECT_EQ(d.size(), 250u);
  try {
    d.throwIfAny();
    FAIL() << "expected an ErrorList";
  } catch (const asemu::ErrorList& e) {
    ASSERT_EQ(e.errors().size(), 201u);
    EXPECT_EQ(std::string(e.errors()[199].what()), "n199: bad");
    EXPECT_EQ(std::string(e.errors()[200].what()), "... and 50 more problems");
  }
}

}  // namespace
