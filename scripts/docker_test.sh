#!/usr/bin/env bash
# The Docker output on a real Docker engine (as root on Debian 12): compiles the anycast demo with
# `asemu compile docker --self-managed-network`, builds and starts it with docker-compose on a
# Docker daemon of its own, and runs SEED's acceptance test through `docker exec` with SEED's
# container names. Then the same demo as a Docker Swarm stack on a single-node swarm.
#
# The daemon keeps everything under one temporary directory (data, state, socket, pid file).
# The host's iptables rules, IP forwarding and bridge netfilter settings are saved before it starts
# and restored when the script ends, also on failure; so are the links Docker creates on the host.
# The Debian base image is made with debootstrap from the mirror apt uses (no registry is needed)
# and cached under ASEMU_DOCKER_CACHE (default /var/cache/asemu-docker-test).
#
# Ends with "docker: N passed, N failed" and exit status 0 only when every check passed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

ASEMU=${ASEMU:-$PWD/build/src/cli/asemu}
BASE_IMAGE=asemu-base:bookworm
SWARM_IMAGE=asemu-node:docker-test
PROJECT=asemu-docker-test
STACK=asemutest

passed=0
failed=0
log() { echo "docker-test: $*" >&2; }
pass() {
  passed=$((passed + 1))
  log "PASS $*"
}
fail() {
  failed=$((failed + 1))
  log "FAIL $*"
}
# Ends the script early; the EXIT trap tears down.
give_up() {
  fail "$*"
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then
  echo "docker-test: run as root (it starts a Docker daemon)" >&2
  exit 1
fi
[ -x "$ASEMU" ] || {
  echo "docker-test: $ASEMU is missing; build first (./scripts/build.sh)" >&2
  exit 1
}

# shellcheck source=scripts/docker_host.sh
. scripts/docker_host.sh

teardown() {
  local rc=$?
  set +e
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    if [ "$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" = active ]; then
      docker stack rm "$STACK" >/dev/null 2>&1
      docker swarm leave --force >/dev/null 2>&1
    fi
    if [ -f "$WORK/compose/docker-compose.yml" ]; then
      (cd "$WORK/compose" && docker-compose -p "$PROJECT" down -t 1 --rmi local >/dev/null 2>&1)
    fi
    docker image rm -f "$BASE_IMAGE" "$SWARM_IMAGE" >/dev/null 2>&1
    docker image prune -f >/dev/null 2>&1
    local containers networks images
    containers=$(docker ps -aq | wc -l)
    # docker_gwbridge is the daemon's own (swarm); its host link goes with the daemon's state.
    networks=$(docker network ls --format '{{.Name}}' --filter type=custom | grep -cvx docker_gwbridge)
    images=$(docker images -aq | wc -l)
    if [ "$containers$networks$images" = 000 ]; then
      pass "down: no container, network or image left in the daemon"
    else
      fail "down left $containers containers, $networks networks, $images images"
    fi
  fi
  local left
  left=$(docker_host_restore)
  if [ -n "$left" ]; then
    fail "teardown left:$left"
  else
    pass "teardown: no daemon, container, network, image, link or iptables rule left"
  fi
  echo
  echo "docker: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] || rc=1
  exit "$rc"
}
trap teardown EXIT
trap 'exit 1' INT TERM

docker_host_prepare || give_up "cannot install the Docker packages"
docker_host_start || give_up "dockerd did not start"
docker_host_base_image || give_up "no base image $BASE_IMAGE"

# --- helpers for the emulation -----------------------------------------------------------------
# Retries CMD... every second until it succeeds or SECONDS pass.
within() {
  local seconds=$1
  shift
  local end=$((SECONDS + seconds))
  while :; do
    "$@" && return 0
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 1
  done
}
# SEED's check: ping -c 3 from AS150's host, by exit code.
seed_ping() { docker exec "$H150" ping -c 3 -W 1 10.180.0.100 >/dev/null 2>&1; }
seed_ping_fails() {
  docker exec "$H150" ping -c 3 -W 1 10.180.0.100 >/dev/null 2>&1
  [ $? -eq 1 ]
}
birdc() { docker exec "$1" birdc "${@:2}" >/dev/null; }

# --- compose -----------------------------------------------------------------------------------
"$ASEMU" compile docker ip-anycast -o "$WORK/compose" --self-managed-network \
  --base-image "$BASE_IMAGE" >/dev/null || give_up "asemu compile docker failed"
cd "$WORK/compose" || give_up "no output directory"
docker-compose -p "$PROJECT" build >"$WORK/build.log" 2>&1 || {
  tail -n 30 "$WORK/build.log" >&2
  give_up "docker-compose build failed"
}
docker-compose -p "$PROJECT" up -d >"$WORK/up.log" 2>&1 || {
  tail -n 30 "$WORK/up.log" >&2
  give_up "docker-compose up failed"
}
services=$(docker-compose -p "$PROJECT" config --services | wc -l)
running=$(docker ps -q --filter "label=com.docker.compose.project=$PROJECT" | wc -l)
if [ "$running" -eq "$services" ]; then
  pass "all $services containers run (cap_add NET_ADMIN and NET_RAW, not privileged)"
else
  fail "$running of $services containers run"
  docker ps -a --filter status=exited --format '{{.Names}}' | head -n 3 | while read -r c; do
    docker logs "$c" 2>&1 | tail -n 5 >&2
  done
fi

H150=as150h-host_0-10.150.0.71
R0=as180brd-router0-10.180.0.254
R1=as180brd-router1-10.180.0.254
# The host's only routes are the plan's: no default route through a Docker gateway. The start
# script installs them after the container starts, so they are awaited (up to 30 s).
plan_route() { [ "$1" = "default via 10.150.0.254 dev net0 " ] || [ "$1" = "default via 10.150.0.254 dev net0" ]; }
for _ in $(seq 60); do
  routes=$(docker exec "$H150" ip -4 route show default)
  plan_route "$routes" && break
  sleep 0.5
done
if plan_route "$routes"; then
  pass "$H150's default route is the plan's ($routes)"
else
  fail "$H150's default routes: '$routes' (expected only via 10.150.0.254)"
fi
# No bridge of the emulation holds a host address.
bridge_addresses=$(docker network ls -q --filter "label=com.docker.compose.project=$PROJECT" |
  while read -r id; do ip -o -4 addr show dev "br-${id:0:12}" 2>/dev/null; done)
if [ -z "$bridge_addresses" ]; then
  pass "the host has no address on any emulated network"
else
  fail "the host has addresses on $(wc -l <<<"$bridge_addresses") emulated networks, e.g. $(head -n 1 <<<"$bridge_addresses" | awk '{print $2, $4}')"
fi
masqueraded=$(docker network ls -q --filter "label=com.docker.compose.project=$PROJECT" |
  xargs -r "$DOCKER" network inspect --format '{{range .IPAM.Config}}{{.Subnet}}{{end}}' |
  while read -r subnet; do iptables -t nat -S POSTROUTING | grep -F -- "-s $subnet "; done)
if [ -z "$masqueraded" ]; then
  pass "no emulated network is masqueraded"
else
  fail "Docker masquerades emulated networks: $masqueraded"
fi

# (a) The anycast address answers (routing converges first).
if within 90 seed_ping; then pass "(a) ping 10.150.0.71 -> 10.180.0.100"; else fail "(a) ping 10.150.0.71 -> 10.180.0.100"; fi
# (b) Both instances withdrawn: the ping fails with exit 1.
if ! { birdc "$R0" dis u_as3 && birdc "$R0" dis u_as4 && birdc "$R1" dis u_as2 && birdc "$R1" dis u_as3; }; then
  fail "(b) birdc dis in $R0/$R1"
fi
if within 10 seed_ping_fails; then pass "(b) withdrawn: the ping fails"; else fail "(b) withdrawn: the ping still answers"; fi
# (c) Router1's u_as3 back: reachable again.
birdc "$R1" en u_as3 || fail "(c) birdc en u_as3 in $R1"
if within 10 seed_ping; then pass "(c) u_as3 back: the ping answers"; else fail "(c) u_as3 back: no answer"; fi
if ! { birdc "$R0" en u_as3 && birdc "$R0" en u_as4 && birdc "$R1" en u_as2; }; then
  fail "birdc en in $R0/$R1"
fi

# (d) UDP to the anycast address: one of the two instances receives it.
A0=as180h-host-0-10.180.0.100
A1=as180h-host-1-10.180.0.100
for c in "$A0" "$A1"; do
  docker exec "$c" sh -c 'rm -f /tmp/udp; nohup nc -luk 9090 >/tmp/udp 2>/dev/null &'
done
listening() { docker exec "$1" sh -c 'ss -lun | grep -q :9090'; }
if ! { within 5 listening "$A0" && within 5 listening "$A1"; }; then fail "(d) nc does not listen"; fi
# Which instance received TEXT: 0, 1, 2 for both, -1 for none (after up to 3 s).
receiver() {
  local r=-1 a b
  for _ in 1 2 3 4 5 6; do
    a=0 b=0
    docker exec "$A0" grep -qx "$1" /tmp/udp && a=1
    docker exec "$A1" grep -qx "$1" /tmp/udp && b=1
    r=$((a && b ? 2 : a ? 0 : b ? 1 : -1))
    [ "$r" -ne -1 ] && break
    sleep 0.5
  done
  echo "$r"
}
send() { docker exec "$1" sh -c "echo $2 | nc -u -w1 -q0 10.180.0.100 9090" 2>/dev/null; }
within 20 send "$H150" hello >/dev/null
r=$(receiver hello)
if [ "$r" = 0 ] || [ "$r" = 1 ]; then pass "(d) UDP hello reached exactly one instance ($r)"; else fail "(d) UDP hello reached $r"; fi

# (e) Hosts outside AS180 reach different instances.
declare -A reached=()
# SEED's container names: as<asn>h-<name>-<address> for hosts.
for container in $(docker ps --format '{{.Names}}' | grep -E '^as[0-9]+h-' | grep -v '^as180h-' | sort); do
  send "$container" "from-$container"
  r=$(receiver "from-$container")
  if [ "$r" = 0 ] || [ "$r" = 1 ]; then reached[$r]=$container; fi
done
if [ -n "${reached[0]:-}" ] && [ -n "${reached[1]:-}" ]; then
  pass "(e) ${reached[0]} reaches instance 0, ${reached[1]} instance 1"
else
  fail "(e) the hosts did not reach two different instances (${!reached[*]})"
fi

# docker-compose 1.29 stops 62 containers in parallel and now and then removes a network while an
# endpoint on it is still going away; a second `down` finishes the job. Its networks must be gone
# before the swarm starts, whose overlays reuse the same prefixes.
compose_down() {
  local attempt
  for attempt in 1 2 3; do
    if docker-compose -p "$PROJECT" down -t 1 --rmi local >"$WORK/down.log" 2>&1 &&
      [ -z "$(docker network ls -q --filter "label=com.docker.compose.project=$PROJECT")" ]; then
      return 0
    fi
    log "docker-compose down, attempt $attempt: $(tail -n 1 "$WORK/down.log")"
    sleep 2
  done
  return 1
}
compose_down || fail "docker-compose down (see the lines above)"
cd - >/dev/null || exit 1

# --- swarm -------------------------------------------------------------------------------------
# A single-node swarm that listens on loopback only.
if ! docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null; then
  give_up "docker swarm init failed"
fi
"$ASEMU" compile swarm ip-anycast -o "$WORK/swarm" --image "$SWARM_IMAGE" \
  --base-image "$BASE_IMAGE" >/dev/null || give_up "asemu compile swarm failed"
docker build -q -t "$SWARM_IMAGE" "$WORK/swarm/image" >/dev/null || give_up "docker build of the swarm image failed"
(cd "$WORK/swarm" && docker stack deploy -c docker-stack.yml "$STACK" >"$WORK/deploy.log" 2>&1) || {
  tail -n 20 "$WORK/deploy.log" >&2
  give_up "docker stack deploy failed"
}
# Every service has its one task running.
all_running() {
  [ -n "$(docker service ls -q)" ] &&
    ! docker service ls --format '{{.Replicas}}' | grep -qv '^1/1'
}
if within 180 all_running; then
  pass "swarm: all $(docker service ls -q | wc -l) services run"
else
  fail "swarm: services not running: $(docker service ls --format '{{.Name}} {{.Replicas}}' | grep -v ' 1/1' | head -n 5 | tr '\n' ' ')"
  docker service ps --no-trunc --format '{{.Name}} {{.Error}}' "$(docker service ls -q | head -n 1)" | head -n 3 >&2
fi
H150=$(docker ps -q --filter "label=com.docker.swarm.service.name=${STACK}_hnode_150_host_0" | head -n 1)
if [ -n "$H150" ] && within 120 seed_ping; then
  pass "swarm: ping 10.150.0.71 -> 10.180.0.100 across ASes"
else
  fail "swarm: no ping 10.150.0.71 -> 10.180.0.100"
fi
docker stack rm "$STACK" >/dev/null
no_containers() { [ -z "$(docker ps -aq)" ]; }
within 120 no_containers || fail "swarm: containers still there after docker stack rm"
docker swarm leave --force >/dev/null || fail "docker swarm leave"
