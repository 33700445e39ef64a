#include "iproute_batch.h"

#include <cstdio>

#include <fmt/format.h>

namespace asemu::runtime::linuxos {

BatchScript ipScript(const Batch& batch, const std::string& loopbackType) {
  BatchScript s;
  auto line = [&](size_t op, const std::string& text) {
    s.text += text + "\n";
    s.op_of_line.push_back(op);
  };
  for (size_t i = 0; i < batch.ops.size(); ++i) {
    const LinkOp& o = batch.ops[i];
    switch (o.kind) {
      case LinkOp::Kind::Bridge:
        line(i, fmt::format("link add {} type bridge mcast_snooping 0", o.dev));
        line(i, fmt::format("link set {} up", o.dev));
        break;
      case LinkOp::Kind::Veth:
        line(i, fmt::format("link add {} netns {} up type veth peer name {}", o.dev, o.target_ns,
                            o.peer));
        line(i, fmt::format("link set {} master {} up", o.peer, o.master));
        break;
      case LinkOp::Kind::Trunk:
        line(i, fmt::format("link add {} type veth peer name {}", o.dev, o.peer));
        line(i, fmt::format("link set {} master {} up", o.dev, o.master));
        line(i, fmt::format("link set {} master {} up", o.peer, o.peer_master));
        break;
      case LinkOp::Kind::Loopback:
        line(i, fmt::format("link add {} type {}", o.dev, loopbackType));
        line(i, fmt::format("link set {} up", o.dev));
        break;
      case LinkOp::Kind::Up:
        line(i, fmt::format("link set {} up", o.dev));
        break;
      case LinkOp::Kind::Address:
        line(i, fmt::format("address add {} dev {}", o.address, o.dev));
        break;
      case LinkOp::Kind::Route:
        line(i, fmt::format("route add {} via {}", o.address, o.via));
        break;
      case LinkOp::Kind::Shape:
        break;  // tcScript
    }
  }
  return s;
}

BatchScript tcScript(const Batch& batch) {
  BatchScript s;
  for (size_t i = 0; i < batch.ops.size(); ++i) {
    const LinkOp& o = batch.ops[i];
    if (o.kind != LinkOp::Kind::Shape || o.link.empty()) continue;
    const LinkProperties& l = o.link;
    std::string text;
    if (l.latency_ms || l.loss_percent) {
      text = fmt::format("qdisc add dev {} root handle 1: netem", o.dev);
      if (l.latency_ms) text += fmt::format(" delay {}ms", l.latency_ms);
      if (l.loss_percent) text += fmt::format(" loss {}%", l.loss_percent);
      if (l.bandwidth_bps) text += fmt::format(" rate {}bit", l.bandwidth_bps);
    } else {
      text = fmt::format("qdisc add dev {} root tbf rate {}bit burst 32kbit latency 100ms", o.dev,
                         l.bandwidth_bps);
    }
    s.text += text + "\n";
    s.op_of_line.push_back(i);
  }
  return s;
}

size_t failedLine(const std::string& stderrText) {
  size_t pos = stderrText.rfind("Command failed -:");
  if (pos == std::string::npos) return 0;
  unsigned long n = 0;
  if (std::sscanf(stderrText.c_str() + pos, "Command failed -:%lu", &n) != 1) return 0;
  return n;
}

}  // namespace asemu::runtime::linuxos
