// The compose emitter writes through the YAML writer; yaml-cpp reads it back here to prove the
// quoting.
#include "compose_file.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace asemu::compile {
namespace {

TEST(ComposeFile, AwkwardStringsRoundTrip) {
  ComposeProject p;
  p.header_comment = "line one\nline two";
  ComposeService s;
  s.name = "150";  // would read as a number unquoted
  s.image = "a \"quoted\" back\\slash\nnewline\ttab\x01";
  s.labels = {{"on", "yes"}, {"null", "~"}, {"key with space", "#not a comment"}, {"x", ""}};
  s.networks = {{"no", std::nullopt}, {"net_1", std::string("10.0.0.1")}};
  p.services.push_back(s);
  ComposeNetwork n{"no",         "bridge", false, false, {{"opt", "false"}}, "198.18.0.0/29",
                   "198.18.0.1", {}};
  p.networks.push_back(n);

  std::string text = emitCompose(p);
  EXPECT_EQ(text.rfind("# line one\n# line two\nversion: \"3.8\"\n", 0), 0u) << text;
  YAML::Node y = YAML::Load(text);
  auto svc = y["services"]["150"];
  ASSERT_TRUE(svc.IsMap()) << text;
  EXPECT_EQ(svc["image"].as<std::string>(), "a \"quoted\" back\\slash\nnewline\ttab\x01");
  EXPECT_EQ(svc["labels"]["on"].as<std::string>(), "yes");
  EXPECT_EQ(svc["labels"]["null"].as<std::string>(), "~");
  EXPECT_EQ(svc["labels"]["key with space"].as<std::string>(), "#not a comment");
  EXPECT_EQ(svc["labels"]["x"].as<std::string>(), "");
  EXPECT_TRUE(svc["networks"]["no"].IsMap());
  EXPECT_EQ(svc["networks"]["net_1"]["ipv4_address"].as<std::string>(), "10.0.0.1");
  EXPECT_EQ(y["networks"]["no"]["ipam"]["config"][0]["gateway"].as<std::string>(), "198.18.0.1");
  EXPECT_FALSE(y["networks"]["no"]["internal"]);
  EXPECT_EQ(y["networks"]["no"]["driver_opts"]["opt"].as<std::string>(), "false");
  // Reserved words and numbers are quoted as keys; ordinary names stay plain.
  EXPECT_NE(text.find("\n  \"150\":\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n      \"on\": \"yes\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n      net_1:\n"), std::string::npos) << text;
}

// Compose reads "$$" as one '$' in values; anything else starting with '$' is interpolated.
TEST(ComposeFile, EveryDollarOfAValueIsDoubled) {
  ComposeProject p;
  ComposeService s;
  s.name = "svc";
  s.labels = {{"display", "Price ${HOME} $(id) $$"}};
  s.cap_add = {"$X"};
  p.services.push_back(s);
  YAML::Node y = YAML::Load(emitCompose(p));
  EXPECT_EQ(y["services"]["svc"]["labels"]["display"].as<std::string>(),
            "Price $${HOME} $$(id) $$$$");
  EXPECT_EQ(y["services"]["svc"]["cap_add"][0].as<std::string>(), "$$X");
}

TEST(ComposeFile, InternalIsWrittenOnlyWhenSet) {
  ComposeProject p;
  p.networks.push_back({"a", "overlay", true, true, {}, "198.18.0.0/29", "198.18.0.1", {}});
  YAML::Node y = YAML::Load(emitCompose(p));
  EXPECT_TRUE(y["networks"]["a"]["internal"].as<bool>());
  EXPECT_FALSE(y["networks"]["a"]["driver_opts"]);
}

TEST(ComposeFile, EmptyProjectIsValidYaml) {
  YAML::Node y = YAML::Load(emitCompose({}));
  EXPECT_TRUE(y["services"].IsMap());
  EXPECT_EQ(y["services"].size(), 0u);
  EXPECT_FALSE(y["configs"]);
}

}  // namespace
}  // namespace asemu::compile
