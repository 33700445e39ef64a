#include "asemu/runtime/bird_control.h"

#include <gtest/gtest.h>

#include "asemu/core/error.h"

namespace asemu::runtime {
namespace {

const char* kShowProtocols =
    "2002-Name       Proto      Table      State  Since         Info\n"
    "1002-device1    Device     ---        up     16:01:02.123  \n"
    " kernel1    Kernel     master4    up     16:01:02.123  \n"
    " u_as3      BGP        ---        up     16:01:03.456  Established   \n"
    " u_as4      BGP        ---        start  16:01:02.123  Connect       Socket: Connection "
    "refused\n"
    " p_rs100    BGP        ---        down   2026-11-25 16:01:09  \n"
    "0000 \n";

TEST(BirdReply, ParsesCodesAndContinuations) {
  bool complete = false;
  BirdReply r = parseBirdReply(kShowProtocols, &complete);
  EXPECT_TRUE(complete);
  EXPECT_EQ(r.code, 0);
  EXPECT_FALSE(r.error());
  EXPECT_EQ(r.lines.size(), 6u);
}

TEST(BirdReply, IncompleteUntilTheLastLine) {
  bool complete = true;
  parseBirdReply("2002-Name  Proto\n1002-device1 Device\n", &complete);
  EXPECT_FALSE(complete);
}

TEST(BirdReply, ErrorCodes) {
  BirdReply r = parseBirdReply("8003 No protocols match\n");
  EXPECT_TRUE(r.error());
  EXPECT_EQ(r.text(), "No protocols match");
}

TEST(BirdReply, Protocols) {
  auto ps = parseProtocols(parseBirdReply(kShowProtocols));
  ASSERT_EQ(ps.size(), 5u);
  EXPECT_EQ(ps[2].name, "u_as3");
  EXPECT_TRUE(ps[2].established());
  EXPECT_EQ(ps[3].state, "start");
  EXPECT_EQ(ps[3].info, "Connect Socket: Connection refused");
  EXPECT_FALSE(ps[3].established());
  EXPECT_EQ(ps[4].since, "2026-11-25 16:01:09");
  EXPECT_EQ(ps[4].info, "");
  EXPECT_TRUE(ps[4].disabled());
  EXPECT_FALSE(ps[0].established());  // not BGP
}

TEST(BirdCommand, UnreachableSocketNamesTheNode) {
  try {
    birdCommand("/nonexistent/bird.ctl", "show protocols", "as2/r100");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "as2/r100: cannot reach BIRD at /nonexistent/bird.ctl: No such file or directory");
  }
}

}  // namespace
}  // namespace asemu::runtime
