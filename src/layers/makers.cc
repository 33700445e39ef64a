#include "asemu/layers/makers.h"

namespace asemu {

AutonomousSystem& makeTransitAs(Base& base, int asn, const std::vector<int>& exchanges,
                                const std::vector<std::pair<int, int>>& internalLinks) {
  AutonomousSystem& as = base.createAutonomousSystem(asn);
  for (int ix : exchanges)
    as.createRouter("r" + std::to_string(ix)).joinNetwork("ix" + std::to_string(ix));
  for (const auto& [a, b] : internalLinks) {
    std::string net = "net_" + std::to_string(a) + "_" + std::to_string(b);
    as.createNetwork(net);
    as.getRouter("r" + std::to_string(a)).joinNetwork(net);
    as.getRouter("r" + std::to_string(b)).joinNetwork(net);
  }
  return as;
}

AutonomousSystem& makeStubAsWithHosts(Base& base, int asn, int exchange, int hosts) {
  AutonomousSystem& as = base.createAutonomousSystem(asn);
  as.createNetwork("net0");
  as.createRouter("router0").joinNetwork("net0").joinNetwork("ix" + std::to_string(exchange));
  for (int i = 0; i < hosts; ++i) as.createHost("host_" + std::to_string(i)).joinNetwork("net0");
  return as;
}

}  // namespace asemu
