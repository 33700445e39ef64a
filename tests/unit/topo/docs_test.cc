// The examples in docs/topology-format.md are real: every YAML block that is a whole file
// loads, and the first one (the small example) renders.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "asemu/topo/topology.h"

namespace asemu::topo {
namespace {

std::vector<std::string> wholeFileBlocks() {
  std::ifstream in(ASEMU_FORMAT_DOC);
  std::stringstream text;
  text << in.rdbuf();
  std::string doc = text.str();
  std::vector<std::string> blocks;
  const std::regex block("```yaml\n([^`]*)```");
  const std::regex topKey("^(name|include|exchanges|ases|peerings):");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), block); it != std::sregex_iterator();
       ++it) {
    std::string body = (*it)[1];
    if (std::regex_search(body, topKey, std::regex_constants::match_continuous))
      blocks.push_back(body);
  }
  return blocks;
}

TEST(TopologyFormatDoc, WholeFileExamplesLoad) {
  auto blocks = wholeFileBlocks();
  ASSERT_GE(blocks.size(), 5u);
  for (const auto& yaml : blocks) {
    SCOPED_TRACE(yaml);
    Emulator emu;
    // Anchored in examples/ so that `include: mini-internet.yaml` resolves.
    EXPECT_NO_THROW(loadString(emu, yaml, std::string(ASEMU_EXAMPLES_DIR) + "/doc.yaml"));
  }
}

TEST(TopologyFormatDoc, SmallExampleRenders) {
  Emulator emu;
  std::string name;
  loadString(emu, wholeFileBlocks().at(0), "doc.yaml", &name);
  EXPECT_EQ(name, "two-stubs");
  plan::Plan plan = emu.render(name);
  EXPECT_NE(plan.findNode("as151/web"), nullptr);
  EXPECT_NE(plan.findNode("as150/host_1"), nullptr);
}

}  // namespace
}  // namespace asemu::topo
