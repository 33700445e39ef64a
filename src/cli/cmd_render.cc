// asemu render TOPO: the exact emulation, as the Plan's JSON or as the files each node gets.
#include <filesystem>
#include <iostream>

#include "asemu/core/error.h"
#include "asemu/core/files.h"
#include "asemu/plan/bird_config.h"
#include "asemu/plan/json.h"
#include "asemu/runtime/node_lookup.h"
#include "asemu/topo/topology.h"
#include "commands.h"
#include "topology_arg.h"

namespace asemu::cli {
namespace {

namespace fs = std::filesystem;

std::string fileNameOf(const std::string& nodeId) {
  std::string out = nodeId;
  for (char& c : out)
    if (c == '/') c = '_';
  return out;
}

void writeDirectory(const plan::Plan& plan, const fs::path& path, bool force) {
  OutputDirectory dir(path, force);
  dir.write("plan.json", plan::toJsonText(plan));
  size_t configs = 0;
  for (const auto& node : plan.nodes) {
    if (!node.bird) continue;
    dir.write(fileNameOf(node.id) + "/bird.conf", plan::birdConfig(node));
    ++configs;
  }
  std::cerr << "wrote " << (path / "plan.json").string() << " and " << configs
            << " bird.conf files under " << path.string() << "\n";
}

}  // namespace

void setupRender(CLI::App& sub) {
  struct Options {
    std::string topo, out, node;
    bool json = false;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  addTopologyArg(sub, o->topo);
  sub.add_flag("--json", o->json, "Print the whole plan as JSON (the stable, portable form)");
  sub.add_option("-o,--output", o->out,
                 "Write plan.json and <node>/bird.conf for every router and route server here");
  sub.add_flag("--force", o->force,
               "With -o: write into a directory that is not empty, replacing files of the same "
               "name");
  sub.add_option(
      "--node", o->node,
      "Print only this node's bird.conf (as180/router0, a SEED container name, a node name or "
      "a unique part of one, as for exec)");
  sub.footer(
      "Without options, prints every router's and route server's bird.conf, each after a\n"
      "'### <node id>' line.\n"
      "Examples:\n"
      "  asemu render ip-anycast --json > plan.json\n"
      "  asemu render ip-anycast --node as180/router0\n"
      "  asemu render my-topology.yaml -o out/");
  sub.callback([o] {
    plan::Plan plan = topo::renderTopology(o->topo);
    if (o->json) {
      std::cout << plan::toJsonText(plan);
      return;
    }
    if (!o->out.empty()) {
      writeDirectory(plan, o->out, o->force);
      return;
    }
    if (!o->node.empty()) {
      const plan::Node* node = &runtime::resolveNode(plan, o->node);
      if (!node->bird) throw Error(node->id, "is a host; hosts run no BIRD");
      std::cout << plan::birdConfig(*node);
      return;
    }
    for (const auto& node : plan.nodes) {
      if (!node.bird) continue;
      std::cout << "### " << node.id << "\n" << plan::birdConfig(node);
    }
  });
}

}  // namespace asemu::cli
