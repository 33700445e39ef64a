#!/usr/bin/env bash
# Runs the anycast demo, serves its map, and drives it with Chromium (anycast_map.test.js).
# Usage: run_anycast_map.sh ASEMU ARTIFACT_DIR. Needs root. Removes the emulation and stops the
# map server on every exit path; bounded by `timeout`.
set -euo pipefail
asemu=$1
artifacts=$2
name=e2emap$$
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
server=
cleanup() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  "$asemu" down "$name" >/dev/null 2>&1 || true
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

timeout 90 "$asemu" up ip-anycast --name "$name" >/dev/null
timeout 200 "$asemu" map -e "$name" --listen 127.0.0.1:0 >"$log" 2>&1 &
server=$!
url=
for _ in $(seq 50); do
  url=$(grep -o 'http://[^ ]*' "$log" || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { echo "asemu map did not start:"; cat "$log"; exit 1; }
echo "map at $url"
timeout 150 node "$here/anycast_map.test.js" "$url" "$asemu" "$name" "$artifacts"
