// Writes an emulation as a topology file (the component format). Makers are written out as the
// plain networks and nodes they made; order is kept, because it decides addresses and loopbacks.
// Written through the one YAML writer (core/yaml_writer.h).
#include <deque>
#include <vector>

#include "asemu/core/files.h"
#include "asemu/core/yaml_writer.h"
#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "asemu/topo/topology.h"

namespace asemu::topo {
namespace {

void writeLink(YamlWriter& y, const LinkProperties& lp) {
  y.key("link");
  y.beginMap(true);
  if (lp.latency_ms) {
    y.key("latency_ms");
    y.integer(lp.latency_ms);
  }
  if (lp.bandwidth_bps) {
    y.key("bandwidth_bps");
    y.integer(static_cast<long long>(lp.bandwidth_bps));
  }
  if (lp.loss_percent != 0) {
    y.key("loss_percent");
    y.number(lp.loss_percent);
  }
  y.endMap();
}

// One value, or a flow sequence of them.
void writeInts(YamlWriter& y, const std::vector<int>& values) {
  if (values.size() == 1) {
    y.integer(values[0]);
    return;
  }
  y.beginSeq(true);
  for (int v : values) y.integer(v);
  y.endSeq();
}

void writeField(YamlWriter& y, const char* key, const std::string& value) {
  y.key(key);
  y.string(value);
}

void writeExchanges(YamlWriter& y, const Base& base) {
  if (base.internetExchanges().empty()) return;
  y.key("exchanges");
  y.beginSeq();
  for (const auto& ix : base.internetExchanges()) {
    y.beginMap();
    y.key("id");
    y.integer(ix.id());
    if (ix.prefix() != kAuto) writeField(y, "prefix", ix.prefix());
    if (!ix.displayName().empty()) writeField(y, "display_name", ix.displayName());
    if (ix.routeServerAddress() != kAuto)
      writeField(y, "route_server_address", ix.routeServerAddress());
    if (!ix.linkProperties().empty()) writeLink(y, ix.linkProperties());
    y.endMap();
  }
  y.endSeq();
}

void writeNodes(YamlWriter& y, const char* key, const std::deque<Node>& nodes) {
  if (nodes.empty()) return;
  y.key(key);
  y.beginSeq();
  for (const auto& node : nodes) {
    y.beginMap();
    writeField(y, "name", node.name());
    if (!node.displayName().empty()) writeField(y, "display_name", node.displayName());
    if (!node.joins().empty()) {
      y.key("joins");
      y.beginSeq(true);
      for (const auto& j : node.joins()) {
        if (j.address == kAuto) {
          y.string(j.network);
        } else {
          y.beginMap(true);
          writeField(y, "network", j.network);
          writeField(y, "address", j.address);
          y.endMap();
        }
      }
      y.endSeq();
    }
    if (!node.crossConnects().empty()) {
      y.key("cross_connects");
      y.beginSeq();
      for (const auto& x : node.crossConnects()) {
        y.beginMap();
        writeField(y, "peer", x.peerId());
        writeField(y, "address", x.address);
        if (!x.link.empty()) writeLink(y, x.link);
        y.endMap();
      }
      y.endSeq();
    }
    if (!node.announcements().empty()) {
      y.key("announce");
      y.beginSeq(true);
      for (const auto& p : node.announcements()) y.string(p);
      y.endSeq();
    }
    y.endMap();
  }
  y.endSeq();
}

// The layers, when they are not the five a file gets without `layers`: those the emulator has,
// with the layers they need (an emulator still being built may lack some) and always Base.
void writeLayers(YamlWriter& y, const Emulator& emu) {
  const std::vector<std::string> all = {Base::kName, Routing::kName, Ebgp::kName, Ospf::kName,
                                        Ibgp::kName};
  bool ibgp = emu.hasLayer(Ibgp::kName), ospf = ibgp || emu.hasLayer(Ospf::kName);
  bool ebgp = emu.hasLayer(Ebgp::kName);
  bool routing = ospf || ebgp || emu.hasLayer(Routing::kName);
  if (emu.layerNames().empty() || (ibgp && ebgp)) return;
  std::vector<std::string> present = {Base::kName};
  if (routing) present.push_back(Routing::kName);
  if (ebgp) present.push_back(Ebgp::kName);
  if (ospf) present.push_back(Ospf::kName);
  y.key("layers");
  y.beginSeq(true);
  for (const auto& n : present) y.string(n);
  y.endSeq();
}

// The OSPF and iBGP settings of the objects they name (nullptr: the layer is left out).
struct Masks {
  const Ospf* ospf = nullptr;
  const Ibgp* ibgp = nullptr;
};

void writeAses(YamlWriter& y, const Base& base, const Masks& masks) {
  if (base.autonomousSystems().empty()) return;
  y.key("ases");
  y.beginSeq();
  for (const auto& as : base.autonomousSystems()) {
    y.beginMap();
    y.key("asn");
    y.integer(as.asn());
    if (masks.ospf && masks.ospf->isMaskedAsn(as.asn())) {
      y.key("ospf");
      y.boolean(false);
    }
    if (masks.ibgp && masks.ibgp->isMaskedAsn(as.asn())) {
      y.key("ibgp");
      y.boolean(false);
    }
    if (!as.networks().empty()) {
      y.key("networks");
      y.beginSeq();
      for (const auto& net : as.networks()) {
        y.beginMap();
        writeField(y, "name", net.name());
        if (net.prefix() != kAuto) writeField(y, "prefix", net.prefix());
        if (!net.displayName().empty()) writeField(y, "display_name", net.displayName());
        if (masks.ospf && masks.ospf->isMasked(as.asn(), net.name()))
          writeField(y, "ospf", "masked");
        else if (masks.ospf && masks.ospf->isStub(as.asn(), net.name()))
          writeField(y, "ospf", "stub");
        if (!net.linkProperties().empty()) writeLink(y, net.linkProperties());
        y.endMap();
      }
      y.endSeq();
    }
    writeNodes(y, "hosts", as.hosts());
    writeNodes(y, "routers", as.routers());
    y.endMap();
  }
  y.endSeq();
}

// Consecutive peerings that differ only in the last list collapse into one entry; loading
// expands them back in the same order.
void writePeerings(YamlWriter& y, const Ebgp& ebgp) {
  const auto& rs = ebgp.rsPeerings();
  const auto& priv = ebgp.privatePeerings();
  const auto& xc = ebgp.crossConnectPeerings();
  if (rs.empty() && priv.empty() && xc.empty()) return;
  y.key("peerings");
  y.beginMap();
  if (!rs.empty()) {
    y.key("route_server");
    y.beginSeq();
    for (size_t i = 0; i < rs.size();) {
      std::vector<int> members;
      size_t j = i;
      for (; j < rs.size() && rs[j].ix == rs[i].ix; ++j) members.push_back(rs[j].asn);
      y.beginMap(true);
      y.key("ix");
      y.integer(rs[i].ix);
      y.key("members");
      writeInts(y, members);
      y.endMap();
      i = j;
    }
    y.endSeq();
  }
  if (!xc.empty()) {
    y.key("cross_connect");
    y.beginSeq();
    for (const auto& p : xc) {
      y.beginMap(true);
      y.key("a");
      y.integer(p.a);
      y.key("b");
      y.integer(p.b);
      writeField(y, "relationship", relationshipName(p.relationship));
      y.endMap();
    }
    y.endSeq();
  }
  if (!priv.empty()) {
    y.key("private");
    y.beginSeq();
    for (size_t i = 0; i < priv.size();) {
      std::vector<int> bs;
      size_t j = i;
      for (; j < priv.size() && priv[j].ix == priv[i].ix && priv[j].a == priv[i].a &&
             priv[j].relationship == priv[i].relationship;
           ++j)
        bs.push_back(priv[j].b);
      y.beginMap(true);
      y.key("ix");
      y.integer(priv[i].ix);
      y.key("a");
      y.integer(priv[i].a);
      y.key("b");
      writeInts(y, bs);
      writeField(y, "relationship", relationshipName(priv[i].relationship));
      y.endMap();
      i = j;
    }
    y.endSeq();
  }
  y.endMap();
}

}  // namespace

std::string dumpString(const Emulator& emu, const std::string& name) {
  YamlWriter y;
  y.comment("asemu topology (docs/topology-format.md)");
  y.beginMap();
  if (!name.empty()) writeField(y, "name", name);
  writeLayers(y, emu);
  if (emu.hasLayer(Ebgp::kName)) {
    const Ebgp& ebgp = emu.getLayer<Ebgp>();
    if (ebgp.bgpTimers() == plan::BgpTimers::Fast) writeField(y, "bgp_timers", "fast");
    if (ebgp.bfd()) {
      y.key("bfd");
      y.boolean(true);
    }
  }
  if (emu.hasLayer(Base::kName)) {
    const Base& base = emu.getLayer<Base>();
    Masks masks;
    if (emu.hasLayer(Ospf::kName)) masks.ospf = &emu.getLayer<Ospf>();
    if (emu.hasLayer(Ibgp::kName)) masks.ibgp = &emu.getLayer<Ibgp>();
    writeExchanges(y, base);
    writeAses(y, base, masks);
  }
  if (emu.hasLayer(Ebgp::kName)) writePeerings(y, emu.getLayer<Ebgp>());
  y.endMap();
  return y.str();
}

std::string dumpString(const Emulator& emu) {
  return dumpString(emu, "");
}

void dumpFile(const Emulator& emu, const std::string& path) {
  writeFileAtomically(path, dumpString(emu));
}

}  // namespace asemu::topo
