// Writes an emulation as a topology file (the component format). Makers are written out as the
// plain networks and nodes they made; order is kept, because it decides addresses and loopbacks.
// Scalars are written plain when YAML reads them back as the same text, quoted otherwise.
#include <charconv>

#include <fmt/format.h>

#include "asemu/core/files.h"
#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/topo/topology.h"

namespace asemu::topo {
namespace {

bool plainSafe(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || c == '/';
    if (!ok) return false;
  }
  if (s.front() == '-' || s.front() == '.') return false;
  // Words YAML 1.1 or 1.2 read as null or booleans, and anything that reads as a number.
  std::string lower;
  for (char c : s) lower += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* word : {"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
    if (lower == word) return false;
  double number = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
  if (ec == std::errc() && ptr == s.data() + s.size()) return false;
  return true;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    // YAML folds NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR like newlines; keep them as escapes.
    if (c == 0xc2 && i + 1 < s.size() && (unsigned char)s[i + 1] == 0x85) {
      out += "\\N";
      ++i;
    } else if (c == 0xe2 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 &&
               ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
      out += (unsigned char)s[i + 2] == 0xa8 ? "\\L" : "\\P";
      i += 2;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

std::string scalar(const std::string& s) {
  return plainSafe(s) ? s : quoted(s);
}

std::string linkText(const LinkProperties& lp) {
  std::string out;
  auto add = [&](const std::string& field) { out += (out.empty() ? "" : ", ") + field; };
  if (lp.latency_ms) add(fmt::format("latency_ms: {}", lp.latency_ms));
  if (lp.bandwidth_bps) add(fmt::format("bandwidth_bps: {}", lp.bandwidth_bps));
  if (lp.loss_percent != 0) add(fmt::format("loss_percent: {}", lp.loss_percent));
  return "{" + out + "}";
}

std::string intList(const std::vector<int>& values) {
  if (values.size() == 1) return std::to_string(values[0]);
  std::string out;
  for (int v : values) out += (out.empty() ? "" : ", ") + std::to_string(v);
  return "[" + out + "]";
}

void writeExchanges(std::string& out, const Base& base) {
  if (base.internetExchanges().empty()) return;
  out += "exchanges:\n";
  for (const auto& ix : base.internetExchanges()) {
    out += fmt::format("  - id: {}\n", ix.id());
    if (ix.prefix() != kAuto) out += "    prefix: " + scalar(ix.prefix()) + "\n";
    if (!ix.displayName().empty()) out += "    display_name: " + scalar(ix.displayName()) + "\n";
    if (ix.routeServerAddress() != kAuto)
      out += "    route_server_address: " + scalar(ix.routeServerAddress()) + "\n";
    if (!ix.linkProperties().empty()) out += "    link: " + linkText(ix.linkProperties()) + "\n";
  }
}

void writeNodes(std::string& out, const char* key, const std::deque<Node>& nodes) {
  if (nodes.empty()) return;
  out += fmt::format("    {}:\n", key);
  for (const auto& node : nodes) {
    out += "      - name: " + scalar(node.name()) + "\n";
    if (node.joins().empty()) continue;
    std::string joins;
    for (const auto& j : node.joins()) {
      joins += joins.empty() ? "" : ", ";
      if (j.address == kAuto)
        joins += scalar(j.network);
      else
        joins += "{network: " + scalar(j.network) + ", address: " + scalar(j.address) + "}";
    }
    out += "        joins: [" + joins + "]\n";
  }
}

void writeAses(std::string& out, const Base& base) {
  if (base.autonomousSystems().empty()) return;
  out += "ases:\n";
  for (const auto& as : base.autonomousSystems()) {
    out += fmt::format("  - asn: {}\n", as.asn());
    if (!as.networks().empty()) {
      out += "    networks:\n";
      for (const auto& net : as.networks()) {
        out += "      - name: " + scalar(net.name()) + "\n";
        if (net.prefix() != kAuto) out += "        prefix: " + scalar(net.prefix()) + "\n";
        if (!net.displayName().empty())
          out += "        display_name: " + scalar(net.displayName()) + "\n";
        if (!net.linkProperties().empty())
          out += "        link: " + linkText(net.linkProperties()) + "\n";
      }
    }
    writeNodes(out, "hosts", as.hosts());
    writeNodes(out, "routers", as.routers());
  }
}

// Consecutive peerings that differ only in the last list collapse into one entry; loading
// expands them back in the same order.
void writePeerings(std::string& out, const Ebgp& ebgp) {
  const auto& rs = ebgp.rsPeerings();
  const auto& priv = ebgp.privatePeerings();
  if (rs.empty() && priv.empty()) return;
  out += "peerings:\n";
  if (!rs.empty()) {
    out += "  route_server:\n";
    for (size_t i = 0; i < rs.size();) {
      std::vector<int> members;
      size_t j = i;
      for (; j < rs.size() && rs[j].ix == rs[i].ix; ++j) members.push_back(rs[j].asn);
      out += fmt::format("    - {{ix: {}, members: {}}}\n", rs[i].ix, intList(members));
      i = j;
    }
  }
  if (!priv.empty()) {
    out += "  private:\n";
    for (size_t i = 0; i < priv.size();) {
      std::vector<int> bs;
      size_t j = i;
      for (; j < priv.size() && priv[j].ix == priv[i].ix && priv[j].a == priv[i].a &&
             priv[j].relationship == priv[i].relationship;
           ++j)
        bs.push_back(priv[j].b);
      out += fmt::format("    - {{ix: {}, a: {}, b: {}, relationship: {}}}\n", priv[i].ix,
                         priv[i].a, intList(bs), relationshipName(priv[i].relationship));
      i = j;
    }
  }
}

}  // namespace

std::string dumpString(const Emulator& emu, const std::string& name) {
  std::string out = "# asemu topology (docs/topology-format.md)\n";
  if (!name.empty()) out += "name: " + scalar(name) + "\n";
  if (emu.hasLayer(Base::kName)) {
    const Base& base = emu.getLayer<Base>();
    writeExchanges(out, base);
    writeAses(out, base);
  }
  if (emu.hasLayer(Ebgp::kName)) writePeerings(out, emu.getLayer<Ebgp>());
  return out;
}

std::string dumpString(const Emulator& emu) {
  return dumpString(emu, "");
}

void dumpFile(const Emulator& emu, const std::string& path) {
  writeFileAtomically(path, dumpString(emu));
}

}  // namespace asemu::topo
