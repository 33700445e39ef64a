#include "asemu/runtime/kernel.h"

#include <sstream>

namespace asemu::runtime {

std::string describe(const LinkOp& op) {
  std::ostringstream out;
  switch (op.kind) {
    case LinkOp::Kind::Bridge:
      out << "bridge " << op.dev;
      break;
    case LinkOp::Kind::Veth:
      out << "veth " << op.dev << "@" << op.target_ns << " <-> " << op.peer << " master "
          << op.master;
      break;
    case LinkOp::Kind::Loopback:
      out << "loopback " << op.dev;
      break;
    case LinkOp::Kind::Up:
      out << "up " << op.dev;
      break;
    case LinkOp::Kind::Address:
      out << "address " << op.address.str() << "/" << op.prefix_length << " dev " << op.dev;
      break;
    case LinkOp::Kind::Route:
      out << "route " << op.destination.str() << " via " << op.via.str();
      break;
    case LinkOp::Kind::Trunk:
      out << "trunk " << op.dev << " master " << op.master << " <-> " << op.peer << " master "
          << op.peer_master;
      break;
    case LinkOp::Kind::Shape:
      out << "shape " << op.dev << " latency " << op.link.latency_ms << "ms bandwidth "
          << op.link.bandwidth_bps << "bit loss " << op.link.loss_percent << "%";
      break;
  }
  return out.str();
}

}  // namespace asemu::runtime
