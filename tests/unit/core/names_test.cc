#include "asemu/core/names.h"

#include <gtest/gtest.h>

namespace asemu {
namespace {

TEST(InterfaceName, AcceptsNamesUpTo15Characters) {
  EXPECT_EQ(interfaceNameProblem("net0"), "");
  EXPECT_EQ(interfaceNameProblem("net_100_101"), "");
  EXPECT_EQ(interfaceNameProblem("abcdefghijklmno"), "");  // 15
}

TEST(InterfaceName, RejectsLongEmptyAndForbiddenNames) {
  EXPECT_EQ(interfaceNameProblem("abcdefghijklmnop"),
            "interface name 'abcdefghijklmnop' is 16 characters; Linux allows at most 15 (use a "
            "shorter network name)");
  EXPECT_EQ(interfaceNameProblem(""), "an interface name cannot be empty");
  EXPECT_EQ(interfaceNameProblem("."), "'.' cannot name an interface");
  EXPECT_EQ(interfaceNameProblem(".."), "'..' cannot name an interface");
  EXPECT_EQ(interfaceNameProblem("a/b"),
            "interface name 'a/b' contains '/', which Linux does not allow");
  EXPECT_EQ(interfaceNameProblem("a:b"),
            "interface name 'a:b' contains ':', which Linux does not allow");
  EXPECT_EQ(interfaceNameProblem("a b"),
            "interface name 'a b' contains ' ', which Linux does not allow");
}

TEST(ObjectName, AcceptsLettersDigitsUnderscoreDashDot) {
  for (const char* good : {"host_0", "host-0", "router0", "r.1", "NET0", "_x"})
    EXPECT_EQ(objectNameProblem(good), "") << good;
}

TEST(ObjectName, RejectsEmptyLeadingDashAndOtherCharacters) {
  EXPECT_EQ(objectNameProblem(""), "a name cannot be empty");
  EXPECT_EQ(objectNameProblem("-x"), "name '-x' cannot start with '-'");
  EXPECT_EQ(objectNameProblem("host 0"),
            "name 'host 0' contains ' ' (allowed: letters, digits, '_', '-', '.')");
  EXPECT_EQ(objectNameProblem("as/180"),
            "name 'as/180' contains '/' (allowed: letters, digits, '_', '-', '.')");
}

TEST(ObjectName, RejectsDotAndDotDot) {
  EXPECT_EQ(objectNameProblem("."), "name '.' is reserved");
  EXPECT_EQ(objectNameProblem(".."), "name '..' is reserved");
  EXPECT_EQ(objectNameProblem("..."), "");
}

TEST(EmulationName, RejectsPathsDotsAndControlBytes) {
  EXPECT_EQ(emulationNameProblem("lab-2_x"), "");
  for (const char* bad : {"..", ".", "/some/dir", "a/b", "my.net", "~lab", "a b", "a\nb"})
    EXPECT_NE(emulationNameProblem(bad), "") << bad;
  EXPECT_EQ(emulationNameProblem("a\nb"),
            "emulation name 'a\\x0ab' contains '\\x0a' (allowed: letters, digits, '_', '-')");
}

TEST(ObjectName, NamesAWholeCharacterNotHalfOfIt) {
  EXPECT_EQ(objectNameProblem("n\xc3\xa9t"),
            "name 'n\xc3\xa9t' contains '\xc3\xa9' (allowed: letters, digits, '_', '-', '.')");
  EXPECT_EQ(objectNameProblem("n\xc3"),
            "name 'n\\xc3' contains '\\xc3' (allowed: letters, digits, '_', '-', '.')");
  EXPECT_EQ(emulationNameProblem("lab\xe2\x9c\x93"),
            "emulation name 'lab\xe2\x9c\x93' contains '\xe2\x9c\x93' (allowed: letters, digits, "
            "'_', '-')");
}

TEST(NameChars, ReplacesEverythingOutsideTheAlphabet) {
  EXPECT_EQ(withNameChars("Web 1/$x.y-z_"), "Web_1__x.y-z_");
}

}  // namespace
}  // namespace asemu
