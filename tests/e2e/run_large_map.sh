#!/usr/bin/env bash
# The map of the built-in 1,000-AS Internet, served from its rendered plan (no emulation, no
# root), driven by Chromium (large_map.test.js). Usage: run_large_map.sh ASEMU ARTIFACT_DIR.
set -euo pipefail
asemu=$1
artifacts=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/map_server.sh"
with_scratch

"$asemu" render internet-1000 --json >"$work/plan.json"
start_map "$work/log" timeout 150 "$asemu" map --plan "$work/plan.json" --listen 127.0.0.1:0
timeout 120 node "$here/large_map.test.js" "$url" "$artifacts"
