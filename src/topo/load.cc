// Reads topology files into the model: one pass per file, includes first, then exchanges, ASes
// and peerings, in the order the file lists them (the order decides addresses and loopbacks).
// Every value is checked where it is read; an object whose identity (ASN, IX number, name) is
// unreadable is skipped, everything else is created so that one load reports all problems.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

#include "asemu/core/names.h"
#include "asemu/layers/ebgp.h"
#include "asemu/layers/ibgp.h"
#include "asemu/layers/internet_generator.h"
#include "asemu/layers/ospf.h"
#include "asemu/layers/routing.h"
#include "file_loader.h"

namespace asemu::topo::detail {
namespace {

namespace fs = std::filesystem;

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

}  // namespace

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
              {"name", "layers", "include", "exchanges", "ases", "peerings", "generate",
               "bgp_timers", "bfd"});
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
  if (top.has("generate")) {
    generate(top);
    return name.value_or("");
  }
  includes(top);
  if (auto items = top.sequence("exchanges"))
    for (size_t i = 0; i < items->size(); ++i) exchange((*items)[i], i);
  if (auto items = top.sequence("ases"))
    for (size_t i = 0; i < items->size(); ++i) autonomousSystem((*items)[i], i);
  peerings(top);
  bgpOptions(top);
  return name.value_or("");
}

// `bgp_timers: seed|fast` and `bfd: true|false`, after the includes so that this file's win.
void FileLoader::bgpOptions(const Mapping& top) {
  if (auto timers = top.string("bgp_timers")) {
    const std::vector<std::string> known = {"seed", "fast"};
    if (std::find(known.begin(), known.end(), *timers) == known.end())
      top.error("bgp_timers", unknownNameMessage("BGP timer profile", *timers, known));
    else if (auto* ebgp = layer<Ebgp>(top, "bgp_timers"))
      ebgp->setBgpTimers(*timers == "fast" ? plan::BgpTimers::Fast : plan::BgpTimers::Seed);
  }
  if (auto bfd = top.boolean("bfd"))
    if (auto* ebgp = layer<Ebgp>(top, "bfd")) ebgp->enableBfd(*bfd);
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

// `generate: {ases: N, seed: S, hosts_per_stub: H}`: the whole Internet from the generator, so
// the file may say nothing else but its `name`.
void FileLoader::generate(const Mapping& top) {
  bool alone = true;
  for (const char* key : {"layers", "include", "exchanges", "ases", "peerings"})
    if (top.has(key)) {
      top.error(key, std::string("a topology with 'generate' may only have 'name' besides it; "
                                 "remove '") +
                         key + "' or put it in a file that includes this one");
      alone = false;
    }
  Mapping m(src_, top.value("generate"), "generate", {"ases", "seed", "hosts_per_stub"});
  if (!m.valid() || !alone) return;
  auto ases = m.integer("ases", kMinGeneratedAses, kMaxGeneratedAses, true);
  auto seed = m.has("seed") ? m.unsignedInteger("seed") : std::optional<uint64_t>(1);
  auto hosts =
      m.has("hosts_per_stub") ? m.integer("hosts_per_stub", 0, kMaxHostsPerStub) : int64_t(1);
  if (!ases || !seed || !hosts) return;
  if (!emu_.hasLayer(Ebgp::kName)) {
    m.error("'generate' needs the Ebgp layer, which this topology leaves out");
    return;
  }
  InternetShape shape{.ases = int(*ases), .seed = *seed, .hostsPerStub = int(*hosts)};
  // About five objects per AS, and its hosts.
  sink_.create(uint64_t(shape.ases) * uint64_t(5 + shape.hostsPerStub), m.at());
  try {
    generateInternet(base_, emu_.getLayer<Ebgp>(), shape, m.at());
  } catch (const Error& e) {
    sink_.add(located(e, m.at()));
  }
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
