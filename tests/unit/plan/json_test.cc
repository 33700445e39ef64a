#include "asemu/plan/json.h"

#include <gtest/gtest.h>

#include "anycast_fixture.h"
#include "asemu/core/error.h"
#include "asemu/layers/emulator.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "asemu/layers/synthetic.h"
#include "asemu/plan/bird_config.h"
#include "sample_plan.h"
#include "small_topologies.h"

namespace asemu::plan {
namespace {

using nlohmann::json;

TEST(PlanJson, RenderedPlanRoundTripsToIdenticalJson) {
  const Plan& rendered = asemu::testing::anycastPlan();
  const std::string first = toJsonText(rendered);
  const Plan back = planFromJsonText(first);
  EXPECT_EQ(toJsonText(back), first);
  ASSERT_EQ(back.nodes.size(), rendered.nodes.size());
  ASSERT_EQ(back.networks.size(), rendered.networks.size());
  // What backends derive from the plan is unchanged too.
  for (size_t i = 0; i < back.nodes.size(); ++i) {
    ASSERT_EQ(back.nodes[i].bird.has_value(), rendered.nodes[i].bird.has_value());
    if (back.nodes[i].bird) {
      EXPECT_EQ(birdConfig(back.nodes[i]), birdConfig(rendered.nodes[i]));
    }
  }
}

// Every plan asemu renders passes the reader's checks, generated Internets included.
TEST(PlanJson, SyntheticInternetPassesTheChecks) {
  asemu::Emulator emu;
  asemu::Base base;
  asemu::Ebgp ebgp;
  asemu::makeSyntheticInternet(base, ebgp, {.stubs = 40});
  emu.addLayer(base);
  emu.addLayer(asemu::Routing());
  emu.addLayer(ebgp);
  emu.addLayer(asemu::Ospf());
  emu.addLayer(asemu::Ibgp());
  const std::string text = toJsonText(emu.render("synthetic-40"));
  EXPECT_EQ(toJsonText(planFromJsonText(text)), text);
}

TEST(PlanJson, CrossConnectsRoundTrip) {
  const Plan rendered = asemu::testing::makeCrossConnectTopology().render("xc");
  const json j = toJson(rendered);
  EXPECT_EQ(j["networks"][3]["kind"], "xc");
  EXPECT_EQ(j["networks"][3]["name"], "xc0");
  const Plan back = planFromJson(j);
  EXPECT_EQ(back.networks[3].kind, NetworkKind::CrossConnect);
  EXPECT_EQ(toJson(back), j);
  // A cross-connect's network has a cross-connect's name.
  json bad = j;
  bad["networks"][3]["name"] = "net9";
  try {
    planFromJson(bad);
    FAIL() << "accepted a cross-connect named net9";
  } catch (const ErrorList& e) {
    EXPECT_NE(std::string(e.what()).find("plan.networks[3].name: a cross-connect's network is "
                                         "named xc<N>"),
              std::string::npos)
        << e.what();
  }
}

TEST(PlanJson, SamplePlanRoundTripsEveryField) {
  const Plan sample = testing::samplePlan();
  const json first = toJson(sample);
  const Plan back = planFromJson(first);
  EXPECT_EQ(toJson(back), first);

  EXPECT_EQ(back.name, "sample");
  EXPECT_EQ(back.networks[0].link, (LinkProperties{5, 1000000, 0.5}));
  EXPECT_EQ(back.networks[1].display_name, "NYC-100");
  EXPECT_EQ(back.nodes[0].display_name, "Web-1");
  EXPECT_EQ(back.nodes[0].exchange, 0);
  EXPECT_EQ(back.nodes[2].exchange, 100);
  // A plan written before route servers named their exchange: it is their ASN.
  json old = first;
  old["nodes"][2].erase("exchange");
  EXPECT_EQ(planFromJson(old).nodes[2].exchange, 100);
  EXPECT_EQ(back.networks[1].kind, NetworkKind::Exchange);
  EXPECT_FALSE(back.nodes[0].loopback.has_value());
  EXPECT_FALSE(back.nodes[0].bird.has_value());
  EXPECT_EQ(back.nodes[0].routes.at(0).via, Ipv4Address(10, 150, 0, 254));
  EXPECT_EQ(back.nodes[1].role, Role::BorderRouter);
  EXPECT_EQ(back.nodes[1].loopback, Ipv4Address(10, 0, 0, 1));
  const Bird& bird = *back.nodes[1].bird;
  EXPECT_EQ(bird.ospf->stub_interfaces, (std::vector<std::string>{"dummy0", "ix100"}));
  const BgpSession& up = bird.sessions.at(0);
  EXPECT_EQ(up.import_class, RouteClass::Provider);
  EXPECT_EQ(up.local_pref, 10);
  EXPECT_EQ(up.export_policy, ExportPolicy::OwnAndCustomers);
  EXPECT_EQ(up.neighbor_node, "as2/r100");
  EXPECT_EQ(bird.sessions.at(1).kind, SessionKind::Ibgp);
  EXPECT_TRUE(back.nodes[2].bird->route_server);
  EXPECT_EQ(back.nodes[2].bird->sessions.at(0).kind, SessionKind::RouteServerClient);
}

TEST(PlanJson, WritesTheDocumentedFieldNames) {
  const json j = toJson(testing::samplePlan());
  EXPECT_EQ(j["format"], kPlanFormatVersion);
  EXPECT_EQ(j["networks"][0]["kind"], "local");
  EXPECT_EQ(j["networks"][0]["prefix"], "10.150.0.0/24");
  EXPECT_EQ(j["networks"][1]["kind"], "exchange");
  EXPECT_EQ(j["nodes"][0]["role"], "host");
  EXPECT_FALSE(j["nodes"][0].contains("bird"));
  EXPECT_EQ(j["nodes"][0]["routes"][0]["destination"], "0.0.0.0/0");
  EXPECT_EQ(j["nodes"][1]["role"], "border_router");
  EXPECT_EQ(j["nodes"][1]["loopback"], "10.0.0.1");
  const json& up = j["nodes"][1]["bird"]["sessions"][0];
  EXPECT_EQ(up["kind"], "ebgp");
  EXPECT_EQ(up["import_class"], "provider");
  EXPECT_EQ(up["export"], "own_and_customers");
  // Relationship policy belongs to eBGP sessions only.
  const json& inside = j["nodes"][1]["bird"]["sessions"][1];
  EXPECT_EQ(inside["kind"], "ibgp");
  EXPECT_FALSE(inside.contains("local_pref"));
  EXPECT_FALSE(inside.contains("neighbor_node"));
  EXPECT_EQ(j["nodes"][2]["role"], "route_server");
  EXPECT_EQ(j["nodes"][2]["bird"]["sessions"][0]["kind"], "rs_client");
}

// Reads `j` and returns the one-line error, or "" when it was accepted.
std::string readError(const json& j) {
  try {
    planFromJson(j);
  } catch (const ErrorList& e) {
    return e.errors().size() == 1 ? e.what() : "several errors: " + std::string(e.what());
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

class PlanJsonErrors : public ::testing::Test {
 protected:
  json j = toJson(testing::samplePlan());
};

TEST_F(PlanJsonErrors, SampleIsAccepted) {
  EXPECT_EQ(readError(j), "");
}

TEST_F(PlanJsonErrors, MissingFields) {
  json a = j;
  a.erase("format");
  EXPECT_EQ(readError(a), "plan: missing field 'format'");
  json b = j;
  b["nodes"][0].erase("id");
  EXPECT_EQ(readError(b), "plan.nodes[0]: missing field 'id'");
  json c = j;
  c["nodes"][1]["bird"].erase("router_id");
  EXPECT_EQ(readError(c), "plan.nodes[1].bird: missing field 'router_id'");
  json d = j;
  d["networks"][0].erase("link");
  EXPECT_EQ(readError(d), "plan.networks[0]: missing field 'link'");
  json e = j;
  e["nodes"][0]["routes"][0].erase("via");
  EXPECT_EQ(readError(e), "plan.nodes[0].routes[0]: missing field 'via'");
  json f = j;
  f["nodes"][1]["bird"]["ospf"].erase("stub_interfaces");
  EXPECT_EQ(readError(f), "plan.nodes[1].bird.ospf: missing field 'stub_interfaces'");
  json g = j;
  g["nodes"][1]["bird"]["sessions"][0].erase("local_pref");
  EXPECT_EQ(readError(g), "plan.nodes[1].bird.sessions[0]: missing field 'local_pref'");
}

TEST_F(PlanJsonErrors, WrongTypes) {
  EXPECT_EQ(readError(json::array()), "plan: expected an object");
  json a = j;
  a["format"] = "1";
  EXPECT_EQ(readError(a), "plan.format: expected an integer");
  json b = j;
  b["nodes"] = json::object();
  EXPECT_EQ(readError(b), "plan.nodes: expected an array");
  json c = j;
  c["nodes"][0]["asn"] = 1.5;
  EXPECT_EQ(readError(c), "plan.nodes[0].asn: expected an integer");
  json d = j;
  d["nodes"][1] = 7;
  EXPECT_EQ(readError(d), "plan.nodes[1]: expected an object");
  json e = j;
  e["networks"][0]["link"]["loss_percent"] = "half";
  EXPECT_EQ(readError(e), "plan.networks[0].link.loss_percent: expected a number");
  json f = j;
  f["nodes"][1]["bird"]["route_server"] = "no";
  EXPECT_EQ(readError(f), "plan.nodes[1].bird.route_server: expected true or false");
  json g = j;
  g["nodes"][1]["bird"]["direct_interfaces"] = {"net0", 7};
  EXPECT_EQ(readError(g), "plan.nodes[1].bird.direct_interfaces[1]: expected a string");
  json h = j;
  h["nodes"][0]["sysctls"] = json::array();
  EXPECT_EQ(readError(h), "plan.nodes[0].sysctls: expected an object");
  json i = j;
  i["nodes"][0]["sysctls"]["net.ipv4.ip_forward"] = 1;
  EXPECT_EQ(readError(i), "plan.nodes[0].sysctls.net.ipv4.ip_forward: expected a string");
  json k = j;
  k["nodes"][2]["bird"]["sessions"][0]["neighbor_node"] = 5;
  EXPECT_EQ(readError(k), "plan.nodes[2].bird.sessions[0].neighbor_node: expected a string");
}

TEST_F(PlanJsonErrors, MalformedAddressesAndPrefixes) {
  json a = j;
  a["nodes"][0]["interfaces"][0]["address"] = "10.150.0.256";
  EXPECT_EQ(readError(a), "plan.nodes[0].interfaces[0].address: expected an IPv4 address");
  json b = j;
  b["networks"][0]["prefix"] = "10.150.0.1/24";
  EXPECT_EQ(readError(b), "plan.networks[0].prefix: expected an IPv4 prefix a.b.c.d/len");
  json c = j;
  c["nodes"][1]["loopback"] = "10.0.0";
  EXPECT_EQ(readError(c), "plan.nodes[1].loopback: expected an IPv4 address");
}

TEST_F(PlanJsonErrors, UnknownEnumValues) {
  json a = j;
  a["nodes"][0]["role"] = "switch";
  EXPECT_EQ(readError(a),
            "plan.nodes[0].role: unknown value 'switch' (known: host, router, border_router, "
            "route_server)");
  json b = j;
  b["networks"][1]["kind"] = "wan";
  EXPECT_EQ(readError(b),
            "plan.networks[1].kind: unknown value 'wan' (known: local, exchange, xc)");
  json c = j;
  c["nodes"][1]["bird"]["sessions"][0]["kind"] = "ospf";
  EXPECT_EQ(readError(c),
            "plan.nodes[1].bird.sessions[0].kind: unknown value 'ospf' (known: ebgp, ibgp, "
            "rs_client)");
  json d = j;
  d["nodes"][1]["bird"]["sessions"][0]["import_class"] = "friend";
  EXPECT_EQ(readError(d),
            "plan.nodes[1].bird.sessions[0].import_class: unknown value 'friend' (known: "
            "customer, peer, provider)");
  json e = j;
  e["nodes"][1]["bird"]["sessions"][0]["export"] = "some";
  EXPECT_EQ(readError(e),
            "plan.nodes[1].bird.sessions[0].export: unknown value 'some' (known: all, "
            "own_and_customers)");
}

TEST_F(PlanJsonErrors, OtherFormatVersion) {
  j["format"] = 2;
  EXPECT_EQ(readError(j),
            "plan.format: this asemu reads plan format 1, not 2 (render the topology again)");
}

TEST_F(PlanJsonErrors, NameWithANewlineIsRefused) {
  j["name"] = "demo\necho pwned";
  EXPECT_EQ(readError(j),
            "plan.name: emulation name 'demo\\x0aecho pwned' contains '\\x0a' (allowed: "
            "letters, digits, '_', '-')");
  json a = toJson(testing::samplePlan());
  a["nodes"][0]["name"] = "host\n0";
  EXPECT_EQ(readError(a),
            "plan.nodes[0].name: name 'host\\x0a0' contains '\\x0a' (allowed: "
            "letters, digits, '_', '-', '.')");
}

TEST_F(PlanJsonErrors, IdsAreTwoObjectNamesJoinedBySlash) {
  json a = j;
  a["nodes"][0]["id"] = "as150/host 0";
  EXPECT_EQ(readError(a),
            "plan.nodes[0].id: name 'host 0' contains ' ' (allowed: letters, "
            "digits, '_', '-', '.')");
  json b = j;
  b["networks"][0]["id"] = "../net0";
  b["nodes"][0]["interfaces"][0]["network"] = "../net0";
  b["nodes"][1]["interfaces"][0]["network"] = "../net0";
  EXPECT_EQ(readError(b), "plan.networks[0].id: name '..' is reserved");
  json c = j;
  c["nodes"][3]["id"] = "r100";
  c["nodes"][1]["bird"]["sessions"][0]["neighbor_node"] = "r100";
  EXPECT_EQ(readError(c),
            "plan.nodes[3].id: id 'r100' is not of the form scope/name (e.g. as150/host_0)");
  json d = j;
  d["nodes"][3]["id"] = "as150/host_0";
  d["nodes"][1]["bird"]["sessions"][0]["neighbor_node"] = "as150/host_0";
  EXPECT_EQ(readError(d), "plan.nodes[3].id: another node has this id");
}

TEST_F(PlanJsonErrors, SessionNameWithBirdSyntaxIsRefused) {
  j["nodes"][1]["bird"]["sessions"][0]["name"] = "u_as2 { }; protocol x";
  EXPECT_EQ(readError(j),
            "plan.nodes[1].bird.sessions[0].name: session name 'u_as2 { }; "
            "protocol x' contains ' ' (allowed: letters, digits, '_')");
  json a = toJson(testing::samplePlan());
  a["nodes"][1]["bird"]["sessions"][1]["name"] = "1bgp";
  EXPECT_EQ(readError(a),
            "plan.nodes[1].bird.sessions[1].name: session name '1bgp' must start "
            "with a letter or '_'");
  json b = toJson(testing::samplePlan());
  b["nodes"][1]["bird"]["sessions"][1]["name"] = "u_as2";
  EXPECT_EQ(readError(b),
            "plan.nodes[1].bird.sessions[1].name: the node has another session named 'u_as2'");
}

TEST_F(PlanJsonErrors, DanglingReferencesAreOneLineErrors) {
  j["nodes"][0]["interfaces"][0]["network"] = "as150/net9";
  EXPECT_EQ(readError(j),
            "plan.nodes[0].interfaces[0].network: no network has the id "
            "'as150/net9' (see plan.networks)");
  json a = toJson(testing::samplePlan());
  a["nodes"][1]["bird"]["sessions"][0]["neighbor_node"] = "as2/r999";
  EXPECT_EQ(readError(a),
            "plan.nodes[1].bird.sessions[0].neighbor_node: no node has the id 'as2/r999'");
  json b = toJson(testing::samplePlan());
  b["nodes"][1]["bird"]["ospf"]["active_interfaces"] = {"net7"};
  EXPECT_EQ(readError(b),
            "plan.nodes[1].bird.ospf.active_interfaces[0]: the node has no interface 'net7'");
}

TEST_F(PlanJsonErrors, InterfaceNamesAndSysctlsFollowTheirRules) {
  j["nodes"][0]["interfaces"][0]["name"] = "net0\"; }";
  EXPECT_EQ(readError(j),
            "plan.nodes[0].interfaces[0].name: interface name 'net0\"; }' contains "
            "' ', which Linux does not allow");
  json a = toJson(testing::samplePlan());
  a["nodes"][0]["sysctls"]["net.ipv4.ip_forward"] = "1; reboot";
  EXPECT_EQ(readError(a),
            "plan.nodes[0].sysctls.net.ipv4.ip_forward: value '1; reboot' is not "
            "a plain word (letters, digits, '_', '-', '.')");
  json b = toJson(testing::samplePlan());
  b["nodes"][0]["interfaces"][0]["prefix_length"] = 40;
  EXPECT_EQ(readError(b),
            "plan.nodes[0].interfaces[0].prefix_length: must be an integer from 0 to 32");
}

// The plan reader applies the rules the topology loader and renderer apply.
TEST_F(PlanJsonErrors, NamesAndPrefixesFollowTheTopologyRules) {
  json a = toJson(testing::samplePlan());
  a["name"] = "My.Net";
  EXPECT_EQ(readError(a),
            "plan.name: emulation name 'My.Net' contains '.' (allowed: letters, digits, '_', '-')");
  a["name"] = "";
  EXPECT_EQ(readError(a), "plan.name: an emulation name cannot be empty");
  json b = toJson(testing::samplePlan());
  b["networks"][0]["name"] = "lo";
  b["nodes"][0]["interfaces"][0]["name"] = "lo";
  EXPECT_NE(readError(b).find("plan.networks[0].name: network name 'lo' is the loopback device"),
            std::string::npos)
      << readError(b);
  json c = toJson(testing::samplePlan());
  c["networks"][0]["prefix"] = "0.0.0.0/0";
  EXPECT_EQ(readError(c),
            "plan.networks[0].prefix: prefix 0.0.0.0/0 covers every address (it is the default "
            "route); give a prefix of private space such as 10.150.0.0/24");
  json d = toJson(testing::samplePlan());
  d["nodes"][0]["sysctls"]["kernel.panic"] = "1";
  EXPECT_EQ(readError(d),
            "plan.nodes[0].sysctls.kernel.panic: only network sysctls (net.*) belong to a node; a "
            "plan sets no others");
  json g = toJson(testing::samplePlan());
  g["nodes"][0]["exchange"] = 100;
  EXPECT_EQ(readError(g), "plan.nodes[0].exchange: only a route server belongs to an exchange");
  json f = toJson(testing::samplePlan());
  f["nodes"][0]["display_name"] = "Web\n1";
  EXPECT_EQ(readError(f),
            "plan.nodes[0].display_name: display name 'Web\\x0a1' contains control characters "
            "or bytes that are not UTF-8; use plain text");
  json e = toJson(testing::samplePlan());
  e["networks"][0]["display_name"] = "x\x1b]0;pwn\x07";
  EXPECT_EQ(readError(e),
            "plan.networks[0].display_name: display name 'x\\x1b]0;pwn\\x07' contains control "
            "characters or bytes that are not UTF-8; use plain text");
}

TEST_F(PlanJsonErrors, NumbersStayInTheirRange) {
  auto with = [](const std::function<void(json&)>& change) {
    json p = toJson(testing::samplePlan());
    change(p);
    return readError(p);
  };
  EXPECT_EQ(with([](json& p) { p["nodes"][0]["asn"] = -5; }),
            "plan.nodes[0].asn: must be an integer from 0 to 2147483647");
  EXPECT_EQ(with([](json& p) { p["nodes"][0]["asn"] = 4294967296LL; }),
            "plan.nodes[0].asn: must be an integer from 0 to 2147483647");
  EXPECT_EQ(with([](json& p) { p["nodes"][1]["bird"]["sessions"][0]["local_pref"] = -1; }),
            "plan.nodes[1].bird.sessions[0].local_pref: must be an integer from 0 to 2147483647");
  EXPECT_EQ(
      with([](json& p) {
        p["networks"][0]["link"] = {{"latency_ms", -1}, {"bandwidth_bps", 0}, {"loss_percent", 0}};
      }),
      "plan.networks[0].link.latency_ms: must be an integer from 0 to 3600000");
  EXPECT_EQ(with([](json& p) {
              p["networks"][0]["link"] = {
                  {"latency_ms", 0}, {"bandwidth_bps", 0}, {"loss_percent", 1e300}};
            }),
            "plan.networks[0].link.loss_percent: must be a number from 0 to 100");
  EXPECT_EQ(
      with([](json& p) {
        p["networks"][0]["link"] = {{"latency_ms", 0}, {"bandwidth_bps", 7}, {"loss_percent", 0}};
      }),
      "plan.networks[0].link.bandwidth_bps: 'bandwidth_bps' must be 0 (no limit) or from 8 "
      "(one byte per second, the kernel's smallest rate) to 1000000000000000, got 7");
}

TEST_F(PlanJsonErrors, EveryProblemIsReportedAtOnce) {
  j["name"] = "a b";
  j["nodes"][0]["interfaces"][0]["network"] = "as150/none";
  j["nodes"][1]["bird"]["sessions"][0]["name"] = "x;";
  try {
    planFromJson(j);
    FAIL() << "accepted";
  } catch (const ErrorList& e) {
    ASSERT_EQ(e.errors().size(), 3u);
    EXPECT_EQ(e.errors()[0].object(), "plan.name");
    EXPECT_EQ(e.errors()[1].object(), "plan.nodes[0].interfaces[0].network");
    EXPECT_EQ(e.errors()[2].object(), "plan.nodes[1].bird.sessions[0].name");
  }
}

TEST(SessionName, FollowsBirdsSymbolRule) {
  for (const char* good : {"u_as3", "p_rs100", "ibgp1", "_x", "P_AS2"})
    EXPECT_EQ(sessionNameProblem(good), "") << good;
  for (const char* bad : {"", "1x", "a-b", "a.b", "a b", "x;", "x}"})
    EXPECT_NE(sessionNameProblem(bad), "") << bad;
  EXPECT_EQ(sessionNameProblem(std::string(64, 'a')), "");
  EXPECT_NE(sessionNameProblem(std::string(65, 'a')), "");
}

TEST(PlanJsonText, InvalidJsonSaysWhere) {
  try {
    planFromJsonText("{\"format\": 1, }");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "plan: not valid JSON (parse error at byte 15)");
  }
  try {
    planFromJsonText("");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "plan: not valid JSON (parse error at byte 1)");
  }
}

// A number JSON allows but a double cannot hold is bad input like any other, not an internal
// error.
TEST(PlanJsonText, ANumberTooLargeForADoubleSaysWhere) {
  try {
    planFromJsonText("{\"format\": 1e400}");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "plan: not valid JSON (a number is too large: 1e400)");
  }
}

TEST(PlanJsonText, ValidJsonWithBadFieldsNamesTheField) {
  try {
    planFromJsonText(R"({"format": 1, "name": 3})");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "plan.name: expected a string");
  }
}

}  // namespace
}  // namespace asemu::plan
