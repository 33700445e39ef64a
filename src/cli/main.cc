// Entry point of the `asemu` command: builds the verb table into CLI11 and is the one place that
// turns errors into messages and exit codes (1 for user errors, 2 for usage errors).
#include <cstdio>
#include <iostream>

#include "asemu/core/error.h"
#include "commands.h"
#include "version.h"

int main(int argc, char** argv) {
  CLI::App app{
      "asemu — a fast Internet emulator compatible with the SEED Internet Emulator.\n"
      "Describe ASes, exchanges, hosts, routers and BGP peerings in a topology file (or use a\n"
      "built-in example: mini-internet, ip-anycast), then render, run, compile or watch it.\n"
      "Examples:\n"
      "  asemu show ip-anycast              summary of the anycast demo\n"
      "  asemu render ip-anycast --json     the exact emulation as JSON\n"
      "  asemu up ip-anycast                run it on this machine (root)\n",
      "asemu"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("asemu ") + ASEMU_VERSION);
  app.failure_message(CLI::FailureMessage::help);
  for (const auto& cmd : asemu::cli::commands()) {
    CLI::App* sub = app.add_subcommand(cmd.name, cmd.summary);
    cmd.setup(*sub);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a verb that already printed its own result
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const asemu::ErrorList& e) {
    for (const auto& err : e.errors()) std::fprintf(stderr, "asemu: %s\n", err.what());
    return 1;
  } catch (const asemu::Error& e) {
    std::fprintf(stderr, "asemu: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "asemu: internal error: %s\n", e.what());
    return 3;
  }
  return 0;
}
