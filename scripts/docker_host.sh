# shellcheck shell=bash
# A Docker daemon of the caller's own, for scripts/docker_test.sh and bench/docker_vs_native.sh
# (source it; root). Everything the daemon keeps is under one temporary directory $WORK (data,
# state, socket, pid file). The host's iptables rules, IP forwarding and bridge netfilter settings
# are saved before it starts and restored by docker_host_restore; links Docker adds to the host
# (docker0, docker_gwbridge) are removed. The daemon is stopped by its pid, nothing by name.
#
#   docker_host_prepare      installs missing packages, makes $WORK, saves the host's state
#   docker_host_start        starts dockerd, exports DOCKER_HOST
#   docker_host_base_image   imports a Debian base image made by debootstrap as $BASE_IMAGE
#   docker_host_restore      stops the daemon, restores the host, removes $WORK; prints what it
#                            could not restore (nothing when all is as before)
# The caller defines log() and runs docker_host_restore from its EXIT trap.

CACHE=${ASEMU_DOCKER_CACHE:-/var/cache/asemu-docker-test}
BASE_IMAGE=${BASE_IMAGE:-asemu-base:bookworm}
# Debian's client, the same version as its daemon.
DOCKER=/usr/bin/docker
docker() { "$DOCKER" "$@"; }
dockerd_pid=
WORK=

docker_host_prepare() {
  local packages=(docker.io docker-compose debootstrap iptables nftables) missing=() p s
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null || return 1
  fi
  WORK=$(mktemp -d /tmp/asemu-docker.XXXXXX)
  iptables-save >"$WORK/iptables.before"
  nft list tables >"$WORK/nft-tables.before" 2>/dev/null || : >"$WORK/nft-tables.before"
  for s in net/ipv4/ip_forward net/bridge/bridge-nf-call-iptables net/bridge/bridge-nf-call-ip6tables; do
    [ -r "/proc/sys/$s" ] && echo "$s $(cat "/proc/sys/$s")" >>"$WORK/sysctls.before"
  done
  host_links >"$WORK/links.before"
}

host_links() { ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort; }
# iptables-save without comments and counters: what the rules are, not when they were saved.
rules_of() { grep -v '^#' | sed -E 's/\[[0-9]+:[0-9]+\]$//'; }

docker_host_start() {
  export DOCKER_HOST="unix://$WORK/docker.sock"
  dockerd --data-root "$WORK/data" --exec-root "$WORK/exec" --pidfile "$WORK/dockerd.pid" \
    -H "$DOCKER_HOST" >"$WORK/dockerd.log" 2>&1 &
  dockerd_pid=$!
  local _
  for _ in $(seq 60); do
    docker version >/dev/null 2>&1 && break
    kill -0 "$dockerd_pid" 2>/dev/null || break
    sleep 0.5
  done
  if ! docker version >/dev/null 2>&1; then
    tail -n 20 "$WORK/dockerd.log" >&2
    return 1
  fi
  log "dockerd $(docker version --format '{{.Server.Version}}') is running (pid $dockerd_pid)"
}

# The Debian mirror apt uses.
debian_mirror() {
  local m
  m=$(grep -hs -E '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' |
    grep -E '/debian/?$' | head -n 1)
  [ -n "$m" ] || m=$(grep -hs -E '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
    awk '$3 == "bookworm" {print $2}' | head -n 1)
  echo "${m:-http://deb.debian.org/debian}"
}

docker_host_base_image() {
  local tarball="$CACHE/bookworm-minbase.tar"
  if [ ! -s "$tarball" ]; then
    mkdir -p "$CACHE"
    log "debootstrap bookworm from $(debian_mirror) (cached in $tarball for later runs)"
    if ! debootstrap --variant=minbase bookworm "$WORK/rootfs" "$(debian_mirror)" \
      >"$WORK/debootstrap.log" 2>&1; then
      tail -n 20 "$WORK/debootstrap.log" >&2
      return 1
    fi
    tar -C "$WORK/rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$WORK/rootfs"
  fi
  docker import "$tarball" "$BASE_IMAGE" >/dev/null
}

docker_host_restore() {
  [ -n "$WORK" ] || return 0
  local _ link s value m left=""
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    kill -TERM "$dockerd_pid"
    for _ in $(seq 60); do
      kill -0 "$dockerd_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$dockerd_pid" 2>/dev/null; then
      log "dockerd ($dockerd_pid) did not stop; killing it"
      kill -KILL "$dockerd_pid"
    fi
    wait "$dockerd_pid" 2>/dev/null
  fi
  # Links Docker made on the host (docker0, docker_gwbridge, bridges of networks left behind).
  comm -13 "$WORK/links.before" <(host_links) | while read -r link; do
    ip link del dev "$link" 2>/dev/null
  done
  # The tables the host had are restored as they were; tables Docker created are removed.
  iptables-restore <"$WORK/iptables.before"
  nft list tables 2>/dev/null | sort | comm -13 <(sort "$WORK/nft-tables.before") - |
    while read -r _ family table; do
      nft delete table "$family" "$table"
    done
  while read -r s value; do
    echo "$value" >"/proc/sys/$s"
    [ "$(cat "/proc/sys/$s")" = "$value" ] || left+=" $s"
  done <"$WORK/sysctls.before"
  # Mounts the daemon may have left (it unmounts on a clean stop).
  awk -v w="$WORK" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m"
  done
  [ "$(iptables-save | rules_of)" = "$(rules_of <"$WORK/iptables.before")" ] || left+=" iptables-rules"
  [ -z "$(comm -13 "$WORK/links.before" <(host_links))" ] || left+=" links"
  rm -rf "$WORK"
  WORK=
  echo "$left"
}
