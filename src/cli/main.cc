// Entry point of the `asemu` command: builds the verb table into CLI11 and is the one place that
// turns errors into messages and exit codes (1 for user errors, 2 for usage errors). Usage errors
// are told in asemu's words, one line, with the nearest command or option when there is one.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>

#include "asemu/core/error.h"
#include "commands.h"
#include "topology_arg.h"
#include "version.h"

namespace {

constexpr int kUsageError = 2;

// Prints "WHO: MESSAGE (WHO --help lists WHAT)" and returns the usage exit code; WHO is the
// command as typed so far ("asemu", "asemu show", "asemu compile docker").
int usageError(const std::string& who, const std::string& message, const std::string& lists) {
  std::fprintf(stderr, "%s: %s (%s --help lists %s)\n", who.c_str(),
               asemu::printable(message).c_str(), who.c_str(), lists.c_str());
  return kUsageError;
}

std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  std::string guess = asemu::closestMatch(word, candidates);
  return guess.empty() ? "" : "; did you mean '" + guess + "'?";
}

// "-5" and "1e3" are values, not options.
bool isNumber(const std::string& arg) {
  char* end = nullptr;
  std::strtod(arg.c_str(), &end);
  return end != arg.c_str() && *end == '\0';
}

// The first argument before "--" that is written as an option `app` does not have.
std::optional<std::string> unknownOption(const CLI::App& app,
                                         const std::vector<std::string>& args) {
  for (const auto& arg : args) {
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-' || isNumber(arg)) continue;
    std::string name = arg[1] == '-' ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
    if (!app.get_option_no_throw(name)) return name;
  }
  return std::nullopt;
}

std::string unknownOptionMessage(const CLI::App& app, const std::string& name) {
  std::string out = "unknown option '" + name + "'";
  if (name.starts_with("--")) {  // a guess for a one-letter option is noise
    std::vector<std::string> known;
    for (const CLI::Option* opt : app.get_options())
      for (const auto& n : opt->get_lnames()) known.push_back("--" + n);
    out += suggestion(name, known);
  }
  return out;
}

std::vector<std::string> commandNames(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    out.push_back(sub->get_name());
  return out;
}

// The command a command line reaches through its command words ("compile docker"), with the
// arguments after them.
struct Reached {
  const CLI::App* app;
  std::string who;
  std::vector<std::string> args;
};

Reached reach(const CLI::App& top, const std::vector<std::string>& args) {
  Reached r{&top, "asemu", args};
  while (!r.args.empty()) {
    const CLI::App* sub = nullptr;
    for (const CLI::App* s : r.app->get_subcommands([](const CLI::App*) { return true; }))
      if (s->get_name() == r.args.front()) sub = s;
    if (!sub) break;
    r.who += " " + r.args.front();
    r.app = sub;
    r.args.erase(r.args.begin());
  }
  return r;
}

// What CLI11 would answer in its own words or with the whole help: a command that is missing or
// unknown where one is required. Returns the exit code when it reported.
std::optional<int> checkCommandWord(const Reached& r) {
  auto names = commandNames(*r.app);
  if (names.empty() || r.app->get_require_subcommand_min() == 0) return std::nullopt;
  if (r.args.empty()) return usageError(r.who, "no command given", "commands");
  const std::string& word = r.args.front();
  if (word.size() > 1 && word[0] == '-') {
    if (unknownOption(*r.app, {word}))
      return usageError(r.who, unknownOptionMessage(*r.app, word.substr(0, word.find('='))),
                        "commands");
    return std::nullopt;
  }
  return usageError(r.who, "unknown command '" + word + "'" + suggestion(word, names), "commands");
}

// A CLI11 parse error told in asemu's words.
int parseError(const Reached& r, const CLI::ParseError& e) {
  std::string text = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    if (auto unknown = unknownOption(*r.app, r.args)) {
      std::string message = unknownOptionMessage(*r.app, *unknown);
      // exec runs a command whose own options would otherwise be read as exec's.
      if (r.app->get_option_no_throw("CMD")) message += "; a command's options go after '--'";
      return usageError(r.who, message, "options");
    }
    // CLI11 lists the extra arguments last first.
    const std::string marker = "not expected: ";
    auto at = text.find(marker);
    std::vector<std::string> extras;
    std::istringstream words(at == std::string::npos ? text : text.substr(at + marker.size()));
    for (std::string w; words >> w;) extras.insert(extras.begin(), w);
    std::string list;
    for (const auto& w : extras) list += (list.empty() ? "'" : ", '") + w + "'";
    return usageError(
        r.who, (extras.size() == 1 ? "unexpected argument " : "unexpected arguments ") + list,
        "arguments");
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (text.starts_with("A subcommand")) return usageError(r.who, "no command given", "commands");
    return usageError(r.who, "missing " + text.substr(0, text.rfind(" is required")), "arguments");
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e))
    return usageError(r.who, "option " + text.substr(0, text.find(':')) + " needs a value",
                      "options");
  return usageError(r.who, text, "options");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "asemu — a fast Internet emulator compatible with the SEED Internet Emulator.\n"
      "Describe ASes, exchanges, hosts, routers and BGP peerings in a topology file (or use a\n"
      "built-in example), then render, run, compile or watch it.\n"
      "Built-in examples: " +
          asemu::cli::exampleList() +
          ".\n"
          "Examples:\n"
          "  asemu show ip-anycast              summary of the anycast demo\n"
          "  asemu render ip-anycast --json     the exact emulation as JSON\n"
          "  asemu up ip-anycast                run it on this machine (root)\n",
      "asemu"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("asemu ") + ASEMU_VERSION);
  for (const auto& cmd : asemu::cli::commands()) {
    CLI::App* sub = app.add_subcommand(cmd.name, cmd.summary);
    cmd.setup(*sub);
  }
  const Reached reached = reach(app, std::vector<std::string>(argv + 1, argv + argc));
  if (auto code = checkCommandWord(reached)) return *code;
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a verb that already printed its own result
  } catch (const CLI::ParseError& e) {
    return parseError(reached, e);
  } catch (const asemu::ErrorList& e) {
    for (const auto& err : e.errors()) std::fprintf(stderr, "asemu: %s\n", err.what());
    return 1;
  } catch (const asemu::Error& e) {
    std::fprintf(stderr, "asemu: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "asemu: internal error: %s\n", asemu::printable(e.what()).c_str());
    return 3;
  }
  return 0;
}
