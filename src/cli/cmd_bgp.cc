// asemu bgp NODE list|disable|enable [SESSION] | announce|withdraw PREFIX: a router's BGP sessions,
// as the map shows them, and the prefixes it originates.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "asemu/core/error.h"
#include "asemu/runtime/announcements.h"
#include "asemu/runtime/node_lookup.h"
#include "asemu/runtime/runtime.h"
#include "commands.h"
#include "running.h"

namespace asemu::cli {

void setupBgp(CLI::App& sub) {
  struct Options {
    std::string emulation, node, action, session;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::Option* e = sub.add_option("-e,--emulation", o->emulation,
                                  "Emulation name (may be omitted when one emulation runs)");
  sub.add_option("NODE", o->node, "A router or route server (as180/router0, 10.150.0.254, ...)")
      ->required();
  sub.add_option("ACTION", o->action, "list, disable, enable, announce or withdraw")
      ->required()
      ->check(CLI::Validator(
          [](std::string& action) -> std::string {
            const std::vector<std::string> actions = {"list", "disable", "enable", "announce",
                                                      "withdraw"};
            if (std::find(actions.begin(), actions.end(), action) != actions.end()) return "";
            return unknownNameMessage("action", action, actions);
          },
          "ACTION"));
  sub.add_option("SESSION", o->session,
                 "Session name (u_as3); disable/enable without it act on every session. "
                 "announce/withdraw: the prefix (10.153.0.0/25)");
  sub.add_flag("--json", o->json, "list: print as JSON");
  sub.footer(
      "Examples:\n"
      "  asemu bgp as180/router0 list\n"
      "  asemu bgp as180/router0 disable u_as3\n"
      "  asemu bgp -e ip-anycast as180/router1 enable\n"
      "  asemu bgp as199/router0 announce 10.153.0.0/25   # originate it (a blackhole) in BGP\n"
      "  asemu bgp as199/router0 withdraw 10.153.0.0/25");
  sub.callback([o, e] {
    Running running(given(e, o->emulation));
    const runtime::Runtime& rt = running.rt;
    const std::string& name = running.name;
    const plan::Node& node = running.node(o->node);
    if (!node.bird)
      throw Error(node.id, "runs no BIRD (it is a " + plan::roleName(node.role) + ")");

    if (o->action == "announce" || o->action == "withdraw") {
      if (o->session.empty())
        throw Error(node.id, o->action + " needs a prefix: asemu bgp " + o->node + " " + o->action +
                                 " 10.153.0.0/25");
      std::cout << rt.setAnnounced(name, node, o->session, o->action == "announce") << "\n";
      return;
    }
    if (o->action == "list") {
      auto sessions = rt.sessions(name, node);
      std::vector<Ipv4Prefix> announced;
      if (runtime::announcesAtRuntime(node)) announced = rt.announced(name, node);
      if (o->json) {
        nlohmann::json out = {{"sessions", nlohmann::json::array()},
                              {"announced", nlohmann::json::array()}};
        for (const auto& s : sessions)
          out["sessions"].push_back({{"name", s.name},
                                     {"state", s.state},
                                     {"info", s.info},
                                     {"neighbor", s.neighbor},
                                     {"established", s.established()}});
        for (const auto& p : announced) out["announced"].push_back(p.str());
        std::cout << out.dump(2) << "\n";
        return;
      }
      for (const auto& s : sessions)
        std::cout << fmt::format("{:<10} {:<6} {:<24} {}\n", s.name, s.state, s.neighbor, s.info);
      for (const auto& p : announced) std::cout << fmt::format("{:<10} {}\n", "announced", p.str());
      return;
    }
    std::vector<std::string> targets;
    if (o->session.empty())
      for (const auto& s : node.bird->sessions) targets.push_back(s.name);
    else
      targets.push_back(o->session);
    for (const auto& t : targets)
      std::cout << rt.setSessionEnabled(name, node, t, o->action == "enable") << "\n";
  });
}

}  // namespace asemu::cli
