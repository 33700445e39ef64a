#!/usr/bin/env bash
# `asemu map` on a non-loopback address requires the access token it prints: without it every
# request is 401; ?access=TOKEN sets a cookie and redirects to the clean URL, and later requests
# carry the cookie; scripts may send it as a bearer token. Host must be the listen address (or
# localhost) with the port, and a foreign Origin is refused on a control action.
# The server listens inside a namespace of its own (on 192.0.2.1, a documentation address), so
# nothing is exposed on the host. Usage: run_access_token.sh ASEMU. Needs root.
set -euo pipefail
asemu=$1
source "$(dirname "$0")/map_server.sh"
ns=mapaccess$$
work=$(mktemp -d)
server=
cleanup() {
  stop_map
  ip netns delete "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_ns() { ip netns exec "$ns" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
# status BODY_FILE CURL_ARGS...: prints the HTTP status
status() {
  local out=$1
  shift
  in_ns curl -s -o "$out" -w '%{http_code}' --max-time 5 "$@"
}

ip netns add "$ns"
in_ns ip link set lo up
in_ns ip addr add 192.0.2.1/32 dev lo

"$asemu" render ip-anycast --json >"$work/plan.json"
# ip netns exec replaces itself by timeout, so $server is the process that stop_map ends.
start_map "$work/log" ip netns exec "$ns" timeout 60 "$asemu" map --plan "$work/plan.json" --listen 192.0.2.1:8080
token=${url##*access=}
[[ $token =~ ^[0-9a-f]{32}$ ]] || fail "no access token in the printed URL: $url"
base=http://192.0.2.1:8080

[[ $(status "$work/b" "$base/") == 401 ]] || fail "the page without the token is not 401"
grep -q 'missing or wrong access token' "$work/b" || fail "401 without a clear message: $(cat "$work/b")"
[[ $(status "$work/b" "$base/api/graph") == 401 ]] || fail "the API without the token is not 401"
[[ $(status "$work/b" "$base/?access=0123456789abcdef0123456789abcdef") == 401 ]] ||
  fail "a wrong token is accepted"
[[ $(status "$work/b" -c "$work/jar" "$url") == 303 ]] || fail "the printed URL does not redirect"
grep -q 'asemu_access_8080' "$work/jar" || fail "no access cookie was set"
[[ $(status "$work/b" -L -b "$work/jar" "$url") == 200 ]] || fail "the printed URL does not load"
[[ $(status "$work/b" -b "$work/jar" "$base/api/graph") == 200 ]] || fail "the cookie is not accepted"
[[ $(status "$work/b" -H "Authorization: Bearer $token" "$base/api/session") == 200 ]] ||
  fail "the bearer token is not accepted"
! grep -q "$token" "$work/b" || fail "/api/session hands out the access token"
[[ $(status "$work/b" -H "Authorization: Bearer $token" -H 'Host: 127.0.0.1:8080' \
  "$base/api/graph") == 421 ]] || fail "a loopback Host is accepted by a server on 192.0.2.1"
[[ $(status "$work/b" -H "Authorization: Bearer $token" -H 'Host: localhost:8080' \
  "$base/api/graph") == 200 ]] || fail "Host localhost:8080 is refused"
[[ $(status "$work/b" -H "Authorization: Bearer $token" -H 'Origin: http://evil.example' -X POST \
  -d '{"node":"as180/router0","session":"u_as3","action":"disable"}' "$base/api/bgp") == 403 ]] ||
  fail "a control action from a foreign Origin is not 403"
echo PASS
