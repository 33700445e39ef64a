// The verbs of the `asemu` command. Each verb lives in its own cmd_<verb>.cc and registers its
// options and handler on a CLI11 subcommand; commands.cc holds the one table that lists them.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace asemu::cli {

struct Command {
  const char* name;
  const char* summary;
  // Adds options to `sub` and sets its callback. Handlers throw asemu::Error for user errors;
  // main() prints them in one line and exits 1.
  std::function<void(CLI::App& sub)> setup;
};

const std::vector<Command>& commands();

// The one rule of options that are counts: a decimal integer from `min` to `max`, all of
// `text`. Empty when it holds, else "must be an integer MIN..MAX, got 'TEXT'".
std::string integerProblem(const std::string& text, uint64_t min, uint64_t max);
// The same rule as a validator of an option.
CLI::Validator integer(uint64_t min, uint64_t max);

// The one rule of options that are a number of seconds: a finite number from `min` to `max`
// (above 0 when `min` is 0). `maxNote` follows the maximum in the error ("(one day)").
CLI::Validator seconds(double min, double max, const std::string& maxNote = "");

// One line per verb (add a verb: write cmd_<verb>.cc, declare it here, list it in commands.cc).
void setupValidate(CLI::App& sub);
void setupRender(CLI::App& sub);
void setupShow(CLI::App& sub);
void setupUp(CLI::App& sub);
void setupDown(CLI::App& sub);
void setupStatus(CLI::App& sub);
void setupExec(CLI::App& sub);
void setupBgp(CLI::App& sub);
void setupCatchment(CLI::App& sub);
void setupFailover(CLI::App& sub);
void setupMap(CLI::App& sub);
void setupWatch(CLI::App& sub);
void setupCompile(CLI::App& sub);
void setupGenerate(CLI::App& sub);

}  // namespace asemu::cli
