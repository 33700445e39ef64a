// asemu exec NODE [-- CMD...]: a command or a shell inside a node, like `docker exec` in SEED.
#include <unistd.h>

#include "asemu/runtime/node_lookup.h"
#include "asemu/runtime/runtime.h"
#include "commands.h"
#include "running.h"

namespace asemu::cli {

void setupExec(CLI::App& sub) {
  struct Options {
    std::string emulation, node;
    std::vector<std::string> command;
  };
  auto o = std::make_shared<Options>();
  CLI::Option* e = sub.add_option("-e,--emulation", o->emulation,
                                  "Emulation name (may be omitted when one emulation runs)");
  sub.add_option("NODE", o->node,
                 "as150/host_0, a SEED container name, a node name or address (host_0, "
                 "10.150.0.71), or a unique part of one; an exact match wins over parts")
      ->required();
  sub.add_option("CMD", o->command, "Command and arguments (after --); default: a shell");
  sub.footer(
      "Inside the node, /etc/bird and /run/bird are the node's own: birdc controls its BIRD.\n"
      "Exits with the command's exit status.\n"
      "Examples:\n"
      "  asemu exec 10.150.0.71 -- ping -c 3 10.180.0.100\n"
      "  asemu exec as180/router0 -- birdc dis u_as3\n"
      "  asemu exec as150/host_0");
  sub.callback([o, e] {
    Running running(given(e, o->emulation));
    const std::string& name = running.name;
    const plan::Node& node = running.node(o->node);
    std::vector<std::string> argv = o->command;
    if (argv.empty()) {
      std::string prompt = node.id + "# ";
      setenv("PS1", prompt.c_str(), 1);
      argv = access("/bin/bash", X_OK) == 0 ? std::vector<std::string>{"/bin/bash", "--norc"}
                                            : std::vector<std::string>{"/bin/sh"};
    }
    setenv("ASEMU_NODE", node.id.c_str(), 1);
    setenv("ASEMU_EMULATION", name.c_str(), 1);
    running.kernel->execIn(running.rt.view(name, node), argv);
  });
}

}  // namespace asemu::cli
