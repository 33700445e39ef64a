#include "asemu/map/access.h"

#include <gtest/gtest.h>

#include "asemu/core/error.h"
#include "asemu/map/api.h"

namespace asemu::map {
namespace {

TEST(Access, RandomTokensAre32HexDigitsAndDiffer) {
  std::string a = randomToken(), b = randomToken();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
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

Request request(const std::string& method, const std::string& target,
                std::map<std::string, std::string> headers) {
  Request r;
  r.method = method;
  r.target = target;
  r.headers = std::move(headers);
  return r;
}

// The status admit() answers with, or 0 when the request may go on.
int gateStatus(const Gate& g, const Request& r) {
  auto res = admit(g, r);
  return res ? res->status : 0;
}

class GateTest : public ::testing::Test {
 protected:
  Gate loopback = makeGate("127.0.0.1", 8080, "t0ken");
  Gate lan = makeGate("192.0.2.1", 8080, "t0ken");
  std::map<std::string, std::string> withCookie(const std::string& host = "127.0.0.1:8080") {
    return {{"host", host}, {"cookie", "x=1; asemu_access_8080=t0ken"}};
  }
};

TEST_F(GateTest, HostsAreTheListenAddressAndLocalhostWithThePort) {
  EXPECT_EQ(loopback.hosts,
            (std::vector<std::string>{"127.0.0.1:8080", "localhost:8080", "[::1]:8080"}));
  EXPECT_EQ(lan.hosts, (std::vector<std::string>{"192.0.2.1:8080", "localhost:8080"}));
  EXPECT_EQ(makeGate("::1", 9000, "t").hosts,
            (std::vector<std::string>{"[::1]:9000", "localhost:9000", "127.0.0.1:9000"}));
  EXPECT_EQ(loopback.cookie, "asemu_access_8080");
  EXPECT_THROW(makeGate("0.0.0.0", 8080, "t"), Error);
  EXPECT_THROW(makeGate("::", 8080, "t"), Error);
  EXPECT_THROW(makeGate("example.org", 8080, "t"), Error);
}

TEST_F(GateTest, LoopbackNeedsTheTokenToo) {
  for (const char* target : {"/", "/app.js", "/api/graph", "/api/session", "/api/nodes"})
    EXPECT_EQ(gateStatus(loopback, request("GET", target, {{"host", "127.0.0.1:8080"}})), 401)
        << target;
  EXPECT_EQ(gateStatus(loopback, request("POST", "/api/bgp", {{"host", "127.0.0.1:8080"}})), 401);
  Request ws = request("GET", "/api/events?filter=icmp", {{"host", "127.0.0.1:8080"}});
  ws.upgrade = true;
  EXPECT_EQ(gateStatus(loopback, ws), 401);
  auto res = admit(loopback, request("GET", "/api/graph", {{"host", "127.0.0.1:8080"}}));
  EXPECT_EQ(res->body,
            R"({"error":"missing or wrong access token: open the URL 'asemu map' printed )"
            R"((it ends in ?access=TOKEN) or send 'Authorization: Bearer TOKEN'"})");
}

TEST_F(GateTest, CookieOrBearerLetsRequestsThrough) {
  EXPECT_EQ(gateStatus(loopback, request("GET", "/api/graph", withCookie())), 0);
  EXPECT_EQ(gateStatus(loopback,
                       request("GET", "/api/graph",
                               {{"host", "localhost:8080"}, {"authorization", "Bearer t0ken"}})),
            0);
  EXPECT_EQ(gateStatus(lan, request("GET", "/", withCookie("192.0.2.1:8080"))), 0);
  // Wrong tokens, and the cookie of a map on another port of the same host.
  EXPECT_EQ(gateStatus(loopback,
                       request("GET", "/api/graph",
                               {{"host", "127.0.0.1:8080"}, {"authorization", "Bearer t0kem"}})),
            401);
  EXPECT_EQ(gateStatus(loopback, request("GET", "/api/graph",
                                         {{"host", "127.0.0.1:8080"},
                                          {"cookie", "asemu_access_9000=t0ken"}})),
            401);
}

TEST_F(GateTest, PageLoadWithTheTokenSetsTheCookieAndRedirectsToTheCleanUrl) {
  auto res = admit(loopback, request("GET", "/?access=t0ken", {{"host", "127.0.0.1:8080"}}));
  ASSERT_TRUE(res.has_value());
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->headers["Location"], "/");
  EXPECT_EQ(res->headers["Set-Cookie"],
            "asemu_access_8080=t0ken; Path=/; HttpOnly; SameSite=Strict");
  // A target that would lead elsewhere is sent to the page instead.
  res =
      admit(loopback, request("GET", "//evil.example/?access=t0ken", {{"host", "127.0.0.1:8080"}}));
  EXPECT_EQ(res->headers["Location"], "/");
  EXPECT_EQ(gateStatus(loopback, request("GET", "/?access=wrong", {{"host", "127.0.0.1:8080"}})),
            401);
  // The query token opens a page load only: not a POST, not a WebSocket.
  EXPECT_EQ(
      gateStatus(loopback, request("POST", "/api/bgp?access=t0ken", {{"host", "127.0.0.1:8080"}})),
      401);
  Request ws = request("GET", "/api/events?access=t0ken", {{"host", "127.0.0.1:8080"}});
  ws.upgrade = true;
  EXPECT_EQ(gateStatus(loopback, ws), 401);
}

TEST_F(GateTest, HeadersOfAnyBytesAreRefusedWithAValidAnswer) {
  auto res = admit(loopback, request("GET", "/", withCookie("\xff\x1b[2J")));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 421);
  EXPECT_NE(res->body.find("not to Host '\\\\xff\\\\x1b[2J'"), std::string::npos) << res->body;
  auto h = withCookie("127.0.0.1:8080");
  h["origin"] = "http://\xfe";
  res = admit(loopback, request("POST", "/api/bgp", h));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST_F(GateTest, ForeignHostIsRefusedBeforeTheToken) {
  auto h = withCookie("evil.example:8080");
  h["authorization"] = "Bearer t0ken";
  EXPECT_EQ(gateStatus(loopback, request("GET", "/api/graph", h)), 421);
  EXPECT_EQ(gateStatus(loopback, request("GET", "/?access=t0ken", {{"host", "evil.example"}})),
            421);
  EXPECT_EQ(gateStatus(loopback, request("GET", "/", withCookie("127.0.0.1:9999"))), 421);
  EXPECT_EQ(gateStatus(loopback, request("GET", "/", withCookie("127.0.0.1"))), 421);
  EXPECT_EQ(gateStatus(lan, request("GET", "/", withCookie("127.0.0.1:8080"))), 421);
  EXPECT_EQ(gateStatus(loopback, request("GET", "/", {{"cookie", "asemu_access_8080=t0ken"}})),
            421);  // no Host at all
  EXPECT_EQ(gateStatus(loopback, request("GET", "/", withCookie("LOCALHOST:8080"))), 0);
  EXPECT_EQ(gateStatus(loopback, request("GET", "/", withCookie("[::1]:8080"))), 0);
}

TEST_F(GateTest, ForeignOriginIsRefusedOnPostsAndWebSockets) {
  auto h = withCookie();
  h["origin"] = "http://evil.example";
  EXPECT_EQ(gateStatus(loopback, request("POST", "/api/bgp", h)), 403);
  Request ws = request("GET", "/api/console?node=as2/host_0", h);
  ws.upgrade = true;
  EXPECT_EQ(gateStatus(loopback, ws), 403);
  for (const char* bad : {"null", "https://127.0.0.1:8080", "http://127.0.0.1:8081",
                          "http://127.0.0.1:8080.evil.example", ""}) {
    h["origin"] = bad;
    EXPECT_EQ(gateStatus(loopback, request("POST", "/api/filter", h)), 403) << bad;
  }
  for (const char* good : {"http://127.0.0.1:8080", "http://localhost:8080"}) {
    h["origin"] = good;
    EXPECT_EQ(gateStatus(loopback, request("POST", "/api/filter", h)), 0) << good;
    ws.headers = h;
    EXPECT_EQ(gateStatus(loopback, ws), 0) << good;
  }
  // Scripts send no Origin.
  EXPECT_EQ(gateStatus(loopback, request("POST", "/api/filter", withCookie())), 0);
}

}  // namespace
}  // namespace asemu::map
