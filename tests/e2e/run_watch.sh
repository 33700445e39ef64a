#!/usr/bin/env bash
# `asemu watch --filter icmp --json` names the anycast instance that serves a ping, as decided by
# BGP: with router0's sessions disabled it must be host-1, with router1's disabled host-0.
# Usage: run_watch.sh ASEMU. Needs root; removes the emulation on every exit path.
set -euo pipefail
asemu=$1
name=e2ewatch$$
out=$(mktemp)
cleanup() {
  "$asemu" down "$name" >/dev/null 2>&1 || true
  rm -f "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

timeout 90 "$asemu" up ip-anycast --name "$name" >/dev/null

sessions() {  # ROUTER ACTION
  for s in $("$asemu" bgp -e "$name" "$1" list --json | python3 -c \
      'import json,sys; print(" ".join(s["name"] for s in json.load(sys.stdin)["sessions"]))'); do
    "$asemu" bgp -e "$name" "$1" "$2" "$s" >/dev/null
  done
}

expect_serving() {  # HOST OTHER
  local deadline=$((SECONDS + 20))
  while ((SECONDS < deadline)); do
    timeout 10 "$asemu" watch -e "$name" --filter icmp --json --duration 3 >"$out" &
    local watcher=$!
    sleep 0.5
    timeout 5 "$asemu" exec -e "$name" 10.150.0.71 -- ping -c 3 -i 0.3 -W 1 10.180.0.100 \
      >/dev/null || true
    wait "$watcher"
    if python3 - "$out" "$1" "$2" <<'PY'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
want, other = sys.argv[2], sys.argv[3]
requests = [e for e in events if "echo request 10.150.0.71 > 10.180.0.100" in e["summary"]]
nodes = {e["node"] for e in requests if e["direction"] == "to"}
print(f"  {len(events)} events, echo requests delivered to: {sorted(nodes)}")
sys.exit(0 if want in nodes and other not in nodes else 1)
PY
    then
      echo "watch names $1 as the serving instance"
      return 0
    fi
  done
  echo "FAIL: watch did not name $1 (and only it) within 20 s"
  return 1
}

sessions as180/router0 disable
expect_serving as180/host-1 as180/host-0
sessions as180/router0 enable
sessions as180/router1 disable
expect_serving as180/host-0 as180/host-1
echo PASS
