// asemu exec NODE [-- CMD...]: a command or a shell inside a node, like `docker exec` in SEED.
#include <unistd.h>

#include "asemu/runtime/node_lookup.h"
#include "asemu/runtime/runtime.h"
#include "commands.h"

namespace asemu::cli {

void setupExec(CLI::App& sub) {
  struct Options {
    std::string emulation, node;
    std::vector<std::string> command;
  };
  auto o = std::make_shared<Options>();
  sub.add_option("-e,--emulation", o->emulation,
                 "Emulation name (may be omitted when one emulation runs)");
  sub.add_option("NODE", o->node,
                 "as150/host_0, a SEED container name, or a unique part of one (10.150.0.71)")
      ->required();
  sub.add_option("CMD", o->command, "Command and arguments (after --); default: a shell");
  sub.footer(
      "Inside the node, /etc/bird and /run/bird are the node's own: birdc controls its BIRD.\n"
      "Exits with the command's exit status.\n"
      "Examples:\n"
      "  asemu exec 10.150.0.71 -- ping -c 3 10.180.0.100\n"
      "  asemu exec as180/router0 -- birdc dis u_as3\n"
      "  asemu exec as150/host_0");
  sub.callback([o] {
    auto kernel = runtime::linuxKernel();
    runtime::Runtime rt(*kernel);
    std::string name = rt.resolveEmulation(
        o->emulation.empty() ? std::nullopt : std::optional<std::string>(o->emulation));
    plan::Plan plan = rt.plan(name);
    const plan::Node& node = runtime::resolveNode(plan, o->node);
    std::vector<std::string> argv = o->command;
    if (argv.empty()) {
      std::string prompt = node.id + "# ";
      setenv("PS1", prompt.c_str(), 1);
      argv = access("/bin/bash", X_OK) == 0 ? std::vector<std::string>{"/bin/bash", "--norc"}
                                            : std::vector<std::string>{"/bin/sh"};
    }
    setenv("ASEMU_NODE", node.id.c_str(), 1);
    setenv("ASEMU_EMULATION", name.c_str(), 1);
    kernel->execIn(rt.view(name, node), argv);
  });
}

}  // namespace asemu::cli
