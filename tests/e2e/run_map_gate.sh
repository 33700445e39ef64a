#!/usr/bin/env bash
# `asemu map` over a real socket on 127.0.0.1, serving a rendered plan (no emulation, no root):
# without the token every API call and WebSocket is refused; a Host other than the server's is
# refused even with the token; a WebSocket or POST from a foreign Origin is refused; the printed
# URL sets the cookie and redirects to the clean URL, after which the page, the API and the
# event stream answer. Usage: run_map_gate.sh ASEMU.
set -euo pipefail
asemu=$1
source "$(dirname "$0")/map_server.sh"
with_scratch

fail() { echo "FAIL: $*"; exit 1; }
# status CURL_ARGS...: prints the HTTP status; the body goes to $work/body
status() { curl -s -o "$work/body" -w '%{http_code}' --max-time 5 "$@" || true; }
# upgrade URL CURL_ARGS...: the status of a WebSocket upgrade (101 when accepted)
upgrade() {
  local url=$1
  shift
  curl -s -o "$work/body" -w '%{http_code}' --max-time 2 --http1.1 \
    -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
    -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$@" "$url" || true
}

"$asemu" render ip-anycast --json >"$work/plan.json"
start_map "$work/log" timeout 60 "$asemu" map --plan "$work/plan.json" --listen 127.0.0.1:0
token=${url##*access=}
[[ $token =~ ^[0-9a-f]{32}$ ]] || fail "no access token in the printed URL: $url"
base=${url%%/\?access=*}
port=${base##*:}
bearer=(-H "Authorization: Bearer $token")

# No token: refused, loopback or not.
for path in / /api/session /api/graph /api/nodes; do
  [[ $(status "$base$path") == 401 ]] || fail "$path without the token is not 401"
done
grep -q 'missing or wrong access token' "$work/body" || fail "401 without a clear message"
[[ $(status -X POST -d '{"filter":"icmp"}' "$base/api/filter") == 401 ]] ||
  fail "a POST without the token is not 401"
[[ $(upgrade "$base/api/events?filter=icmp") == 401 ]] || fail "a WebSocket without the token is not 401"
[[ $(upgrade "$base/api/console?node=as180/router0") == 401 ]] ||
  fail "a console WebSocket without the token is not 401"
[[ $(status "$base/?access=0123456789abcdef0123456789abcdef") == 401 ]] || fail "a wrong token is accepted"

# Wrong Host (DNS rebinding): refused even with the token.
[[ $(status "${bearer[@]}" -H "Host: rebind.example:$port" "$base/api/graph") == 421 ]] ||
  fail "a foreign Host is not refused"
[[ $(status -H "Host: rebind.example:$port" "$url") == 421 ]] ||
  fail "a foreign Host is not refused on the page load with the token"
[[ $(upgrade "$base/api/events" "${bearer[@]}" -H "Host: rebind.example:$port") == 421 ]] ||
  fail "a WebSocket with a foreign Host is not refused"

# Foreign Origin: refused on WebSockets and POSTs even with the token.
[[ $(upgrade "$base/api/events?filter=icmp" "${bearer[@]}" -H 'Origin: http://evil.example') == 403 ]] ||
  fail "a WebSocket from a foreign Origin is not refused"
[[ $(status "${bearer[@]}" -H 'Origin: http://evil.example' -X POST -d '{"filter":"icmp"}' \
  "$base/api/filter") == 403 ]] || fail "a POST from a foreign Origin is not refused"

# The printed URL: cookie and redirect to the clean URL, then everything works.
[[ $(status -c "$work/jar" "$url") == 303 ]] || fail "the printed URL does not redirect"
grep -q "asemu_access_$port" "$work/jar" || fail "no access cookie was set"
grep -q '#HttpOnly_' "$work/jar" || fail "the access cookie is not HttpOnly"
curl -s -D - -o /dev/null --max-time 5 "$url" | grep -qi '^set-cookie:.*SameSite=Strict' ||
  fail "the access cookie is not SameSite=Strict"
[[ $(status -L -b "$work/jar" -c "$work/jar" "$url") == 200 ]] || fail "the printed URL does not load the page"
grep -q '<title>' "$work/body" || fail "the page is not served"
[[ $(status -b "$work/jar" "$base/api/session") == 200 ]] || fail "the cookie is not accepted"
grep -q '"emulation"' "$work/body" || fail "/api/session does not name the emulation"
! grep -q "$token" "$work/body" || fail "/api/session hands out the token"
[[ $(status "${bearer[@]}" -H "Host: localhost:$port" "$base/api/graph") == 200 ]] ||
  fail "the bearer token with Host localhost:PORT is not accepted"
[[ $(status -b "$work/jar" -H "Origin: $base" -X POST -d '{"filter":"icmp"}' \
  "$base/api/filter") == 200 ]] || fail "a POST from the page's own Origin is refused"
# A plan is not running: the event stream is accepted and then says why it has no packets.
[[ $(upgrade "$base/api/events?filter=icmp" -b "$work/jar" -H "Origin: $base") == 101 ]] ||
  fail "the event stream with the token from the page's Origin is not accepted"
# Oversized requests get an answer, and the server keeps serving.
[[ $(status "${bearer[@]}" -H "X-Padding: $(head -c 9000 /dev/zero | tr '\0' a)" "$base/api/graph") == 413 ]] ||
  fail "a request with 9 KB of headers is not answered 413"
# Bytes that are not UTF-8 in a header the refusal repeats: answered, never fatal.
[[ $(status -H $'Host: \xff' "$base/api/graph") == 421 ]] || fail "a Host of invalid UTF-8 is not answered 421"
[[ $(status "${bearer[@]}" -X POST -H $'Origin: http://\xfe' "$base/api/filter") == 403 ]] ||
  fail "an Origin of invalid UTF-8 is not answered 403"
[[ $(status "${bearer[@]}" "$base/api/graph") == 200 ]] || fail "the server stopped answering"
kill -0 "$server" || fail "the server died"
echo PASS
