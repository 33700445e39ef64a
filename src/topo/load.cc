// Reads topology files into the model: one pass per file, includes first, then exchanges, ASes
// and peerings, in the order the file lists them (the order decides addresses and loopbacks).
// Every value is checked where it is read; an object whose identity (ASN, IX number, name) is
// unreadable is skipped, everything else is created so that one load reports all problems.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

#include "asemu/core/ipv4.h"
#include "asemu/core/names.h"
#include "asemu/layers/base.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/makers.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "loader.h"
#include "yaml_input.h"

namespace asemu::topo::detail {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMaxNumber = std::numeric_limits<int>::max();  // ASNs and IX numbers
constexpr int64_t kMaxMakerHosts = 1000;
constexpr size_t kMaxIncludeDepth = 32;

const char* const kPrefixText = "an IPv4 prefix such as 10.180.0.0/24 (without host bits)";
const char* const kAddressText = "an IPv4 address such as 10.180.0.100";

bool isPrefix(const std::string& s) {
  return Ipv4Prefix::parse(s).has_value();
}
bool isAddress(const std::string& s) {
  return Ipv4Address::parse(s).has_value();
}

// A model error moved to the place in the file that caused it.
Error located(const Error& e, SourceLocation at) {
  return Error(e.object(), e.message(), std::move(at));
}

// The plain text of `key` in `node`, when `node` is a mapping that has it; used to name an
// object in errors before its mapping has been checked.
std::optional<std::string> peek(const YAML::Node& node, const std::string& key) {
  if (!node.IsMap()) return std::nullopt;
  for (auto it = node.begin(); it != node.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key && it->second.IsScalar())
      return it->second.Scalar();
  return std::nullopt;
}

// "as150" when the mapping has a plausible `key`, else the position ("ases[3]").
std::string numberedName(const YAML::Node& node, const std::string& key, const std::string& prefix,
                         const std::string& fallback) {
  auto text = peek(node, key);
  if (text && !text->empty() && text->size() <= 10 &&
      std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return prefix + *text;
  return fallback;
}

std::string namedName(const YAML::Node& node, const std::string& owner,
                      const std::string& fallback) {
  auto text = peek(node, "name");
  if (text && objectNameProblem(*text).empty()) return owner + "/" + *text;
  return owner + "/" + fallback;
}

std::string indexed(const std::string& list, size_t i) {
  return list + "[" + std::to_string(i) + "]";
}

// Where each document of a YAML stream starts; the rest of the events are not needed.
struct DocumentStarts : YAML::EventHandler {
  std::vector<YAML::Mark> marks;
  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

struct IncludeChain {
  std::vector<std::string> ids;    // FileSource::identity of each file being loaded
  std::vector<std::string> names;  // as printed
};

class FileLoader {
 public:
  FileLoader(Emulator& emu, Sink& sink, const FileSource& files, IncludeChain& chain)
      : base_(emu.getLayer<Base>()), emu_(emu), sink_(sink), files_(files), chain_(chain) {}

  std::string loadText(const std::string& text, const std::string& file);

 private:
  void layers(const Mapping& top);
  template <class L>
  L* layer(const Mapping& m, const std::string& key);
  void includes(const Mapping& top);
  void exchange(const YAML::Node& node, size_t index);
  void autonomousSystem(const YAML::Node& node, size_t index);
  AutonomousSystem* transit(const Mapping& as, std::optional<int64_t> asn);
  AutonomousSystem* stub(const Mapping& as, std::optional<int64_t> asn);
  AutonomousSystem* runMaker(const Mapping& as, int asn, const std::string& key,
                             const std::function<void()>& make);
  void networks(const Mapping& as, AutonomousSystem* target);
  void nodes(const Mapping& as, const std::string& key, AutonomousSystem* target);
  std::optional<LinkProperties> link(const Mapping& owner);
  std::optional<std::string> displayName(const Mapping& owner);
  void peerings(const Mapping& top);
  void privatePeering(const YAML::Node& node, size_t index);
  void crossConnectPeering(const YAML::Node& node, size_t index);
  bool relationship(const Mapping& m, PeerRelationship& rel);
  struct CrossConnectEntry {
    int peerAsn;
    std::string peerName, address;
    LinkProperties link;
    SourceLocation at;
  };
  std::vector<CrossConnectEntry> crossConnects(const Mapping& router);
  void routeServerPeering(const YAML::Node& node, size_t index);
  std::optional<std::vector<int>> asnList(const Mapping& m, const std::string& key);

  Base& base_;
  Emulator& emu_;
  Sink& sink_;
  const FileSource& files_;
  IncludeChain& chain_;
  Source src_{};
};

std::string FileLoader::loadText(const std::string& text, const std::string& file) {
  src_ = Source{file, &sink_};
  auto where = [&](const YAML::Mark& mark) {
    return mark.is_null() ? SourceLocation{file}
                          : SourceLocation{file, mark.line + 1, mark.column + 1};
  };
  YAML::Node root;
  try {
    // yaml-cpp's LoadAll never returns on some input (a stray ',' at the top level), so the
    // documents are counted by the event parser, which stops at the second or at a stall.
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentStarts starts;
    while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) {
    }
    if (starts.marks.size() == 2) {
      const YAML::Mark& second = starts.marks[1];
      if (second.pos <= starts.marks[0].pos) {
        unsigned char c = size_t(second.pos) < text.size() ? text[second.pos] : 0;
        sink_.add("",
                  c > ' ' && c < 0x7f ? "invalid YAML: unexpected '" + std::string(1, char(c)) + "'"
                                      : "invalid YAML: unexpected character",
                  where(second));
        return {};
      }
      sink_.add("topology", "a topology file holds one YAML document; a second one starts here",
                where(second));
    }
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    sink_.add("", "invalid YAML: " + e.msg, where(e.mark));
    return {};
  }
  if (root.IsNull()) {
    if (chain_.ids.size() == 1)
      layers(Mapping(src_, YAML::Node(YAML::NodeType::Map), "topology", {}));
    return {};
  }

  Mapping top(src_, root, "topology",
              {"name", "layers", "include", "exchanges", "ases", "peerings"});
  if (!top.valid()) return {};
  std::optional<std::string> name = top.string("name");
  if (name) {
    if (auto problem = emulationNameProblem(*name); !problem.empty()) {
      top.error("name", problem + "; a topology's name is the name of its emulation");
      name.reset();
    }
  }
  // Only the loaded file's own `layers` count, as with `name`; they are set up before its
  // includes load, which add to them.
  if (chain_.ids.size() == 1) layers(top);
  includes(top);
  if (auto items = top.sequence("exchanges"))
    for (size_t i = 0; i < items->size(); ++i) exchange((*items)[i], i);
  if (auto items = top.sequence("ases"))
    for (size_t i = 0; i < items->size(); ++i) autonomousSystem((*items)[i], i);
  peerings(top);
  return name.value_or("");
}

// The layers the file's objects go to: those `layers` lists, or all five. Base is always there.
void FileLoader::layers(const Mapping& top) {
  const std::vector<std::string> known = {Base::kName, Routing::kName, Ebgp::kName, Ospf::kName,
                                          Ibgp::kName};
  std::vector<std::string> wanted = known;
  if (auto items = top.sequence("layers")) {
    wanted.clear();
    for (const auto& item : *items) {
      if (!item.IsScalar() || std::find(known.begin(), known.end(), item.Scalar()) == known.end()) {
        sink_.add("layers",
                  item.IsScalar() ? unknownNameMessage("layer", item.Scalar(), known)
                                  : "a layer is one of Base, Routing, Ebgp, Ospf and Ibgp, got " +
                                        describe(item),
                  src_.at(item));
      } else if (std::find(wanted.begin(), wanted.end(), item.Scalar()) != wanted.end()) {
        sink_.add("layers", "layer " + item.Scalar() + " is listed twice", src_.at(item));
      } else {
        wanted.push_back(item.Scalar());
      }
    }
    // What each layer needs, as its class says.
    const std::vector<std::pair<std::string, std::vector<std::string>>> needs = {
        {Routing::kName, Routing().dependencies()},
        {Ebgp::kName, Ebgp().dependencies()},
        {Ospf::kName, Ospf().dependencies()},
        {Ibgp::kName, Ibgp().dependencies()}};
    auto listed = [&](const std::string& n) {
      return std::find(wanted.begin(), wanted.end(), n) != wanted.end();
    };
    if (!listed(Base::kName))
      top.error("layers", "'layers' must list Base, the layer of every AS, exchange and node");
    for (const auto& [layer, deps] : needs)
      for (const auto& dep : deps)
        if (listed(layer) && !listed(dep))
          top.error("layers", "layer " + layer + " needs layer " + dep + "; add " + dep +
                                  " to 'layers' or leave " + layer + " out");
  }
  for (const auto& n : wanted) {
    if (n == Routing::kName) emu_.getOrAddLayer<Routing>();
    if (n == Ebgp::kName) emu_.getOrAddLayer<Ebgp>();
    if (n == Ospf::kName) emu_.getOrAddLayer<Ospf>();
    if (n == Ibgp::kName) emu_.getOrAddLayer<Ibgp>();
  }
}

// The emulation's layer L for the setting `key` of `m`, or nullptr after reporting that the
// topology leaves L out.
template <class L>
L* FileLoader::layer(const Mapping& m, const std::string& key) {
  if (emu_.hasLayer(L::kName)) return &emu_.getLayer<L>();
  m.error(key, "'" + key + "' needs the " + std::string(L::kName) + " layer, which this " +
                   "topology leaves out; add " + L::kName + " to 'layers'");
  return nullptr;
}

void FileLoader::includes(const Mapping& top) {
  auto items = top.sequence("include", false, true);
  if (!items) return;
  for (const YAML::Node& item : *items) {
    SourceLocation at = src_.at(item);
    if (!item.IsScalar() || item.Scalar().empty()) {
      sink_.add("topology", "'include' must name a file or list files, got " + describe(item), at);
      continue;
    }
    fs::path given(item.Scalar());
    std::string path =
        given.is_absolute()
            ? given.lexically_normal().string()
            : (fs::path(src_.file).parent_path() / given).lexically_normal().string();
    std::string id = files_.identity(path);
    if (std::find(chain_.ids.begin(), chain_.ids.end(), id) != chain_.ids.end()) {
      std::string cycle;
      auto first = std::find(chain_.ids.begin(), chain_.ids.end(), id) - chain_.ids.begin();
      for (size_t i = first; i < chain_.names.size(); ++i) cycle += chain_.names[i] + " -> ";
      sink_.add("topology", "include cycle: " + cycle + path, at);
      continue;
    }
    if (chain_.ids.size() >= kMaxIncludeDepth) {
      sink_.add("topology",
                "includes nest more than " + std::to_string(kMaxIncludeDepth) + " files deep", at);
      continue;
    }
    std::string problem;
    std::optional<std::string> text = files_.read(path, problem);
    if (!text) {
      sink_.add("topology", "cannot include '" + item.Scalar() + "' (" + path + "): " + problem,
                at);
      continue;
    }
    chain_.ids.push_back(id);
    chain_.names.push_back(path);
    FileLoader(emu_, sink_, files_, chain_).loadText(*text, path);
    chain_.ids.pop_back();
    chain_.names.pop_back();
  }
}

std::optional<LinkProperties> FileLoader::link(const Mapping& owner) {
  if (!owner.has("link")) return std::nullopt;
  Mapping m(src_, owner.value("link"), owner.object(),
            {"latency_ms", "bandwidth_bps", "loss_percent"});
  if (!m.valid()) return std::nullopt;
  LinkProperties lp;
  bool ok = true;
  if (m.has("latency_ms")) {
    auto v = m.integer("latency_ms", 0, std::numeric_limits<uint32_t>::max());
    ok = ok && v;
    if (v) lp.latency_ms = uint32_t(*v);
  }
  if (m.has("bandwidth_bps")) {
    auto v = m.unsignedInteger("bandwidth_bps");
    ok = ok && v;
    if (v) lp.bandwidth_bps = *v;
  }
  if (m.has("loss_percent")) {
    auto v = m.number("loss_percent", 0, 100);
    ok = ok && v;
    if (v) lp.loss_percent = *v;
  }
  if (!ok) return std::nullopt;
  return lp;
}

// `display_name`, reported where the file says it when it breaks the display-name rule.
std::optional<std::string> FileLoader::displayName(const Mapping& owner) {
  auto text = owner.string("display_name");
  if (text)
    if (auto problem = displayNameProblem(*text); !problem.empty())
      owner.error("display_name", problem);
  return text;
}

void FileLoader::exchange(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, numberedName(node, "id", "ix", indexed("exchanges", index)),
            {"id", "prefix", "display_name", "route_server_address", "link"});
  if (!m.valid()) return;
  auto id = m.integer("id", 1, kMaxNumber, true);
  auto prefix = m.autoOr("prefix", isPrefix, kPrefixText);
  auto displayName = this->displayName(m);
  auto rsAddress = m.autoOr("route_server_address", isAddress, kAddressText);
  auto lp = link(m);
  if (!id) return;
  sink_.create(1, m.at());
  try {
    InternetExchange& ix =
        base_.createInternetExchange(int(*id), prefix.value_or(kAuto), displayName.value_or(""));
    ix.origin = m.at();
    if (rsAddress) ix.setRouteServerAddress(*rsAddress);
    if (lp) ix.setDefaultLinkProperties(lp->latency_ms, lp->bandwidth_bps, lp->loss_percent);
  } catch (const Error& e) {
    sink_.add(located(e, m.at("id")));
  }
}

void FileLoader::autonomousSystem(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, numberedName(node, "asn", "as", indexed("ases", index)),
            {"asn", "extend", "transit", "stub", "ospf", "ibgp", "networks", "hosts", "routers"});
  if (!m.valid()) return;
  auto asn = m.integer("asn", 1, kMaxNumber, true);
  bool extend = m.boolean("extend").value_or(false);
  // `ospf: false` / `ibgp: false` mask the AS from that layer (SEED's maskAsn).
  if (auto ospf = m.boolean("ospf"); ospf && !*ospf && asn)
    if (auto* layer = this->layer<Ospf>(m, "ospf")) layer->maskAsn(int(*asn), m.at("ospf"));
  if (auto ibgp = m.boolean("ibgp"); ibgp && !*ibgp && asn)
    if (auto* layer = this->layer<Ibgp>(m, "ibgp")) layer->maskAsn(int(*asn), m.at("ibgp"));

  AutonomousSystem* as = nullptr;
  if (m.has("transit") && m.has("stub")) {
    m.error("stub", "'transit' and 'stub' cannot both be given");
  } else if (extend && (m.has("transit") || m.has("stub"))) {
    std::string key = m.has("transit") ? "transit" : "stub";
    m.error(key, "'" + key + "' makes a new AS and cannot be combined with 'extend: true'");
  } else if (m.has("transit")) {
    as = transit(m, asn);
  } else if (m.has("stub")) {
    as = stub(m, asn);
  } else if (asn && extend) {
    if (base_.findAutonomousSystem(int(*asn)))
      as = &base_.getAutonomousSystem(int(*asn));
    else
      m.error("asn", "'extend: true' needs as" + std::to_string(*asn) +
                         " to exist already (declared earlier or in an included file)");
  } else if (asn) {
    sink_.create(1, m.at());
    try {
      as = &base_.createAutonomousSystem(int(*asn));
      as->origin = m.at();
    } catch (const Error& e) {
      // Most often the AS came from an included file and this entry meant to add to it.
      std::string hint =
          base_.findAutonomousSystem(int(*asn)) ? " (to add to it, give 'extend: true')" : "";
      sink_.add(Error(e.object(), e.message() + hint, m.at("asn")));
    }
  }
  networks(m, as);
  nodes(m, "hosts", as);
  nodes(m, "routers", as);
}

// Runs a maker and gives what it made the maker's place in the file. A maker that fails
// half-way still leaves its AS, so that the rest of the entry is checked against it.
AutonomousSystem* FileLoader::runMaker(const Mapping& m, int asn, const std::string& key,
                                       const std::function<void()>& make) {
  bool existed = base_.findAutonomousSystem(asn) != nullptr;
  try {
    make();
  } catch (const Error& e) {
    sink_.add(located(e, existed ? m.at("asn") : m.at(key)));
  }
  if (existed || !base_.findAutonomousSystem(asn)) return nullptr;
  AutonomousSystem& as = base_.getAutonomousSystem(asn);
  as.origin = m.at();
  SourceLocation at = m.at(key);
  for (const auto& n : as.networks()) as.getNetwork(n.name()).origin = at;
  for (const auto& n : as.hosts()) as.getHost(n.name()).origin = at;
  for (const auto& n : as.routers()) as.getRouter(n.name()).origin = at;
  return &as;
}

AutonomousSystem* FileLoader::transit(const Mapping& as, std::optional<int64_t> asn) {
  Mapping m(src_, as.value("transit"), as.object(), {"exchanges", "internal_links"});
  if (!m.valid()) return nullptr;
  bool ok = true;
  std::vector<int> exchanges;
  if (auto items = m.sequence("exchanges", true)) {
    for (const auto& item : *items) {
      auto v = readInteger(src_, item, m.object(), "an exchange in 'exchanges'", 1, kMaxNumber);
      if (!v) {
        ok = false;
      } else if (std::find(exchanges.begin(), exchanges.end(), int(*v)) != exchanges.end()) {
        sink_.add(m.object(), "exchange " + std::to_string(*v) + " is listed twice", src_.at(item));
        ok = false;
      } else {
        exchanges.push_back(int(*v));
      }
    }
  } else {
    ok = false;
  }
  std::vector<std::pair<int, int>> links;
  if (auto items = m.sequence("internal_links")) {
    for (const auto& item : *items) {
      if (!item.IsSequence() || item.size() != 2) {
        sink_.add(m.object(),
                  "an internal link must be a pair of exchanges such as [100, 101], got " +
                      describe(item),
                  src_.at(item));
        ok = false;
        continue;
      }
      std::vector<int> ends;
      for (const auto& end : item) {
        auto v = readInteger(src_, end, m.object(), "an internal link's exchange", 1, kMaxNumber);
        if (!v) continue;
        if (std::find(exchanges.begin(), exchanges.end(), int(*v)) == exchanges.end()) {
          sink_.add(m.object(),
                    "internal link to exchange " + std::to_string(*v) +
                        ", which is not in this AS's 'exchanges'",
                    src_.at(end));
          continue;
        }
        ends.push_back(int(*v));
      }
      if (ends.size() != 2) {
        ok = false;
        continue;
      }
      std::pair<int, int> pair{ends[0], ends[1]};
      if (std::find(links.begin(), links.end(), pair) != links.end()) {
        sink_.add(m.object(),
                  "internal link [" + std::to_string(pair.first) + ", " +
                      std::to_string(pair.second) + "] is listed twice",
                  src_.at(item));
        ok = false;
        continue;
      }
      links.push_back(pair);
    }
  }
  if (!asn) return nullptr;
  if (!ok) {
    // Keep the AS so that the rest of the entry is still checked.
    sink_.create(1, m.at());
    return runMaker(as, int(*asn), "transit", [&] { base_.createAutonomousSystem(int(*asn)); });
  }
  // The AS, a router and its join per exchange, a network and two joins per link.
  sink_.create(1 + 2 * exchanges.size() + 3 * links.size(), m.at());
  return runMaker(as, int(*asn), "transit",
                  [&] { makeTransitAs(base_, int(*asn), exchanges, links); });
}

AutonomousSystem* FileLoader::stub(const Mapping& as, std::optional<int64_t> asn) {
  Mapping m(src_, as.value("stub"), as.object(), {"exchange", "hosts"});
  if (!m.valid()) return nullptr;
  auto exchange = m.integer("exchange", 1, kMaxNumber, true);
  auto hosts = m.integer("hosts", 0, kMaxMakerHosts, true);
  if (!asn) return nullptr;
  if (!exchange || !hosts) {
    sink_.create(1, m.at());
    return runMaker(as, int(*asn), "stub", [&] { base_.createAutonomousSystem(int(*asn)); });
  }
  // The AS, net0, router0 and its two joins, and a host and its join per host.
  sink_.create(5 + 2 * uint64_t(*hosts), m.at());
  return runMaker(as, int(*asn), "stub",
                  [&] { makeStubAsWithHosts(base_, int(*asn), int(*exchange), int(*hosts)); });
}

void FileLoader::networks(const Mapping& as, AutonomousSystem* target) {
  auto items = as.sequence("networks");
  if (!items) return;
  for (size_t i = 0; i < items->size(); ++i) {
    const YAML::Node& node = (*items)[i];
    Mapping m(src_, node, namedName(node, as.object(), indexed("networks", i)),
              {"name", "prefix", "display_name", "ospf", "link"});
    if (!m.valid()) continue;
    auto name = m.string("name", true);
    // `ospf: active` (the default), `stub` or `masked`: SEED's markAsStub / maskNetwork.
    if (auto mode = m.string("ospf"); mode && name && target) {
      const std::vector<std::string> modes = {"active", "stub", "masked"};
      if (std::find(modes.begin(), modes.end(), *mode) == modes.end()) {
        m.error("ospf", unknownNameMessage("OSPF mode", *mode, modes));
      } else if (*mode != "active") {
        if (auto* ospf = layer<Ospf>(m, "ospf")) {
          if (*mode == "stub")
            ospf->markAsStub(target->asn(), *name, m.at("ospf"));
          else
            ospf->maskNetwork(target->asn(), *name, m.at("ospf"));
        }
      }
    }
    auto prefix = m.autoOr("prefix", isPrefix, kPrefixText);
    auto displayName = this->displayName(m);
    auto lp = link(m);
    if (!name || !target) continue;
    sink_.create(1, m.at());
    try {
      Network& net = target->createNetwork(*name, prefix.value_or(kAuto));
      net.origin = m.at();
      if (displayName) net.setDisplayName(*displayName);
      if (lp) net.setDefaultLinkProperties(lp->latency_ms, lp->bandwidth_bps, lp->loss_percent);
    } catch (const Error& e) {
      sink_.add(located(e, m.at("name")));
    }
  }
}

void FileLoader::nodes(const Mapping& as, const std::string& key, AutonomousSystem* target) {
  auto items = as.sequence(key);
  if (!items) return;
  for (size_t i = 0; i < items->size(); ++i) {
    const YAML::Node& node = (*items)[i];
    std::vector<std::string> keys = {"name", "display_name", "joins"};
    if (key == "routers") keys.push_back("cross_connects");
    Mapping m(src_, node, namedName(node, as.object(), indexed(key, i)), keys);
    if (!m.valid()) continue;
    auto name = m.string("name", true);
    auto displayName = this->displayName(m);

    struct Join {
      std::string network, address;
      SourceLocation at;
    };
    std::vector<Join> joins;
    if (auto list = m.sequence("joins")) {
      for (const auto& item : *list) {
        if (item.IsNull() || (item.IsScalar() && item.Scalar().empty())) {
          sink_.add(m.object(), "a join must name a network, got " + describe(item), src_.at(item));
          continue;
        }
        if (item.IsScalar()) {
          joins.push_back({item.Scalar(), kAuto, src_.at(item)});
          continue;
        }
        Mapping j(src_, item, m.object(), {"network", "address"});
        if (!j.valid()) continue;
        auto network = j.string("network", true);
        auto address = j.autoOr("address", isAddress, kAddressText);
        if (network && (address || !j.has("address")))
          joins.push_back({*network, address.value_or(kAuto), j.at()});
      }
    }
    std::vector<CrossConnectEntry> xcs = crossConnects(m);
    if (!name || !target) continue;
    sink_.create(1 + joins.size() + xcs.size(), m.at());
    Node* created = nullptr;
    try {
      Node& n = key == "hosts" ? target->createHost(*name) : target->createRouter(*name);
      n.origin = m.at();
      if (displayName) n.setDisplayName(*displayName);
      for (auto& j : joins) n.joinNetwork(j.network, j.address, std::move(j.at));
      created = &n;
    } catch (const Error& e) {
      sink_.add(located(e, m.at("name")));
      continue;
    }
    for (auto& x : xcs) {
      try {
        created->crossConnect(x.peerAsn, x.peerName, x.address, x.link, x.at);
      } catch (const Error& e) {
        sink_.add(e);
      }
    }
  }
}

// A router's `cross_connects`: [{peer: as3/r5, address: 10.50.0.1/30, link: {...}}].
std::vector<FileLoader::CrossConnectEntry> FileLoader::crossConnects(const Mapping& router) {
  std::vector<CrossConnectEntry> out;
  auto items = router.sequence("cross_connects");
  if (!items) return out;
  for (const auto& item : *items) {
    Mapping x(src_, item, router.object(), {"peer", "address", "link"});
    if (!x.valid()) continue;
    auto peer = x.string("peer", true);
    auto address = x.string("address", true);
    std::optional<LinkProperties> lp;
    if (x.has("link")) {
      lp = link(x);
      if (!lp) continue;
    }
    if (!peer || !address) continue;
    // "as3/r5": the peer router's ASN and name.
    size_t slash = peer->find('/');
    int64_t asn = 0;
    bool asnOk =
        peer->starts_with("as") && slash != std::string::npos && slash > 2 && (*peer)[2] != '0';
    for (size_t i = 2; asnOk && i < slash; ++i) {
      char c = (*peer)[i];
      asnOk = c >= '0' && c <= '9' && asn <= kMaxNumber / 10;
      asn = asn * 10 + (c - '0');
    }
    if (!asnOk || asn < 1 || asn > kMaxNumber || slash + 1 == peer->size()) {
      x.error("peer", "a cross-connect's peer is a router written asN/name, such as as3/r5, not '" +
                          *peer + "'");
      continue;
    }
    out.push_back(
        {int(asn), peer->substr(slash + 1), *address, lp.value_or(LinkProperties{}), x.at()});
  }
  return out;
}

// The relationship of a private or cross-connect peering (default Peer); false after reporting.
bool FileLoader::relationship(const Mapping& m, PeerRelationship& rel) {
  rel = PeerRelationship::Peer;
  if (auto text = m.string("relationship")) {
    const std::vector<PeerRelationship> all{PeerRelationship::Provider, PeerRelationship::Peer,
                                            PeerRelationship::Unfiltered};
    std::vector<std::string> names;
    for (auto r : all) names.push_back(relationshipName(r));
    auto it = std::find(names.begin(), names.end(), *text);
    if (it == names.end()) {
      m.error("relationship", unknownNameMessage("relationship", *text, names));
      return false;
    }
    rel = all[it - names.begin()];
    return true;
  }
  return !m.has("relationship");
}

std::optional<std::vector<int>> FileLoader::asnList(const Mapping& m, const std::string& key) {
  auto items = m.sequence(key, true, true);
  if (!items) return std::nullopt;
  std::vector<int> out;
  bool ok = true;
  for (const auto& item : *items) {
    auto v = readInteger(src_, item, m.object(), "an ASN in '" + key + "'", 1, kMaxNumber);
    if (v)
      out.push_back(int(*v));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

void FileLoader::peerings(const Mapping& top) {
  if (!top.has("peerings")) return;
  Mapping m(src_, top.value("peerings"), "peerings", {"private", "route_server", "cross_connect"});
  if (!m.valid()) return;
  if (!emu_.hasLayer(Ebgp::kName)) {
    top.error("peerings",
              "peerings need the Ebgp layer, which this topology leaves out; add Ebgp to 'layers'");
    return;
  }
  if (auto items = m.sequence("route_server"))
    for (size_t i = 0; i < items->size(); ++i) routeServerPeering((*items)[i], i);
  if (auto items = m.sequence("cross_connect"))
    for (size_t i = 0; i < items->size(); ++i) crossConnectPeering((*items)[i], i);
  if (auto items = m.sequence("private"))
    for (size_t i = 0; i < items->size(); ++i) privatePeering((*items)[i], i);
}

void FileLoader::privatePeering(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, indexed("peerings.private", index), {"ix", "a", "b", "relationship"});
  if (!m.valid()) return;
  auto ix = m.integer("ix", 1, kMaxNumber, true);
  auto as = asnList(m, "a");
  auto bs = asnList(m, "b");
  PeerRelationship rel;
  bool relOk = relationship(m, rel);
  if (!ix || !as || !bs || !relOk) return;
  sink_.create(uint64_t(as->size()) * bs->size(), m.at());
  emu_.getLayer<Ebgp>().addPrivatePeerings(int(*ix), *as, *bs, rel, m.at());
}

void FileLoader::crossConnectPeering(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, indexed("peerings.cross_connect", index), {"a", "b", "relationship"});
  if (!m.valid()) return;
  auto a = m.integer("a", 1, kMaxNumber, true);
  auto b = m.integer("b", 1, kMaxNumber, true);
  PeerRelationship rel;
  bool relOk = relationship(m, rel);
  if (!a || !b || !relOk) return;
  sink_.create(1, m.at());
  emu_.getLayer<Ebgp>().addCrossConnectPeering(int(*a), int(*b), rel, m.at());
}

void FileLoader::routeServerPeering(const YAML::Node& node, size_t index) {
  Mapping m(src_, node, indexed("peerings.route_server", index), {"ix", "members"});
  if (!m.valid()) return;
  auto ix = m.integer("ix", 1, kMaxNumber, true);
  auto members = asnList(m, "members");
  if (!ix || !members) return;
  sink_.create(members->size(), m.at());
  emu_.getLayer<Ebgp>().addRsPeers(int(*ix), *members, m.at());
}

}  // namespace

std::optional<std::string> DiskFiles::read(const std::string& path, std::string& problem) const {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    problem = "no such file";
    return std::nullopt;
  }
  if (!fs::is_regular_file(st)) {
    problem = "not a regular file";
    return std::nullopt;
  }
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileSize) {
    problem = "larger than " + std::to_string(kMaxFileSize >> 20) + " MiB";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem = std::string("cannot open: ") + std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string DiskFiles::identity(const std::string& path) const {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  if (ec) return fs::path(path).lexically_normal().string();
  return p.string();
}

std::string load(Emulator& emu, const std::string& text, const std::string& file,
                 const FileSource& files) {
  emu.getOrAddLayer<Base>();  // the file's `layers` add the others

  Sink sink;
  IncludeChain chain{{files.identity(file)}, {file}};
  std::string name;
  try {
    name = FileLoader(emu, sink, files, chain).loadText(text, file);
  } catch (const LoadAborted&) {
    // The sink holds the reason.
  }
  sink.diagnostics().throwIfAny();
  return name;
}

}  // namespace asemu::topo::detail
