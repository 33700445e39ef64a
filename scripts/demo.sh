#!/usr/bin/env bash
# The IP-anycast demo of the SEED Internet Emulator, run natively on this machine:
# installs what is needed, builds asemu, brings the demo up (network namespaces + BIRD), shows
# which of the two 10.180.0.100 hosts a ping and a UDP message reach, disables that site's BGP
# sessions, shows the traffic moving to the other site, and tears everything down.
#   KEEP=1 scripts/demo.sh   leaves the emulation running for you to explore
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
./scripts/build.sh
asemu=./build/src/cli/asemu
name=anycast-demo

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

say "The topology: SEED's mini Internet plus AS-180 with two sites announcing 10.180.0.0/24"
"$asemu" show ip-anycast | sed -n '1p'
"$asemu" show ip-anycast | sed -n '/^AS180$/,/^$/p'

if ! "$asemu" up --help >/dev/null 2>&1; then
  echo "(this build has no native runtime; the plan above is what it would run)"
  exit 0
fi

cleanup() { [ "${KEEP:-0}" = 1 ] || "$asemu" down "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$asemu" down "$name" >/dev/null 2>&1 || true

say "asemu up: 62 nodes, every BGP session Established"
"$asemu" up ip-anycast --name "$name"

say "ping 10.180.0.100 from AS150's host_0 (10.150.0.71)"
"$asemu" exec -e "$name" 10.150.0.71 -- ping -c 3 -W 1 10.180.0.100

# A UDP server on each anycast host; whichever receives the message is the site in use.
tmp=$(mktemp -d)
listen() { timeout 30 "$asemu" exec -e "$name" "as180/$1" -- nc -luk 9090 >"$tmp/$1" 2>/dev/null & }
listen host-0
listen host-1
sleep 0.5
send() { echo "$1" | "$asemu" exec -e "$name" 10.150.0.71 -- nc -u -w1 10.180.0.100 9090 || true; }
serving() {
  sleep 0.3
  if grep -q "$1" "$tmp/host-0"; then echo host-0; elif grep -q "$1" "$tmp/host-1"; then echo host-1; fi
}

say "echo hello | nc -u 10.180.0.100 9090 from 10.150.0.71"
site=""
for try in 1 2 3 4 5; do  # until the two listeners are up
  send "hello-$try"
  site=$(serving "hello-$try")
  [ -n "$site" ] && break
done
[ -n "$site" ] || { echo "demo: no anycast host received the message" >&2; exit 1; }
echo "received by as180/$site"

if [ "$site" = host-0 ]; then router=router0; other=host-1; else router=router1; other=host-0; fi
say "disable the BGP sessions of as180/$router (the site in use)"
"$asemu" bgp -e "$name" "as180/$router" list
"$asemu" bgp -e "$name" "as180/$router" disable
"$asemu" bgp -e "$name" "as180/$router" list

say "the same ping and message now reach the other site"
"$asemu" exec -e "$name" 10.150.0.71 -- ping -c 3 -W 1 10.180.0.100
send hello-2
echo "received by as180/$(serving hello-2) (expected $other)"
kill %1 %2 2>/dev/null || true
rm -rf "$tmp"

if [ "${KEEP:-0}" = 1 ]; then
  say "left running: try  $asemu exec -e $name as180/router0 -- birdc show protocols"
else
  say "asemu down"
fi
