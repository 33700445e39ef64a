#include "asemu/map/access.h"

#include <gtest/gtest.h>

namespace asemu::map {
namespace {

TEST(Access, RandomTokensAre32HexDigitsAndDiffer) {
  std::string a = randomToken(), b = randomToken();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(Access, LoopbackHosts) {
  EXPECT_TRUE(isLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(isLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(isLoopbackHost("::1"));
  EXPECT_TRUE(isLoopbackHost("localhost"));
  EXPECT_FALSE(isLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(isLoopbackHost("192.168.1.5"));
  EXPECT_FALSE(isLoopbackHost("::"));
}

TEST(Access, CookieValue) {
  EXPECT_EQ(cookieValue("a=1; asemu_access=abc; b=2", "asemu_access"), "abc");
  EXPECT_EQ(cookieValue("asemu_access=xyz", "asemu_access"), "xyz");
  EXPECT_EQ(cookieValue("x_asemu_access=no", "asemu_access"), "");
  EXPECT_EQ(cookieValue("", "asemu_access"), "");
}

TEST(Access, SameTokenNeedsEqualNonEmptyStrings) {
  EXPECT_TRUE(sameToken("abc", "abc"));
  EXPECT_FALSE(sameToken("abc", "abd"));
  EXPECT_FALSE(sameToken("abc", "abcd"));
  EXPECT_FALSE(sameToken("", ""));
}

}  // namespace
}  // namespace asemu::map
