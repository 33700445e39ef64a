// Typed records of a compose file and their one emitter.
//
// docker.cc fills these from the Plan; emitCompose() turns them into YAML. Keeping the YAML in one
// place means quoting is decided once: every string value is double-quoted, so label values such
// as "150" stay strings and addresses never read as numbers.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace asemu::compile {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

struct ComposeAttachment {
  std::string network;
  std::optional<std::string> ipv4_address;
};

struct ComposeConfigMount {
  std::string source;
  std::string target;
};

struct ComposeService {
  std::string name;
  std::optional<std::string> build;  // context directory
  std::optional<std::string> image;
  std::optional<std::string> container_name;
  std::vector<std::string> cap_add;
  KeyValues sysctls;
  std::vector<ComposeAttachment> networks;  // empty: network_mode none
  KeyValues labels;
  std::vector<ComposeConfigMount> configs;
  bool swarm = false;  // adds the deploy section
  std::vector<std::string> placement_constraints;
};

struct ComposeNetwork {
  std::string name;
  std::string driver;  // "bridge" or "overlay"
  bool attachable = false;
  bool internal = false;  // written only when set
  KeyValues driver_opts;
  std::string subnet;
  std::string gateway;  // empty: Docker picks it (a stack may not name one)
  KeyValues labels;
};

struct ComposeConfig {
  std::string name;
  std::string file;
};

struct ComposeProject {
  std::string header_comment;  // written as '#' lines before the document
  std::vector<ComposeService> services;
  std::vector<ComposeNetwork> networks;
  std::vector<ComposeConfig> configs;
};

std::string emitCompose(const ComposeProject& project);

}  // namespace asemu::compile
