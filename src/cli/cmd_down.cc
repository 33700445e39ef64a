// asemu down [NAME]: remove every namespace, process and file of an emulation.
#include <iostream>

#include "asemu/core/error.h"
#include "asemu/runtime/runtime.h"
#include "commands.h"
#include "running.h"

namespace asemu::cli {

void setupDown(CLI::App& sub) {
  struct Options {
    std::string name;
    bool all = false, quiet = false;
  };
  auto o = std::make_shared<Options>();
  CLI::Option* named =
      sub.add_option("NAME", o->name, "Emulation name (may be omitted when one emulation runs)");
  sub.add_flag("--all", o->all, "Remove every running emulation");
  sub.add_flag("-q,--quiet", o->quiet, "No progress lines on stderr");
  sub.footer(
      "Works from the emulation's state directory alone, also after 'asemu up' was interrupted.\n"
      "Examples:\n"
      "  asemu down\n"
      "  asemu down lab2");
  sub.callback([o, named] {
    auto kernel = runtime::linuxKernel();
    runtime::Runtime rt(*kernel);
    runtime::Progress progress;
    if (!o->quiet) progress = [](const std::string& line) { std::cerr << line << std::endl; };
    std::vector<std::string> names;
    if (o->all && named->count() > 0) throw Error(o->name, "give either NAME or --all, not both");
    if (o->all)
      names = rt.emulations();
    else
      names.push_back(rt.resolveEmulation(given(named, o->name)));
    for (const auto& name : names) rt.down(name, progress);
  });
}

}  // namespace asemu::cli
