#!/usr/bin/env bash
# Seconds from nothing to the first anycast ping (10.150.0.71 -> 10.180.0.100) of the anycast
# demo, on Docker and natively, in one run (root, Debian 12):
#   docker, cold  compile, docker-compose build with an empty build cache, up -d, first ping
#   docker, warm  the same again after `down`, the node images' package layer already built
#   native        asemu up --no-wait, first ping
# Docker runs on a daemon of the script's own (scripts/docker_host.sh); the Debian base image is
# imported before the clock starts. Prints a table with each figure's ratio to native.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

ASEMU=${ASEMU:-$PWD/build/src/cli/asemu}
PROJECT=asemu-bench
NATIVE=asemu-bench
log() { echo "docker-vs-native: $*" >&2; }

[ "$(id -u)" -eq 0 ] || {
  log "run as root"
  exit 1
}
[ -x "$ASEMU" ] || {
  log "$ASEMU is missing; build first (./scripts/build.sh)"
  exit 1
}
# shellcheck source=scripts/docker_host.sh
. scripts/docker_host.sh

native_up=0
finish() {
  local rc=$?
  set +e
  [ "$native_up" = 1 ] && "$ASEMU" down "$NATIVE" >/dev/null 2>&1
  if [ -n "$WORK" ] && [ -f "$WORK/out/docker-compose.yml" ]; then
    (cd "$WORK/out" && docker-compose -p "$PROJECT" down -t 1 --rmi local >/dev/null 2>&1)
  fi
  local left
  left=$(docker_host_restore)
  [ -z "$left" ] || log "could not restore:$left"
  exit "$rc"
}
trap finish EXIT
trap 'exit 1' INT TERM

now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
# Runs CMD... until it succeeds (at most 300 s).
until_ok() {
  local end=$((SECONDS + 300))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.2
  done
}

docker_host_prepare || exit 1
docker_host_start || exit 1
docker_host_base_image || exit 1

# One Docker run: compile, build, up, first ping; prints the seconds.
docker_run() {
  local t0
  t0=$(now)
  "$ASEMU" compile docker ip-anycast -o "$WORK/out" --force --self-managed-network \
    --base-image "$BASE_IMAGE" >/dev/null || return 1
  (cd "$WORK/out" && docker-compose -p "$PROJECT" build -q >/dev/null 2>&1 &&
    docker-compose -p "$PROJECT" up -d >/dev/null 2>&1) || return 1
  until_ok docker exec as150h-host_0-10.150.0.71 ping -c 1 -W 1 10.180.0.100 || return 1
  since "$t0"
}

log "docker, cold build cache"
cold=$(docker_run) || {
  log "docker run failed"
  exit 1
}
(cd "$WORK/out" && docker-compose -p "$PROJECT" down -t 1 >/dev/null 2>&1)
log "docker, warm build cache"
warm=$(docker_run) || {
  log "docker run failed"
  exit 1
}
(cd "$WORK/out" && docker-compose -p "$PROJECT" down -t 1 --rmi local >/dev/null 2>&1)

log "native"
t0=$(now)
native_up=1
"$ASEMU" up ip-anycast --name "$NATIVE" --no-wait >/dev/null 2>&1 || exit 1
until_ok "$ASEMU" exec -e "$NATIVE" 10.150.0.71 -- ping -c 1 -W 1 10.180.0.100 || exit 1
native=$(since "$t0")

printf '\n%-44s %10s %8s\n' "anycast demo, start to first ping" seconds "x native"
for row in "docker-compose, cold build cache:$cold" "docker-compose, warm build cache:$warm" \
  "asemu up (native):$native"; do
  printf '%-44s %10.2f %8.1f\n' "${row%%:*}" "${row##*:}" "$(awk -v a="${row##*:}" -v b="$native" 'BEGIN { print a / b }')"
done
