// asemu map: the Internet Map of a running emulation in the browser.
#include <iostream>

#include "asemu/core/error.h"
#include "asemu/map/emulation.h"
#include "asemu/map/server.h"
#include "asemu/plan/json.h"
#include "asemu/runtime/runtime.h"
#include "asemu/runtime/state.h"
#include "commands.h"
#include "running.h"

namespace asemu::cli {

void setupMap(CLI::App& sub) {
  struct Options {
    std::string emulation, listen = "127.0.0.1:8080", planFile;
    bool console = false;
  };
  auto o = std::make_shared<Options>();
  CLI::Option* e = sub.add_option("-e,--emulation", o->emulation,
                                  "Emulation name (may be omitted when one emulation runs)");
  sub.add_option("--listen", o->listen,
                 "ADDR:PORT to serve on (a specific address; port 0 picks a free one). Every "
                 "request needs the access token in the printed URL")
      ->capture_default_str();
  sub.add_flag("--console", o->console,
               "Allow root shells into nodes from the browser (anyone with the token gets one)");
  sub.add_option("--plan", o->planFile,
                 "Show a rendered plan (asemu render TOPO --json) instead of a running emulation: "
                 "the graph only, no packets or BGP");
  sub.footer(
      "Examples:\n"
      "  asemu map                        the only running emulation, on 127.0.0.1:8080\n"
      "  asemu map -e ip-anycast --console --listen 127.0.0.1:9000\n"
      "Open the printed URL (it carries the access token); scripts send\n"
      "'Authorization: Bearer TOKEN'. Then type a BPF filter (icmp, udp port 9090) to see\n"
      "where packets go.");
  sub.callback([o, e] {
    map::ServerOptions so;
    size_t colon = o->listen.rfind(':');
    int port = -1;
    try {
      if (colon != std::string::npos) port = std::stoi(o->listen.substr(colon + 1));
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535)
      throw Error(o->listen, "--listen takes ADDR:PORT, e.g. 127.0.0.1:8080");
    so.host = o->listen.substr(0, colon);
    if (so.host.size() > 2 && so.host.front() == '[')
      so.host = so.host.substr(1, so.host.size() - 2);
    so.port = static_cast<unsigned short>(port);
    so.console = o->console;

    std::unique_ptr<runtime::Kernel> kernel;
    std::unique_ptr<runtime::Runtime> rt;
    std::unique_ptr<map::Emulation> emulation;
    if (!o->planFile.empty()) {
      emulation = map::planOnly(plan::planFromJsonFile(o->planFile));
    } else {
      kernel = runtime::linuxKernel();
      rt = std::make_unique<runtime::Runtime>(*kernel);
      std::string name = rt->resolveEmulation(given(e, o->emulation));
      emulation = map::runningEmulation(*rt, name);
    }
    so.on_listen = [&](const std::string& url) {
      std::cout << "Internet Map of '" << emulation->name() << "' ("
                << emulation->plan().nodes.size() << " nodes): " << url
                << (so.console ? "  [consoles on]" : "") << std::endl;
    };
    map::serve(*emulation, so);
  });
}

}  // namespace asemu::cli
