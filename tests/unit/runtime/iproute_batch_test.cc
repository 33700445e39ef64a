#include "linux/iproute_batch.h"

#include <gtest/gtest.h>

#include "asemu/runtime/realization.h"
#include "small_plans.h"

namespace asemu::runtime::linuxos {
namespace {

TEST(IprouteBatch, FabricScript) {
  Realization r = realize(testing::twoHostsAndRouter(), "small");
  BatchScript s = ipScript(r.fabric_batch, "dummy");
  EXPECT_EQ(s.text,
            "link add br0 type bridge mcast_snooping 0\n"
            "link set br0 up\n"
            "link add net0 netns asemu-small.as150.host_0 up type veth peer name p0i0\n"
            "link set p0i0 master br0 up\n"
            "link add net0 netns asemu-small.as150.host_1 up type veth peer name p1i0\n"
            "link set p1i0 master br0 up\n"
            "link add net0 netns asemu-small.as150.router0 up type veth peer name p2i0\n"
            "link set p2i0 master br0 up\n");
  EXPECT_EQ(s.op_of_line, (std::vector<size_t>{0, 0, 1, 1, 2, 2, 3, 3}));
}

TEST(IprouteBatch, TrunkJoinsTwoBridges) {
  Batch b;
  LinkOp t;
  t.kind = LinkOp::Kind::Trunk;
  t.dev = "br4t1";
  t.master = "br4";
  t.peer = "br4u1";
  t.peer_master = "br4s1";
  b.ops.push_back(t);
  EXPECT_EQ(ipScript(b, "dummy").text,
            "link add br4t1 type veth peer name br4u1\n"
            "link set br4t1 master br4 up\n"
            "link set br4u1 master br4s1 up\n");
  EXPECT_EQ(describe(t), "trunk br4t1 master br4 <-> br4u1 master br4s1");
}

TEST(IprouteBatch, RouterScriptWithFallbackLoopbackType) {
  Realization r = realize(testing::twoHostsAndRouter(), "small");
  EXPECT_EQ(ipScript(r.nodes[2].batch, "ifb").text,
            "link set lo up\n"
            "address add 10.150.0.254/24 dev net0\n"
            "link add dummy0 type ifb\n"
            "link set dummy0 up\n"
            "address add 10.0.0.1/32 dev dummy0\n");
}

TEST(IprouteBatch, TrafficControl) {
  Batch b;
  LinkOp delay;
  delay.kind = LinkOp::Kind::Shape;
  delay.dev = "net0";
  delay.link.latency_ms = 10;
  delay.link.loss_percent = 1.5;
  LinkOp rate = delay;
  rate.dev = "ix100";
  rate.link = {};
  rate.link.bandwidth_bps = 1000000;
  b.ops = {delay, rate};
  BatchScript s = tcScript(b);
  EXPECT_EQ(s.text,
            "qdisc add dev net0 root handle 1: netem delay 10ms loss 1.5%\n"
            "qdisc add dev ix100 root tbf rate 1000000bit burst 32kbit latency 100ms\n");
}

TEST(IprouteBatch, FailedLine) {
  EXPECT_EQ(failedLine("RTNETLINK answers: File exists\nCommand failed -:12\n"), 12u);
  EXPECT_EQ(failedLine("Cannot open network namespace\n"), 0u);
}

}  // namespace
}  // namespace asemu::runtime::linuxos
