// Small hand-built plans: enough structure to exercise every kind of kernel object.
#pragma once

#include "asemu/plan/plan.h"

namespace asemu::runtime::testing {

// AS 150: network net0 (10.150.0.0/24) with host_0 (.71), host_1 (.72) and router0 (.254,
// loopback 10.0.0.1, a BIRD without sessions).
plan::Plan twoHostsAndRouter(const std::string& name = "small");

// Two border routers of AS 2 and AS 3 on ix100 (10.100.0.0/24) with one eBGP session each way
// ("p_as3" on AS 2, "p_as2" on AS 3), each with a local network and one host behind it.
// `count` hosts on one /16 LAN (10.20.0.0/16), addressed from 10.20.0.1 upwards, without routes.
plan::Plan hostsOnOneNetwork(int count, const std::string& name = "lan");
plan::Plan twoRoutersEbgp(const std::string& name = "ebgp2");

}  // namespace asemu::runtime::testing
