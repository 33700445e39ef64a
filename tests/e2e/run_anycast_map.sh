#!/usr/bin/env bash
# Runs the anycast demo, serves its map (with --console), drives it with Chromium
# (anycast_map.test.js), then drives the console and event WebSockets (map_ws_probe.py).
# Usage: run_anycast_map.sh ASEMU ARTIFACT_DIR. Needs root. Removes the emulation and stops the
# map server on every exit path; bounded by `timeout`.
set -euo pipefail
asemu=$1
artifacts=$2
name=e2emap$$
here=$(cd "$(dirname "$0")" && pwd)
source "$here/map_server.sh"
log=$(mktemp)
server=
cleanup() {
  stop_map
  "$asemu" down "$name" >/dev/null 2>&1 || true
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

timeout 90 "$asemu" up ip-anycast --name "$name" >/dev/null
start_map "$log" timeout 200 "$asemu" map -e "$name" --listen 127.0.0.1:0 --console
echo "map at $url"
timeout 150 node "$here/anycast_map.test.js" "$url" "$asemu" "$name" "$artifacts"
# A root shell in a node through the console WebSocket (the fork-safe start), the cap on event
# streams, and malformed messages answered without ending either stream.
token=${url##*access=}
timeout 40 python3 "$here/map_ws_probe.py" console "${url%%/\?access=*}" "$token" as180/router0
timeout 40 python3 "$here/map_ws_probe.py" events "${url%%/\?access=*}" "$token"
