// Compiles a Plan to a Docker compose project or a Docker Swarm stack.
//
// The output runs the same emulation as the native runtime: one container per node, one Docker
// network per emulated network, a start script per node that sets addresses, interface names,
// loopback, routes and sysctls and then starts BIRD with the node's bird.conf. Container names,
// compose network names and labels follow SEED, so SEED's Internet Map works on the result.
//
// Layout of the output directory:
//   docker-compose.yml | docker-stack.yml   the project (compose) or the stack (swarm)
//   image/Dockerfile                        the node image (swarm: build and push it once)
//   nodes/<service>/Dockerfile              per-node image on top of the same base (compose)
//   nodes/<service>/start.sh, bird.conf     what each container runs
//   README.md                               how to build and start this output
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "asemu/compile/output.h"
#include "asemu/compile/placeholders.h"
#include "asemu/core/error.h"
#include "asemu/plan/plan.h"

namespace asemu::compile {

// One Debian base for every node; bookworm ships BIRD 2.0.12, as the native runtime expects.
inline constexpr const char* kDefaultBaseImage = "debian:bookworm-slim";
// Packages every node image carries (Debian names).
inline constexpr const char* kNodePackages =
    "bird2 iproute2 iputils-ping netcat-openbsd tcpdump procps";

struct DockerOptions {
  // Docker networks get placeholder subnets; containers swap in the real addresses at start.
  bool self_managed_network = false;
  // A Docker Swarm stack with attachable overlay networks (implies self-managed networks).
  bool distributed = false;
  std::string base_image = kDefaultBaseImage;
  // Swarm only: the node image every service runs (built from image/Dockerfile and pushed).
  std::string swarm_image = "asemu-node:latest";
  // Swarm only: pin each AS's containers to Docker hosts labelled `asemu.as<ASN>=true`
  // (route servers: `asemu.ix<N>=true`).
  bool place_by_as = false;
  // Swarm only: spare addresses per overlay subnet (one per Docker host using the network).
  unsigned swarm_spare_addresses = 29;
  std::vector<Ipv4Prefix> placeholder_pools = defaultPlaceholderPools();
};

// Why a plan cannot use Docker networks with real prefixes (networks sharing or overlapping a
// prefix), one Error per conflict; empty when it can.
std::vector<Error> realPrefixConflicts(const plan::Plan& plan);

// Empty when `image` is a Docker image reference, otherwise why not. Docker's grammar:
// [host[:port]/]component[/component...][:tag][@sha256:digest], where host parts are letters,
// digits and inner '-', components are [a-z0-9] runs joined by '.', '_', '__' or dashes, a tag is
// [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} and a digest is 64 lower-case hex digits.
std::string imageReferenceProblem(std::string_view image);

// Throws Error/ErrorList for plans Docker cannot run with these options (and for an image
// option that is not an image reference).
Output compileDocker(const plan::Plan& plan, const DockerOptions& options);

// The name of the project file in an Output of compileDocker.
std::string projectFileName(const DockerOptions& options);

}  // namespace asemu::compile
