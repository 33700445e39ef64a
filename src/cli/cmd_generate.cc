// asemu generate --ases N: a realistic Internet of N ASes as a topology file, and a summary of
// its shape (docs/generator.md).
#include <charconv>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "asemu/core/error.h"
#include "asemu/core/files.h"
#include "asemu/core/names.h"
#include "asemu/layers/as_graph.h"
#include "asemu/layers/internet_generator.h"
#include "asemu/topo/topology.h"
#include "commands.h"

namespace asemu::cli {
namespace {

const char* const kTierNames[] = {"", "tier1", "tier2", "stub"};

// A decimal integer in [min, max], all of `text`; else an Error naming the option.
uint64_t parseNumber(const std::string& option, const std::string& text, uint64_t min,
                     uint64_t max) {
  if (std::string why = integerProblem(text, min, max); !why.empty()) throw Error(option, why);
  uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

nlohmann::json spreadJson(const Spread& s) {
  return {{"min", s.min}, {"median", s.median}, {"mean", s.mean}, {"max", s.max}};
}

nlohmann::json summaryJson(const GraphSummary& s) {
  nlohmann::json out;
  out["ases"] = {{"total", s.ases[1] + s.ases[2] + s.ases[3]},
                 {"tier1", s.ases[1]},
                 {"tier2", s.ases[2]},
                 {"stub", s.ases[3]}};
  out["exchanges"] = s.exchanges;
  out["routers"] = s.routers;
  out["hosts"] = s.hosts;
  out["ebgp_peerings"] = s.sessions;
  for (int t = 1; t <= 3; ++t)
    out["degrees"][kTierNames[t]] = {{"providers", spreadJson(s.providers[t])},
                                     {"customers", spreadJson(s.customers[t])},
                                     {"peers", spreadJson(s.peers[t])},
                                     {"sessions", spreadJson(s.sessionsPerAs[t])}};
  nlohmann::json lengths = nlohmann::json::object();
  for (const auto& [length, pairs] : s.pathLengths) lengths[std::to_string(length)] = pairs;
  out["stub_path_lengths"] = {{"destinations", s.destinationsSampled},
                              {"pairs_by_length", lengths},
                              {"unreachable_pairs", s.unreachable}};
  return out;
}

std::string spreadText(const Spread& s) {
  std::ostringstream out;
  out.precision(2);
  out << std::fixed << s.min << "/" << s.mean << "/" << s.max;
  return out.str();
}

std::string summaryText(const GraphSummary& s) {
  std::ostringstream out;
  out << s.ases[1] + s.ases[2] + s.ases[3] << " ASes (tier-1 " << s.ases[1] << ", tier-2 "
      << s.ases[2] << ", stub " << s.ases[3] << "), " << s.exchanges << " exchanges, " << s.routers
      << " routers, " << s.hosts << " hosts, " << s.sessions << " eBGP peerings\n";
  out << "per AS, min/mean/max: providers, customers, peers, eBGP sessions\n";
  for (int t = 1; t <= 3; ++t)
    out << "  " << kTierNames[t] << ": " << spreadText(s.providers[t]) << ", "
        << spreadText(s.customers[t]) << ", " << spreadText(s.peers[t]) << ", "
        << spreadText(s.sessionsPerAs[t]) << "\n";
  long pairs = s.unreachable;
  for (const auto& [length, n] : s.pathLengths) pairs += n;
  out << "AS path length between stubs (" << s.destinationsSampled << " destinations):";
  for (const auto& [length, n] : s.pathLengths) {
    std::ostringstream share;
    share.precision(1);
    share << std::fixed << 100.0 * double(n) / double(pairs);
    out << " " << length << ": " << share.str() << "%";
  }
  if (s.unreachable) out << "; unreachable pairs: " << s.unreachable;
  out << "\n";
  return out.str();
}

}  // namespace

void setupGenerate(CLI::App& sub) {
  struct Options {
    std::string ases, seed = "1", hosts = "1", out, name;
    bool json = false;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  sub.add_option("--ases", o->ases,
                 "Number of ASes, " + std::to_string(kMinGeneratedAses) + ".." +
                     std::to_string(kMaxGeneratedAses) + " (tier-1, tier-2 and stub together)")
      ->required()
      ->type_name("N");
  sub.add_option("--seed", o->seed,
                 "Random seed, 0..18446744073709551615 (default 1); the same seed gives the "
                 "same file")
      ->type_name("S");
  sub.add_option("--hosts-per-stub", o->hosts,
                 "Hosts in each stub AS, 0.." + std::to_string(kMaxHostsPerStub) + " (default 1)")
      ->type_name("H");
  sub.add_option("--name", o->name, "The emulation's name in the file (default internet-N)")
      ->type_name("NAME");
  sub.add_option("-o,--output", o->out, "Write the topology to this file instead of stdout")
      ->type_name("FILE");
  sub.add_flag("--force", o->force, "With -o: replace an existing file");
  sub.add_flag("--json", o->json, "Print the summary on stdout as JSON (needs -o)");
  sub.footer(
      "Writes a topology file (docs/topology-format.md) of a generated Internet: a clique of\n"
      "tier-1 ASes, tier-2 transit ASes, multi-homed stub ASes and exchanges with route\n"
      "servers, every address explicit (docs/generator.md). A summary of its shape goes to\n"
      "stderr. A topology file can also say `generate: {ases: N, seed: S}`.\n"
      "Examples:\n"
      "  asemu generate --ases 1000 -o internet.yaml\n"
      "  asemu generate --ases 300 --seed 7 --hosts-per-stub 2 > lab.yaml\n"
      "  asemu generate --ases 2000 -o big.yaml --json\n"
      "  asemu up internet.yaml");
  sub.callback([o] {
    InternetShape shape;
    shape.ases = int(parseNumber("--ases", o->ases, kMinGeneratedAses, kMaxGeneratedAses));
    shape.seed = parseNumber("--seed", o->seed, 0, UINT64_MAX);
    shape.hostsPerStub = int(parseNumber("--hosts-per-stub", o->hosts, 0, kMaxHostsPerStub));
    std::string name = o->name.empty() ? "internet-" + std::to_string(shape.ases) : o->name;
    if (auto problem = emulationNameProblem(name); !problem.empty()) throw Error("--name", problem);
    if (o->json && o->out.empty())
      throw Error("--json", "prints the summary on stdout, so the topology needs -o FILE");
    if (o->force && o->out.empty()) throw Error("--force", "only applies with -o FILE");
    if (!o->out.empty()) {
      // Only a regular file is ever replaced (a device such as /dev/null would be replaced by
      // a file, not written to).
      std::error_code ec;
      auto type = std::filesystem::symlink_status(o->out, ec).type();
      if (type != std::filesystem::file_type::not_found && !o->force)
        throw Error(o->out, "already exists; pass --force to replace it");
      if (type != std::filesystem::file_type::not_found &&
          type != std::filesystem::file_type::regular)
        throw Error(o->out, "is not a regular file; -o writes a new file or replaces one");
    }

    Emulator emu = generatedInternet(shape);
    std::string text = "# asemu generate --ases " + std::to_string(shape.ases) + " --seed " +
                       std::to_string(shape.seed) + " --hosts-per-stub " +
                       std::to_string(shape.hostsPerStub) + "\n" + topo::dumpString(emu, name);
    if (o->out.empty())
      std::cout << text;
    else
      writeFileAtomically(o->out, text);

    GraphSummary summary = summarize(emu.getLayer<Base>(), emu.getLayer<Ebgp>());
    if (o->json)
      std::cout << summaryJson(summary).dump(2) << "\n";
    else
      std::cerr << (o->out.empty() ? "" : "wrote " + printable(o->out) + ": ")
                << summaryText(summary);
  });
}

}  // namespace asemu::cli
