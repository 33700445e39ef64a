// Graphviz views of a Plan: the L2 topology and the eBGP peering graph.
//
// l2.dot: networks (boxes, labelled with name and prefix) and nodes (routers as ellipses, hosts
// as hexagons, route servers as diamonds), grouped per AS; an edge per interface, labelled with
// its address. bgp.dot: one vertex per AS and per route server; provider->customer edges solid,
// peer edges dashed, route-server memberships dotted, unfiltered edges bold; each edge lists the
// exchanges or networks its sessions run on. Both render with `dot -Tsvg` (l2.dot asks for the
// fdp engine itself, through its `layout` attribute).
#pragma once

#include <string>

#include "asemu/compile/output.h"
#include "asemu/plan/plan.h"

namespace asemu::compile {

std::string l2Dot(const plan::Plan& plan);
std::string bgpDot(const plan::Plan& plan);

// l2.dot and bgp.dot.
Output compileGraphviz(const plan::Plan& plan);

}  // namespace asemu::compile
