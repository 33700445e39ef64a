// Every problem a topology file can have is reported as file:line:col, the object and what is
// wrong; all problems of a file come together; nothing crashes.
#include <gtest/gtest.h>

#include "asemu/topo/topology.h"
#include "test_files.h"

namespace asemu::topo {
namespace {

using testing::thrownText;

std::string loadError(const std::string& yaml) {
  return thrownText([&] {
    Emulator emu;
    loadString(emu, yaml, "t.yaml");
  });
}

std::string renderError(const std::string& yaml) {
  return thrownText([&] {
    Emulator emu;
    loadString(emu, yaml, "t.yaml");
    emu.render();
  });
}

TEST(TopologyErrors, UnknownKeyNamesTheKeyAndSuggestsOne) {
  EXPECT_EQ(loadError("ases:\n  - asn: 150\n    netwroks: []\n"),
            "t.yaml:3:5: as150: unknown key 'netwroks' (known: asn, extend, hosts, ibgp, "
            "networks, ospf, routers, stub, transit); did you mean 'networks'?");
  EXPECT_EQ(
      loadError("exchange: []\n"),
      "t.yaml:1:1: topology: unknown key 'exchange' (known: ases, bfd, bgp_timers, exchanges, "
      "generate, include, layers, name, peerings); did you mean 'exchanges'?");
  EXPECT_EQ(loadError("exchanges: [{id: 1, link: {latency: 5}}]\n"),
            "t.yaml:1:28: ix1: unknown key 'latency' (known: bandwidth_bps, latency_ms, "
            "loss_percent)");
}

TEST(TopologyErrors, RepeatedKey) {
  EXPECT_EQ(loadError("ases:\n  - asn: 1\n    asn: 2\n"),
            "t.yaml:3:5: as1: key 'asn' is given twice");
}

TEST(TopologyErrors, WrongTypes) {
  EXPECT_EQ(loadError("ases:\n  - asn: abc\n"),
            "t.yaml:2:10: ases[0]: 'asn' must be an integer from 1 to 2147483647, got 'abc'");
  EXPECT_EQ(loadError("ases:\n  - asn: \"5\"\n"),
            "t.yaml:2:10: as5: 'asn' must be an integer from 1 to 2147483647, got the quoted "
            "string '5'");
  EXPECT_EQ(loadError("ases:\n  - asn: 0\n"),
            "t.yaml:2:10: as0: 'asn' must be an integer from 1 to 2147483647, got '0'");
  EXPECT_EQ(loadError("ases:\n  - asn: 99999999999\n"),
            "t.yaml:2:10: ases[0]: 'asn' must be an integer from 1 to 2147483647, got "
            "'99999999999'");
  EXPECT_EQ(loadError("ases: {asn: 1}\n"),
            "t.yaml:1:7: topology: 'ases' must be a sequence, got a mapping");
  EXPECT_EQ(loadError("ases: [5]\n"), "t.yaml:1:8: ases[0]: expected a mapping, got '5'");
  EXPECT_EQ(loadError("- 1\n- 2\n"), "t.yaml:1:1: topology: expected a mapping, got a sequence");
  EXPECT_EQ(loadError("ases: [{asn: 1, networks: [{name: [a]}]}]\n"),
            "t.yaml:1:35: as1/networks[0]: 'name' must be a string, got a sequence");
  EXPECT_EQ(loadError("ases: [{asn: 1, networks: [{name: ~}]}]\n"),
            "t.yaml:1:35: as1/networks[0]: 'name' must be a string, got null");
  EXPECT_EQ(loadError("ases: [{asn: 1, extend: yes}]\n"),
            "t.yaml:1:25: as1: 'extend' must be true or false, got 'yes'");
  EXPECT_EQ(loadError("exchanges: [{id: 1, link: {loss_percent: 101}}]\n"),
            "t.yaml:1:42: ix1: 'loss_percent' must be a number from 0 to 100, got '101'");
  EXPECT_EQ(loadError("exchanges: [{id: 1, link: {latency_ms: -1}}]\n"),
            "t.yaml:1:40: ix1: 'latency_ms' must be an integer from 0 to 3600000, got '-1'");
  // Below a byte per second the kernel's token bucket has no rate to hold.
  EXPECT_EQ(loadError("exchanges: [{id: 1, link: {bandwidth_bps: 7}}]\n"),
            "t.yaml:1:43: ix1: 'bandwidth_bps' must be 0 (no limit) or from 8 (one byte per "
            "second, the kernel's smallest rate) to 1000000000000000, got 7");
  // Any value that is not a rate gets the same rule, not the range of a 64-bit integer.
  EXPECT_EQ(loadError("exchanges: [{id: 1, link: {bandwidth_bps: -1}}]\n"),
            "t.yaml:1:43: ix1: 'bandwidth_bps' must be 0 (no limit) or from 8 (one byte per "
            "second, the kernel's smallest rate) to 1000000000000000, got '-1'");
  EXPECT_EQ(loadError("exchanges: [{id: 1, link: {bandwidth_bps: 1e400}}]\n"),
            "t.yaml:1:43: ix1: 'bandwidth_bps' must be 0 (no limit) or from 8 (one byte per "
            "second, the kernel's smallest rate) to 1000000000000000, got '1e400'");
  EXPECT_EQ(loadError("exchanges: [{id: 1, link: {latency_ms: 3600001}}]\n"),
            "t.yaml:1:40: ix1: 'latency_ms' must be an integer from 0 to 3600000, got '3600001'");
}

TEST(TopologyErrors, NullValues) {
  EXPECT_EQ(loadError("include:\n"),
            "t.yaml:1:1: topology: 'include' must be a sequence, got null");
  EXPECT_EQ(loadError("ases: [{asn: 1, hosts: [{name: h, joins: [net0, ~]}]}]\n"),
            "t.yaml:1:49: as1/h: a join must name a network, got null");
  EXPECT_EQ(loadError("ases: [{asn: 1, hosts: [{name: h, joins: [\"\"]}]}]\n"),
            "t.yaml:1:43: as1/h: a join must name a network, got the quoted string ''");
}

TEST(TopologyErrors, MalformedPrefixesAndAddresses) {
  EXPECT_EQ(loadError("ases: [{asn: 1, networks: [{name: n, prefix: 10.1.2.3/24}]}]\n"),
            "t.yaml:1:46: as1/n: 'prefix' must be 'auto' or an IPv4 prefix such as 10.180.0.0/24 "
            "(without host bits), got '10.1.2.3/24'");
  EXPECT_EQ(loadError("exchanges: [{id: 9, route_server_address: 10.9.0.300}]\n"),
            "t.yaml:1:43: ix9: 'route_server_address' must be 'auto' or an IPv4 address such as "
            "10.180.0.100, got '10.9.0.300'");
  EXPECT_EQ(loadError("ases: [{asn: 1, hosts: [{name: h, joins: [{network: n, address: x}]}]}]\n"),
            "t.yaml:1:65: as1/h: 'address' must be 'auto' or an IPv4 address such as "
            "10.180.0.100, got 'x'");
}

TEST(TopologyErrors, AnnouncementsAreLocatedPrefixesOfRouters) {
  EXPECT_EQ(loadError("ases: [{asn: 1, routers: [{name: r, announce: [10.1.2.3/24]}]}]\n"),
            "t.yaml:1:48: as1/r: prefix '10.1.2.3/24' has host bits set; announce 10.1.2.0/24");
  EXPECT_EQ(loadError("ases: [{asn: 1, routers: [{name: r, announce: [{p: 1}]}]}]\n"),
            "t.yaml:1:48: as1/r: announce lists prefixes such as 10.153.0.0/25, got a mapping");
  EXPECT_NE(loadError("ases: [{asn: 1, hosts: [{name: h, announce: [10.1.2.0/24]}]}]\n")
                .find("unknown key 'announce'"),
            std::string::npos);
}

TEST(TopologyErrors, BgpTimersAndBfd) {
  EXPECT_EQ(
      loadError("bgp_timers: slow\n")
          .find("t.yaml:1:13: topology: unknown BGP timer profile 'slow' (known: fast, seed)"),
      0u);
  EXPECT_NE(loadError("layers: [Base]\nbfd: true\n").find("'bfd' needs the Ebgp layer"),
            std::string::npos);
}

TEST(TopologyErrors, MissingKeys) {
  EXPECT_EQ(loadError("exchanges:\n  - {display_name: X}\n"),
            "t.yaml:2:5: exchanges[0]: missing key 'id'");
  EXPECT_EQ(loadError("ases: [{asn: 1, routers: [{joins: [n]}]}]\n"),
            "t.yaml:1:27: as1/routers[0]: missing key 'name'");
  EXPECT_EQ(loadError("peerings: {private: [{ix: 1, a: 2}]}\n"),
            "t.yaml:1:22: peerings.private[0]: missing key 'b'");
}

TEST(TopologyErrors, DuplicatesFromTheModelAreLocated) {
  EXPECT_EQ(loadError("ases:\n  - asn: 5\n  - asn: 5\n"),
            "t.yaml:3:10: as5: this AS was already created (to add to it, give "
            "'extend: true')");
  EXPECT_EQ(loadError("exchanges: [{id: 3}, {id: 3}]\n"),
            "t.yaml:1:27: ix3: this exchange was already created");
  EXPECT_EQ(loadError("ases: [{asn: 1, networks: [{name: n}, {name: n}]}]\n"),
            "t.yaml:1:46: as1/n: a network of this name already exists in as1");
  EXPECT_EQ(
      loadError("ases:\n  - {asn: 1, stub: {exchange: 2, hosts: 1}, hosts: [{name: host_0}]}\n"),
      "t.yaml:2:60: as1/host_0: a host or router of this name already exists in as1");
  EXPECT_EQ(loadError("ases: [{asn: 1, routers: [{name: bad/name}]}]\n"),
            "t.yaml:1:34: as1/bad/name: name 'bad/name' contains '/' (allowed: letters, digits, "
            "'_', '-', '.')");
}

TEST(TopologyErrors, TheTopologyNameIsAnEmulationName) {
  EXPECT_EQ(loadError("name: my.net\n"),
            "t.yaml:1:7: topology: emulation name 'my.net' contains '.' (allowed: letters, "
            "digits, '_', '-'); a topology's name is the name of its emulation");
  EXPECT_EQ(loadError("name: " + std::string(33, 'n') + "\n"),
            "t.yaml:1:7: topology: emulation name '" + std::string(33, 'n') +
                "' is longer than 32 characters; a topology's name is the name of its emulation");
}

TEST(TopologyErrors, ReservedAndDotNames) {
  EXPECT_EQ(loadError("ases: [{asn: 1, networks: [{name: dummy0}]}]\n"),
            "t.yaml:1:35: as1/dummy0: network name 'dummy0' is the device that holds a router's "
            "loopback address; choose another name, such as net0");
  EXPECT_EQ(loadError("ases: [{asn: 1, networks: [{name: ix100}]}]\n"),
            "t.yaml:1:35: as1/ix100: network name 'ix100' is how nodes join exchange ix100; "
            "exchange names (ix<N>) are reserved; choose another name, such as net0");
  EXPECT_EQ(loadError("ases: [{asn: 1, networks: [{name: eth0}, {name: lo}]}]\n"),
            "t.yaml:1:35: as1/eth0: network name 'eth0' is a name Docker and SEED give container "
            "interfaces; choose another name, such as net0\n"
            "t.yaml:1:49: as1/lo: network name 'lo' is the loopback device of every node; choose "
            "another name, such as net0");
  EXPECT_EQ(loadError("ases: [{asn: 1, hosts: [{name: ..}]}]\n"),
            "t.yaml:1:32: as1/..: name '..' is reserved");
  EXPECT_EQ(loadError("ases: [{asn: 1, routers: [{name: .}]}]\n"),
            "t.yaml:1:34: as1/.: name '.' is reserved");
}

TEST(TopologyErrors, DisplayNamesAreText) {
  EXPECT_EQ(
      renderError("ases: [{asn: 1, networks: [{name: net0, display_name: \"x\\e]0;pwn\\a\"}]}]\n"),
      "t.yaml:1:55: as1/net0: display name 'x\\x1b]0;pwn\\x07' contains control characters "
      "or bytes that are not UTF-8; use plain text");
  EXPECT_EQ(renderError("ases: [{asn: 1, hosts: [{name: h, display_name: \"a\\tb\"}]}]\n"),
            "t.yaml:1:49: as1/h: display name 'a\\x09b' contains control characters or bytes "
            "that are not UTF-8; use plain text");
  EXPECT_EQ(renderError("exchanges: [{id: 100, display_name: \"NYC\\n100\"}]\n"),
            "t.yaml:1:37: ix100: display name 'NYC\\x0a100' contains control characters or bytes "
            "that are not UTF-8; use plain text");
}

TEST(TopologyErrors, MakerProblems) {
  EXPECT_EQ(loadError("ases: [{asn: 1, transit: {exchanges: [1, 2], internal_links: [[1, 3]]}}]\n"),
            "t.yaml:1:67: as1: internal link to exchange 3, which is not in this AS's "
            "'exchanges'");
  EXPECT_EQ(loadError("ases: [{asn: 1, transit: {exchanges: [1, 1]}}]\n"),
            "t.yaml:1:42: as1: exchange 1 is listed twice");
  EXPECT_EQ(loadError("ases: [{asn: 1, transit: {exchanges: [1, 2], internal_links: [[1]]}}]\n"),
            "t.yaml:1:63: as1: an internal link must be a pair of exchanges such as [100, 101], "
            "got a sequence");
  EXPECT_EQ(
      loadError("ases: [{asn: 1, transit: {exchanges: [1]}, stub: {exchange: 1, hosts: 1}}]\n"),
      "t.yaml:1:50: as1: 'transit' and 'stub' cannot both be given");
  EXPECT_EQ(loadError("ases: [{asn: 1, stub: {exchange: 1, hosts: 1001}}]\n"),
            "t.yaml:1:44: as1: 'hosts' must be an integer from 0 to 1000, got '1001'");
  EXPECT_EQ(loadError("ases: [{asn: 1, extend: true, stub: {exchange: 1, hosts: 1}}]\n"),
            "t.yaml:1:37: as1: 'stub' makes a new AS and cannot be combined with 'extend: true'");
  EXPECT_EQ(loadError("ases: [{asn: 7, extend: true}]\n"),
            "t.yaml:1:14: as7: 'extend: true' needs as7 to exist already (declared earlier or in "
            "an included file)");
}

TEST(TopologyErrors, PeeringProblems) {
  EXPECT_EQ(loadError("peerings: {private: [{ix: 1, a: 2, b: 3, relationship: provider}]}\n"),
            "t.yaml:1:56: peerings.private[0]: unknown relationship 'provider' (known: Peer, "
            "Provider, Unfiltered); did you mean 'Provider'?");
  EXPECT_EQ(loadError("peerings: {route_server: [{ix: 1, members: [2, x]}]}\n"),
            "t.yaml:1:48: peerings.route_server[0]: an ASN in 'members' must be an integer from 1 "
            "to 2147483647, got 'x'");
}

TEST(TopologyErrors, CrossConnectProblems) {
  EXPECT_EQ(loadError("ases: [{asn: 2, routers: [{name: r, cross_connects: [{peer: r3, address: "
                      "10.5.0.1/30}]}]}]\n"),
            "t.yaml:1:61: as2/r: a cross-connect's peer is a router written asN/name, such as "
            "as3/r5, not 'r3'");
  EXPECT_EQ(loadError("ases: [{asn: 2, routers: [{name: r, cross_connects: [\n"
                      "  {peer: as3/r, address: 10.5.0.1/30},\n"
                      "  {peer: as3/r, address: 10.5.0.5/30}]}]}]\n"),
            "t.yaml:3:3: as2/r: already has a cross-connect to as3/r; a router has one "
            "cross-connect per peer router");
  for (const char* peer : {"as/r", "as3/", "as03/r", "AS3/r", "as3r", "as99999999999/r"})
    EXPECT_EQ(
        loadError(std::string("ases: [{asn: 2, routers: [{name: r, cross_connects: [{peer: ") +
                  peer + ", address: 10.5.0.1/30}]}]}]\n"),
        std::string("t.yaml:1:61: as2/r: a cross-connect's peer is a router written asN/name, "
                    "such as as3/r5, not '") +
            peer + "'");
  EXPECT_EQ(loadError("ases: [{asn: 2, hosts: [{name: h, cross_connects: []}]}]\n"),
            "t.yaml:1:35: as2/h: unknown key 'cross_connects' (known: display_name, joins, name)");
  EXPECT_EQ(loadError("peerings: {cross_connect: [{a: 2, b: 3, relationship: customer}]}\n"),
            "t.yaml:1:55: peerings.cross_connect[0]: unknown relationship 'customer' (known: "
            "Peer, Provider, Unfiltered)");
  // Render problems point at the cross-connect that has them.
  EXPECT_EQ(renderError("ases:\n"
                        "  - {asn: 2, networks: [{name: n}], routers: [{name: r, joins: [n],\n"
                        "     cross_connects: [{peer: as3/r, address: 10.5.0.1/30}]}]}\n"
                        "  - {asn: 3, networks: [{name: n}], routers: [{name: r, joins: [n]}]}\n"
                        "peerings: {cross_connect: [{a: 3, b: 2}]}\n"),
            "t.yaml:3:23: as2/r: cross-connect to as3/r: as3/r has no cross-connect to as2/r; "
            "declare it on both routers, each with its own address");
}

TEST(TopologyErrors, InvalidYamlIsLocated) {
  EXPECT_EQ(loadError("ases: [{asn: 1}\n"),
            "t.yaml:2:1: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(loadError("ases: []\n---\nases: []\n"),
            "t.yaml:2:1: topology: a topology file holds one YAML document; a second one starts "
            "here");
  // yaml-cpp's own LoadAll would never return on this one.
  EXPECT_EQ(loadError(","), "t.yaml:1:1: invalid YAML: unexpected ','");
}

TEST(TopologyErrors, AllProblemsOfAFileComeTogether) {
  std::string yaml =
      "exchanges:\n"
      "  - {id: 1, colour: red}\n"
      "ases:\n"
      "  - asn: 2\n"
      "    networks: [{name: n, prefix: bad}]\n"
      "  - asn: 2\n"
      "peerings: {private: [{ix: 1, a: 2, b: 3, relationship: Friend}]}\n";
  try {
    Emulator emu;
    loadString(emu, yaml, "t.yaml");
    FAIL() << "no error";
  } catch (const ErrorList& e) {
    ASSERT_EQ(e.errors().size(), 4u) << e.what();
    EXPECT_EQ(e.errors()[0].where().str(), "t.yaml:2:13");
    EXPECT_EQ(e.errors()[1].where().str(), "t.yaml:5:34");
    EXPECT_EQ(e.errors()[2].where().str(), "t.yaml:6:10");
    EXPECT_EQ(e.errors()[3].where().str(), "t.yaml:7:56");
    EXPECT_EQ(e.errors()[2].object(), "as2");
    EXPECT_EQ(e.errors()[2].message(),
              "this AS was already created (to add to it, give 'extend: true')");
  }
}

TEST(TopologyErrors, AllRenderProblemsOfAFileComeTogether) {
  std::string yaml =
      "exchanges: [{id: 100}]\n"
      "ases:\n"
      "  - asn: 2\n"
      "    networks: [{name: net0}, {name: net1, prefix: 0.0.0.0/0}]\n"
      "    routers: [{name: r0, joins: [net0, ix100]}, {name: r1}]\n"
      "    hosts: [{name: h0}, {name: h1, joins: [{network: net0, address: 0.0.0.71}]}]\n"
      "peerings: {route_server: [{ix: 100, members: [2, 3]}]}\n";
  EXPECT_EQ(renderError(yaml),
            "t.yaml:4:30: as2/net1: prefix 0.0.0.0/0 covers every address (it is the default "
            "route); give a prefix of private space such as 10.150.0.0/24\n"
            "t.yaml:5:49: as2/r1: router joins no network\n"
            "t.yaml:6:44: as2/h1: address 0.0.0.71 is outside net0 (10.2.0.0/24)\n"
            "t.yaml:6:13: as2/h0: host joins no network; a host joins exactly one\n"
            "t.yaml:7:27: ix100 route server peering with as3: unknown AS '3' (known: 2)");
}

TEST(TopologyErrors, TooManyErrorsStop) {
  std::string yaml = "ases:\n";
  for (int i = 0; i < 150; ++i) yaml += "  - {asn: 1, x: 1}\n";
  try {
    Emulator emu;
    loadString(emu, yaml, "t.yaml");
    FAIL() << "no error";
  } catch (const ErrorList& e) {
    ASSERT_EQ(e.errors().size(), 101u);
    EXPECT_EQ(e.errors().back().message(), "too many errors; stopped after 100");
  }
}

TEST(TopologyErrors, AliasBombsAreRefused) {
  // A few kilobytes that ask for four million peerings.
  std::string bomb = "peerings:\n  route_server:\n    - {ix: 1, members: &m [1";
  for (int i = 2; i <= 2000; ++i) bomb += ", " + std::to_string(i);
  bomb += "]}\n  private:\n    - {ix: 1, a: *m, b: *m}\n";
  std::string text = loadError(bomb);
  EXPECT_EQ(text,
            "t.yaml:5:7: topology: too large: more than 250000 ASes, exchanges, networks, nodes, "
            "joins and peerings");
}

TEST(TopologyErrors, ReadingTooManyValuesIsRefused) {
  // Nothing is created, but each entry reads the aliased list again.
  std::string yaml = "peerings:\n  route_server:\n    - {ix: 1, members: &m [1";
  for (int i = 2; i <= 1500; ++i) yaml += ", " + std::to_string(i);
  yaml += "]}\n  private:\n";
  for (int i = 0; i < 2000; ++i) yaml += "    - {ix: 1, a: *m, b: []}\n";
  std::string text = loadError(yaml);
  EXPECT_EQ(text.substr(text.find(": topology:")),
            ": topology: too large: more than 2500000 values to read (a YAML alias counts once "
            "per use)");
  EXPECT_EQ(text.rfind("t.yaml:", 0), 0u);
}

TEST(TopologyErrors, RenderErrorsPointIntoTheFile) {
  EXPECT_EQ(renderError("ases:\n"
                        "  - asn: 1\n"
                        "    hosts: [{name: h, joins: [nowhere]}]\n"),
            "t.yaml:3:31: as1/h: unknown network 'nowhere' (there are none)");
  // What a maker made is located at the maker.
  EXPECT_EQ(renderError("ases:\n"
                        "  - asn: 2\n"
                        "    transit: {exchanges: [100]}\n"),
            "t.yaml:3:14: as2/r100: unknown network 'ix100' (there are none)");
}

}  // namespace
}  // namespace asemu::topo
