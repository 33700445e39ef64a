// The Dockerfiles and the README written beside a compose project or stack.
#pragma once

#include <string>

#include "asemu/compile/docker.h"

namespace asemu::compile {

// A node's Dockerfile. Every node starts with the same base and package layer, so Docker builds
// that layer once and shares it; only the COPY of the node's own files differs. With
// `sharedImage` the Dockerfile has no node files at all (swarm delivers them as configs).
std::string nodeDockerfile(const std::string& baseImage, bool withBird, bool sharedImage = false);

std::string outputReadme(const plan::Plan& plan, const DockerOptions& options);

}  // namespace asemu::compile
