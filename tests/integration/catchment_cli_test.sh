#!/bin/sh
# `asemu catchment` and `asemu failover` end to end on the anycast demo (root, iproute2, bird2):
# measured equals predicted for every AS; with site 1's sessions disabled every AS reaches site 0
# (both sides), and back after enabling them; failover figures; one-line errors for bad input.
# Then the prefix-hijack example: catchment of the victim before, during and after the hijack.
# Usage: catchment_cli_test.sh PATH_TO_ASEMU
set -u
ASEMU=$1
NAME=catchtest$$
. "$(dirname "$0")/cli_checks.sh"
# Counts of "origin" values in a catchment --json, for one side: "as180/host-0:12 ..."
origins() {  # origins JSON SIDE
  echo "$1" | sed -n "/\"$2\": {/,/}/s/^ *\"origin\": \"\(.*\)\"$/\1/p" | sort | uniq -c |
    awk '{printf "%s%s:%s", (NR>1?" ":""), $2, $1}'
}

# Errors before anything runs.
out=$("$ASEMU" catchment -e "$NAME" 10.180.0 2>&1)
expect_eq "bad address" "asemu: 10.180.0: is not an IPv4 address (write it as a dotted quad, e.g. 10.180.0.100)" "$out"
out=$("$ASEMU" catchment -e "$NAME" 10.180.0.100 2>&1)
case "$out" in "asemu: $NAME: no emulation of this name is running"*) ;; *) fail "not running: $out" ;; esac
expect_eq "errors are one line" "1" "$(echo "$out" | wc -l)"

"$ASEMU" up ip-anycast --name "$NAME" -q >/dev/null || { echo "FAIL: up"; exit 1; }

out=$("$ASEMU" catchment -e "$NAME" 10.99.0.1 2>&1)
expect_eq "no origin" "asemu: catchment: no router originates a route for 10.99.0.1 and no node holds it (check the address)" "$out"
out=$("$ASEMU" failover -e "$NAME" 10.180.0.100 --cause reboot as180/router1 2>&1)
case "$out" in "asemu: --cause: unknown cause 'reboot' (known: disable, kill, link-down)"*) ;; *) fail "bad cause: $out" ;; esac
out=$("$ASEMU" failover -e "$NAME" 10.180.0.100 --cause disable as999/router0 2>&1)
case "$out" in "asemu: ip-anycast: no node matches 'as999/router0'"*) ;; *) fail "unknown router: $out" ;; esac
expect_eq "errors are one line" "1" "$(echo "$out" | wc -l)"
out=$("$ASEMU" failover -e "$NAME" 10.180.0.100 --cause disable as180/host-0 2>&1)
expect_eq "failover on a host" "asemu: as180/host-0: runs no BIRD (it is a Host); name the router of a site" "$out"

# Both sites serve: measured equals predicted for every AS (exit 0), and both sites are used.
json=$("$ASEMU" catchment -e "$NAME" 10.180.0.100 --json) || fail "catchment exit code (sites differ?): $json"
echo "$json" | grep -q '"all_agree": true' || fail "measured and predicted differ: $json"
expect_eq "measured = predicted" "$(origins "$json" predicted)" "$(origins "$json" measured)"
case "$(origins "$json" predicted)" in
  as180/host-0:*" as180/host-1:"*) ;;
  *) fail "both sites should have a catchment: $(origins "$json" predicted)" ;;
esac
ases=$(echo "$json" | grep -c '"asn":')
expect_eq "every AS" "18" "$ases"
"$ASEMU" catchment -e "$NAME" 10.180.0.100 | grep -q "^AS150 " || fail "table has no AS150 row"

# Site 1 withdrawn: every AS reaches site 0, measured and predicted.
"$ASEMU" bgp -e "$NAME" as180/router1 disable >/dev/null || fail "bgp disable"
ok=0
for i in 1 2 3 4 5 6 7 8 9 10; do
  json=$("$ASEMU" catchment -e "$NAME" 10.180.0.100 --json) &&
    [ "$(origins "$json" measured)" = "as180/host-0:18" ] && [ "$(origins "$json" predicted)" = "as180/host-0:18" ] && { ok=1; break; }
  sleep 1
done
[ $ok = 1 ] || fail "site 1 disabled: not every AS reaches site 0: measured $(origins "$json" measured), predicted $(origins "$json" predicted)"

# Back: both sites again.
"$ASEMU" bgp -e "$NAME" as180/router1 enable >/dev/null || fail "bgp enable"
ok=0
for i in $(seq 1 20); do
  json=$("$ASEMU" catchment -e "$NAME" 10.180.0.100 --json) &&
    case "$(origins "$json" measured)" in *as180/host-1:*) true ;; *) false ;; esac && { ok=1; break; }
  sleep 1
done
[ $ok = 1 ] || fail "site 1 enabled again: no AS reaches it: $(origins "$json" measured)"

# Failover: site 1 disabled at time 0; the ASes it served switch to site 0; restored afterwards.
before=$("$ASEMU" catchment -e "$NAME" 10.180.0.100 --json --predicted-only)
movers=$(echo "$before" | grep -c '"origin": "as180/host-1"')
fo=$("$ASEMU" failover -e "$NAME" 10.180.0.100 --cause disable as180/router1 --duration 10 --json) || fail "failover exit code"
echo "$fo"
switched=$(echo "$fo" | grep -c '"after": "as180/host-0"')
expect_eq "every AS ends at site 0" "$(echo "$fo" | grep -c '"asn":')" "$switched"
echo "$fo" | grep -q '"restored": "enabled 2 sessions of as180/router1; BGP established again' || fail "site not restored"
"$ASEMU" bgp -e "$NAME" as180/router1 list | grep -q "^u_as2 .*Established" || fail "router1 sessions not back"
# The ASes that switch are the ones site 1 served, and each switches within a second (about
# 0.02-0.05 s on an idle machine: BIRD withdraws at once).
expect_eq "ASes that switch" "$movers" "$(echo "$fo" | grep -c '"switch": [0-9]')"
worst=$(echo "$fo" | sed -n '/"switch": {/,/}/s/^ *"worst": \([0-9.]*\)$/\1/p')
echo "ASes served by site 1 before: $movers; worst switch: $worst s"
awk -v w="$worst" 'BEGIN { exit !(w != "" && w < 1.0) }' || fail "worst switch time '$worst' is not under 1 s"

# kill: BIRD of router0 is killed and started again; the emulation stays usable.
fo=$("$ASEMU" failover -e "$NAME" 10.180.0.100 --cause kill as180/router0 --from 2,3,150 --duration 5) || fail "failover kill"
echo "$fo"
echo "$fo" | grep -q "Restored: started as180/router0's BIRD again; BGP established again" || fail "BIRD not restarted"
"$ASEMU" status "$NAME" >/dev/null || fail "status after kill failover"

# The prefix-hijack lab: no AS is hijacked; then the attacker's two /25s draw some ASes but not
# all, measured as predicted; after the withdrawal every AS reaches the victim again.
"$ASEMU" down "$NAME" -q >/dev/null || fail "down of the anycast demo"
"$ASEMU" up prefix-hijack --name "$NAME" -q >/dev/null || { echo "FAIL: up prefix-hijack"; exit 1; }
VICTIM=10.153.0.71
ATTACKER=as199/router0
# wait_catchment TEST...: retries for 10 s until `catchment --json` (in $json) passes TEST.
wait_catchment() {
  for i in $(seq 1 20); do
    json=$("$ASEMU" catchment -e "$NAME" "$VICTIM" --json) && "$@" && return 0
    sleep 0.5
  done
  return 1
}
unhijacked() {
  echo "$json" | grep -q '"all_agree": true' && ! echo "$json" | grep -q "\"origin\": \"$ATTACKER\""
}
hijacked_in_part() {
  echo "$json" | grep -q '"all_agree": true' || return 1
  [ "$(origins "$json" measured)" = "$(origins "$json" predicted)" ] || return 1
  n=$(echo "$json" | grep -c "\"origin\": \"$ATTACKER\"")
  total=$(echo "$json" | grep -c '"asn":')
  [ "$n" -gt 0 ] && [ "$n" -lt $((2 * total)) ]  # counted on both sides
}
wait_catchment unhijacked || fail "before the announcement some AS reaches the attacker: $(origins "$json" measured)"
"$ASEMU" bgp -e "$NAME" "$ATTACKER" announce 10.153.0.0/25 >/dev/null || fail "announce"
"$ASEMU" bgp -e "$NAME" "$ATTACKER" announce 10.153.0.128/25 >/dev/null || fail "announce"
wait_catchment hijacked_in_part ||
  fail "hijack: measured $(origins "$json" measured), predicted $(origins "$json" predicted)"
echo "hijacked: $(origins "$json" measured)"
# Failover from the attacker: with its sessions disabled, every hijacked AS (but the attacker's
# own, cut off with it) is answered by the victim within a second; the hijack is back after.
fo=$("$ASEMU" failover -e "$NAME" "$VICTIM" --cause disable "$ATTACKER" --duration 5 --json) || fail "failover from the attacker"
verdict=$(echo "$fo" | python3 -c '
import json, sys
r = json.load(sys.stdin)
hijacked = [a for a in r["ases"] if a["before"] == "as199/router0" and a["asn"] != 199]
bad = [a["asn"] for a in hijacked if a["after"] != "as153/host_0" or a["switch"] is None or a["switch"] > 1.0]
print(len(hijacked), "bad:" + ",".join(map(str, bad)) if bad else "ok")')
echo "failover from the attacker: $verdict"
case "$verdict" in 0\ *) fail "failover: no AS was hijacked before time 0" ;; *" ok") ;; *) fail "failover from the attacker: $verdict" ;; esac
wait_catchment hijacked_in_part || fail "the hijack is not back after the failover: $(origins "$json" measured)"
"$ASEMU" bgp -e "$NAME" "$ATTACKER" withdraw 10.153.0.0/25 >/dev/null || fail "withdraw"
"$ASEMU" bgp -e "$NAME" "$ATTACKER" withdraw 10.153.0.128/25 >/dev/null || fail "withdraw"
wait_catchment unhijacked || fail "after the withdrawal: $(origins "$json" measured)"

# The anycast demo under `--bgp-timers fast --bfd`: a cut exchange link moves site 1's ASes to
# site 0 within a second (under SEED's timers it waits for the 240 s hold time).
"$ASEMU" down "$NAME" -q >/dev/null || fail "down of prefix-hijack"
"$ASEMU" up ip-anycast --name "$NAME" -q --bgp-timers fast --bfd >/dev/null || { echo "FAIL: up --bgp-timers fast --bfd"; exit 1; }
conf=$("$ASEMU" exec -e "$NAME" as180/router1 -- cat /etc/bird/bird.conf)
echo "$conf" | grep -q "hold time 3;" || fail "--bgp-timers fast: no 'hold time 3' in bird.conf"
echo "$conf" | grep -q "bfd on;" || fail "--bfd: no 'bfd on' in bird.conf"
for i in $(seq 1 25); do  # BFD sessions come up after the BGP sessions
  "$ASEMU" exec -e "$NAME" as180/router1 -- birdc -r show bfd sessions | grep -q " Up " && break
  sleep 0.2
done
fo=$("$ASEMU" failover -e "$NAME" 10.180.0.100 --cause link-down as180/router1 --duration 5 --json) || fail "failover link-down"
worst=$(echo "$fo" | sed -n '/"switch": {/,/}/s/^ *"worst": \([0-9.]*\)$/\1/p')
echo "link-down under fast + BFD: worst switch $worst s"
awk -v w="$worst" 'BEGIN { exit !(w != "" && w < 1.0) }' || fail "link-down with BFD: worst switch '$worst' is not under 1 s"
expect_eq "not recovered" "0" "$(echo "$fo" | sed -n 's/^ *"not_recovered": \([0-9]*\),*$/\1/p')"

exit $FAILED
