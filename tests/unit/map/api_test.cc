#include "asemu/map/api.h"

#include <gtest/gtest.h>

#include "asemu/core/error.h"
#include "asemu/map/capture.h"
#include "fake_emulation.h"

namespace asemu::map {
namespace {

Request get(const std::string& target) {
  return {"GET", target, {}, ""};
}
Request post(const std::string& target, const std::string& body,
             std::map<std::string, std::string> headers = {}) {
  return {"POST", target, std::move(headers), body};
}

nlohmann::json body(const Response& r) {
  return nlohmann::json::parse(r.body);
}

class ApiTest : public ::testing::Test {
 protected:
  FakeEmulation emu;
  Api api{emu, false};

  Response call(const Request& r) {
    auto res = api.handle(r);
    EXPECT_TRUE(res.has_value());
    return res ? *res : Response{};
  }
  Response bgp(const std::string& json) { return call(post("/api/bgp", json)); }
};

TEST_F(ApiTest, StaticPathsAreNotTheApis) {
  EXPECT_FALSE(api.handle(get("/")).has_value());
  EXPECT_FALSE(api.handle(get("/vendor/xterm.js")).has_value());
}

TEST_F(ApiTest, SessionNamesTheEmulationAndHandsOutNoSecret) {
  Response r = call(get("/api/session"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r), nlohmann::json({{"emulation", "small"}, {"console", false}}));
}

TEST_F(ApiTest, GraphAndNodes) {
  EXPECT_EQ(body(call(get("/api/graph")))["vertices"].size(), 5u);
  EXPECT_EQ(body(call(get("/api/nodes"))).size(), 3u);
  Response r = call(get("/api/node?id=as2%2Fhost_0"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["container"], "as2h-host_0-10.2.0.71");
  // Nodes are found as `asemu exec` finds them: by a unique part of the container name too.
  EXPECT_EQ(body(call(get("/api/node?id=10.2.0.71")))["id"], "as2/host_0");
}

TEST_F(ApiTest, UnknownNodeIs404) {
  Response r = call(get("/api/node?id=nowhere"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(body(r)["error"], "small: no node matches 'nowhere'");
  EXPECT_EQ(call(get("/api/bgp?node=nowhere")).status, 404);
  EXPECT_EQ(bgp(R"({"node":"nowhere","session":"u_as3","action":"disable"})").status, 404);
}

TEST_F(ApiTest, BgpListShowsStateFromBird) {
  emu.disabled.insert("u_as3");
  Response r = call(get("/api/bgp?node=as2/r100"));
  EXPECT_EQ(r.status, 200);
  nlohmann::json j = body(r);
  EXPECT_EQ(j["node"], "as2/r100");
  ASSERT_EQ(j["sessions"].size(), 2u);
  EXPECT_EQ(j["sessions"][0]["name"], "p_rs100");
  EXPECT_EQ(j["sessions"][0]["established"], true);
  EXPECT_EQ(j["sessions"][0]["enabled"], true);
  EXPECT_EQ(j["sessions"][1]["info"], "Disabled");
  EXPECT_EQ(j["sessions"][1]["enabled"], false);
  EXPECT_EQ(j["sessions"][1]["neighbor"], "10.100.0.3 AS3");
}

TEST_F(ApiTest, BgpOnAHostIs400) {
  Response r = call(get("/api/bgp?node=as2/host_0"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"], "as2/host_0: runs no BGP (it is a Host)");
}

TEST_F(ApiTest, BirdUnreachableIs502) {
  emu.birdDown = true;
  Response r = call(get("/api/bgp?node=as2/r100"));
  EXPECT_EQ(r.status, 502);
  EXPECT_EQ(body(r)["error"], "as2/r100: cannot reach BIRD");
}

TEST_F(ApiTest, DisableAndEnableASession) {
  Response r = bgp(R"({"node":"as2/r100","session":"u_as3","action":"disable"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["sessions"][1]["info"], "Disabled");
  EXPECT_EQ(bgp(R"({"node":"as2/r100","session":"u_as3","action":"enable"})").status, 200);
  EXPECT_EQ(emu.calls,
            (std::vector<std::string>{"as2/r100 disable u_as3", "as2/r100 enable u_as3"}));
}

TEST_F(ApiTest, UnknownSessionIs404) {
  Response r = bgp(R"({"node":"as2/r100","session":"u_as9","action":"disable"})");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(body(r)["error"],
            "as2/r100: unknown session 'u_as9' (known: p_rs100, u_as3); did you mean 'u_as3'?");
  EXPECT_TRUE(emu.calls.empty());
}

TEST_F(ApiTest, BadActionOrBodyIs400) {
  Response r = bgp(R"({"node":"as2/r100","session":"u_as3","action":"reset"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"], "action must be \"enable\" or \"disable\", not \"reset\"");
  EXPECT_EQ(bgp("not json").status, 400);
}

TEST_F(ApiTest, MalformedBodiesAreAnsweredWithErrors) {
  for (const std::string& bad :
       std::vector<std::string>{"", "[]", "42", "{\"node\":", std::string(1 << 20, '{'),
                                R"({"node":7,"session":"u_as3","action":"disable"})",
                                R"({"node":"as2/r100","session":["u_as3"],"action":"disable"})",
                                R"({"node":"as2/r100","session":"u_as3","action":{"x":1}})"}) {
    Response r = bgp(bad);
    EXPECT_GE(r.status, 400) << bad.substr(0, 80);
    EXPECT_TRUE(body(r).contains("error")) << bad.substr(0, 80);
    r = call(post("/api/filter", bad));
    EXPECT_EQ(r.status, 400) << bad.substr(0, 80);
  }
  EXPECT_EQ(call(post("/api/filter", R"({"filter":7})")).status, 400);
  EXPECT_TRUE(emu.calls.empty());
}

TEST_F(ApiTest, InvalidFilterIs400WithLibpcapsMessage) {
  Response r = call(post("/api/filter", R"({"filter":"icmpx"})"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"],
            "invalid filter 'icmpx': can't parse filter expression: syntax error");
  r = call(post("/api/filter", R"({"filter":"udp port 99999"})"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"], "invalid filter 'udp port 99999': illegal port number 99999 > 65535");
  r = call(post("/api/filter", R"({"filter":"udp port 9090"})"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["ok"], true);
}

TEST_F(ApiTest, UnknownApiIs404AndStreamsNeedAnUpgrade) {
  Response r = call(get("/api/nothing"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(body(r)["error"], "no such API: GET /api/nothing");
  EXPECT_EQ(call(get("/api/events?filter=icmp")).status, 400);
}

TEST_F(ApiTest, UpgradeChecks) {
  EXPECT_FALSE(api.checkUpgrade(get("/api/events?filter=icmp")).has_value());
  auto bad = api.checkUpgrade(get("/api/events?filter=icmpx"));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->status, 400);
  auto console = api.checkUpgrade(get("/api/console?node=as2/host_0"));
  ASSERT_TRUE(console.has_value());
  EXPECT_EQ(console->status, 403);
  EXPECT_EQ(body(*console)["error"],
            "the console is off (start the map with 'asemu map --console')");
}

TEST_F(ApiTest, AnnounceAndWithdrawOnARouter) {
  Response r = call(get("/api/announce?node=as2/r100"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r),
            nlohmann::json({{"node", "as2/r100"}, {"announced", nlohmann::json::array()}}));
  r = call(
      post("/api/announce", R"({"node":"as2/r100","prefix":"10.153.0.0/25","action":"announce"})"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["done"], "as2/r100: announces 10.153.0.0/25");
  EXPECT_EQ(body(r)["announced"], nlohmann::json({"10.153.0.0/25"}));
  EXPECT_EQ(body(call(get("/api/announce?node=as2/r100")))["announced"],
            nlohmann::json({"10.153.0.0/25"}));
  r = call(
      post("/api/announce", R"({"node":"as2/r100","prefix":"10.153.0.0/25","action":"withdraw"})"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body(r)["announced"], nlohmann::json::array());
}

TEST_F(ApiTest, AnnounceRefusesBadInputWithOneLine) {
  auto announce = [&](const std::string& json) { return call(post("/api/announce", json)); };
  Response r = announce(R"({"node":"as2/r100","prefix":"10.153.0.1/25","action":"announce"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"],
            "as2/r100: prefix '10.153.0.1/25' has host bits set; announce 10.153.0.0/25");
  r = announce(R"({"node":"as2/r100","prefix":"10.153.0.0/25","action":"withdraw"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"], "as2/r100: does not announce 10.153.0.0/25");
  announce(R"({"node":"as2/r100","prefix":"10.153.0.0/25","action":"announce"})");
  r = announce(R"({"node":"as2/r100","prefix":"10.153.0.0/25","action":"announce"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"], "as2/r100: already announces 10.153.0.0/25");
  emu.announcements.clear();
  r = announce(R"({"node":"as2/r100","prefix":"10.153.0.0/25","action":"hijack"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"], "action must be \"announce\" or \"withdraw\", not \"hijack\"");
  EXPECT_EQ(announce("[1]").status, 400);
  EXPECT_EQ(announce(R"({"node":"nowhere","prefix":"10.1.0.0/24","action":"announce"})").status,
            404);
  // A host and a route server originate nothing.
  r = announce(R"({"node":"as2/host_0","prefix":"10.1.0.0/24","action":"announce"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"],
            "as2/host_0: announces nothing (only a router with BGP sessions can; it is a Host)");
  EXPECT_EQ(call(get("/api/announce?node=ix/ix100")).status, 400);
  EXPECT_TRUE(emu.announcements.empty());
}

TEST_F(ApiTest, CatchmentPredictedAndMeasuredOnRequest) {
  Response r = call(get("/api/catchment?address=10.2.0.71"));
  EXPECT_EQ(r.status, 200);
  nlohmann::json j = body(r);
  EXPECT_EQ(j["address"], "10.2.0.71");
  EXPECT_EQ(j["predicted"], true);
  EXPECT_EQ(j["measured"], false);
  ASSERT_EQ(j["ases"].size(), 1u);
  EXPECT_EQ(j["ases"][0]["asn"], 2);
  EXPECT_EQ(j["ases"][0]["predicted"]["origin"], "as2/host_0");
  EXPECT_TRUE(j["ases"][0]["measured"].is_null());
  EXPECT_EQ(emu.measurements, 0);
  j = body(call(get("/api/catchment?address=10.2.0.71&measured=1")));
  EXPECT_EQ(emu.measurements, 1);
  EXPECT_EQ(j["measured"], true);
  EXPECT_EQ(j["ases"][0]["measured"]["origin"], "as2/host_0");
  EXPECT_EQ(j["all_agree"], true);
}

TEST_F(ApiTest, CatchmentOfABadOrUnoriginatedAddress) {
  Response r = call(get("/api/catchment?address=10.2.0"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r)["error"],
            "10.2.0: is not an IPv4 address (write it as a dotted quad, e.g. 10.180.0.100)");
  EXPECT_EQ(call(get("/api/catchment")).status, 400);
  r = call(get("/api/catchment?address=10.99.0.1&measured=1"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(body(r)["error"],
            "catchment: no router originates a route for 10.99.0.1 and no node holds it (check "
            "the address)");
  EXPECT_EQ(emu.measurements, 0);  // nothing is probed for an address nothing originates
  emu.birdDown = true;             // BIRD unreachable: the emulation's failure, not the request's
  EXPECT_EQ(call(get("/api/catchment?address=10.2.0.71")).status, 502);
}

TEST(ApiConsole, NeedsAKnownNode) {
  FakeEmulation emu;
  Api api(emu, true);
  EXPECT_FALSE(api.checkUpgrade(get("/api/console?node=as2/host_0")).has_value());
  auto unknown = api.checkUpgrade(get("/api/console?node=zzz"));
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->status, 404);
}

TEST(Targets, PathAndDecodedQuery) {
  Target t = parseTarget("/api/bgp?node=as180%2Frouter0&x=a+b&flag");
  EXPECT_EQ(t.path, "/api/bgp");
  EXPECT_EQ(t.query["node"], "as180/router0");
  EXPECT_EQ(t.query["x"], "a b");
  EXPECT_EQ(t.query.count("flag"), 1u);
  EXPECT_EQ(percentDecode("%zz%4"), "%zz%4");
}

TEST(Filters, CheckedWithLibpcap) {
  EXPECT_EQ(filterProblem(""), "");
  EXPECT_EQ(filterProblem("icmp"), "");
  EXPECT_EQ(filterProblem("udp port 9090 and host 10.180.0.100"), "");
  EXPECT_EQ(filterProblem("tcp port"), "can't parse filter expression: syntax error");
}

}  // namespace
}  // namespace asemu::map
