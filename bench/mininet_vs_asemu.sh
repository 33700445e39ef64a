#!/usr/bin/env bash
# One L2 network of N hosts, started and stopped by Mininet and by asemu in the same run.
#
#   bench/mininet_vs_asemu.sh [ASEMU] [N...]     (default: build/src/cli/asemu 50 100 200 500)
#
# Mininet (Debian's mininet and bridge-utils, installed when missing) builds `--topo single,N`
# with Linux bridges (`--switch lxbr`) and no controller. It runs inside a network namespace
# made for this run, so its switch and links never touch the host's own namespace, and removing
# that namespace removes whatever Mininet left there; `mn -c` is never run. asemu brings up one
# AS with one network of N hosts (Base layer only) and takes it down again; a ping from the
# first host to the last checks the LAN between the two, untimed. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
asemu=${1:-build/src/cli/asemu}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 100 200 500)

[ "$(id -u)" = 0 ] || { echo "mininet_vs_asemu: needs root" >&2; exit 1; }
[ -x "$asemu" ] || { echo "mininet_vs_asemu: $asemu not built (run ./scripts/build.sh)" >&2; exit 1; }
if ! command -v mn >/dev/null || ! command -v brctl >/dev/null; then
  echo "installing mininet and bridge-utils..." >&2
  apt-get install -y --no-install-recommends mininet bridge-utils >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends mininet bridge-utils >/dev/null; }
fi

work=$(mktemp -d)
scratch="asemu-mnbench-$$"
emulation="mnbench$$"
stop_scratch() {
  # Every process Mininet left in the scratch namespace, then the namespace with its links.
  ip netns pids "$scratch" 2>/dev/null | while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done
  ip netns delete "$scratch" 2>/dev/null || true
}
cleanup() {
  stop_scratch
  "$asemu" down "$emulation" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }

topology() {  # one AS, one /16 network, $1 hosts with explicit addresses
  local n=$1 i
  echo "name: $emulation"
  echo "layers: [Base]"
  echo "ases:"
  echo "  - asn: 20"
  echo "    networks: [{name: net0, prefix: 10.20.0.0/16}]"
  echo "    hosts:"
  for ((i = 0; i < n; i++)); do
    echo "      - {name: h$i, joins: [{network: net0, address: 10.20.$(((i + 1) / 256)).$(((i + 1) % 256))}]}"
  done
}

printf '| hosts | Mininet start+stop s | asemu up+down s | Mininet / asemu |\n|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  ip netns add "$scratch"
  t0=$(now)
  ip netns exec "$scratch" mn --topo "single,$n" --switch lxbr --controller none --test none \
    >"$work/mn.log" 2>&1 || { echo "mininet failed for $n hosts:" >&2; tail -5 "$work/mn.log" >&2; exit 1; }
  t1=$(now)
  stop_scratch

  topology "$n" >"$work/lan.yaml"
  t2=$(now)
  "$asemu" up "$work/lan.yaml" >/dev/null 2>"$work/asemu.log" || { cat "$work/asemu.log" >&2; exit 1; }
  t3=$(now)
  "$asemu" exec -e "$emulation" as20/h0 -- ping -c1 -W2 "10.20.$((n / 256)).$((n % 256))" >/dev/null
  t4=$(now)
  "$asemu" down "$emulation" >/dev/null 2>"$work/asemu.log" || { cat "$work/asemu.log" >&2; exit 1; }
  t5=$(now)
  awk -v n="$n" -v m="$t0 $t1" -v a="$t2 $t3 $t4 $t5" 'BEGIN {
    split(m, x, " "); split(a, y, " ")
    mn = x[2] - x[1]; as = (y[2] - y[1]) + (y[4] - y[3])
    printf "| %d | %.2f | %.2f | %.1f |\n", n, mn, as, mn / as }'
done
