#!/bin/sh
# The runtime verbs of the `asemu` command, end to end on the anycast demo (root, iproute2, bird2):
# up, status, exec with the three ways of naming a node, bgp list/disable/enable, errors, down.
# Usage: cli_test.sh PATH_TO_ASEMU
set -u
ASEMU=$1
NAME=clitest$$
. "$(dirname "$0")/cli_checks.sh"

"$ASEMU" up ip-anycast --name "$NAME" -q >/dev/null || { echo "FAIL: up"; exit 1; }

# A second emulation of the same name is refused before anything is created.
out=$("$ASEMU" up ip-anycast --name "$NAME" -q 2>&1)
expect_eq "up twice" "asemu: $NAME: an emulation of this name is already running (stop it with 'asemu down $NAME' or choose another name with --name)" "$out"

# status: every daemon runs, every session is established.
json=$("$ASEMU" status "$NAME" --json) || fail "status exit code"
field() { echo "$json" | sed -n "s/^  \"$1\": \([0-9]*\),*$/\1/p"; }
expect_eq "status daemons" "35/35" "$(field daemons_running)/$(field daemons)"
expect_eq "status sessions" "$(field sessions)" "$(field established)"
[ "$(field sessions)" -gt 0 ] || fail "status: no sessions"

# exec: by node id, by SEED container name, by a unique part of one; the exit code is the command's.
"$ASEMU" exec -e "$NAME" 10.150.0.71 -- ping -c1 -W2 10.180.0.100 >/dev/null || fail "exec by address"
"$ASEMU" exec -e "$NAME" as150h-host_0-10.150.0.71 -- true || fail "exec by container name"
expect_eq "exec exit code" "3" "$("$ASEMU" exec -e "$NAME" as150/host_0 -- sh -c 'exit 3'; echo $?)"
expect_eq "node sees its own interfaces" "net0" "$("$ASEMU" exec -e "$NAME" as150/host_0 -- ls /sys/class/net | grep -v lo)"
out=$("$ASEMU" exec -e "$NAME" host_0 -- true 2>&1)
case "$out" in
  "asemu: ip-anycast: 'host_0' matches "*) ;;
  *) fail "ambiguous node: $out" ;;
esac
# birdc inside a router talks to that router's BIRD.
"$ASEMU" exec -e "$NAME" as180/router0 -- birdc show protocols u_as3 | grep -q Established || fail "birdc in node"

# bgp list/disable/enable.
expect_eq "bgp list --json" '"u_as3" "u_as4"' "$("$ASEMU" bgp -e "$NAME" as180/router0 list --json | sed -n 's/^ *"name": \(.*\),$/\1/p' | tr '\n' ' ' | sed 's/ $//')"
"$ASEMU" bgp -e "$NAME" as180/router0 disable u_as3 >/dev/null || fail "bgp disable"
expect_eq "disabled" "down" "$("$ASEMU" bgp -e "$NAME" as180/router0 list | awk '$1=="u_as3"{print $2}')"
"$ASEMU" bgp -e "$NAME" as180/router0 enable u_as3 >/dev/null || fail "bgp enable"
out=$("$ASEMU" bgp -e "$NAME" as180/router0 disable u_as9 2>&1)
expect_eq "unknown session" "asemu: as180/router0: unknown session 'u_as9' (known: u_as3, u_as4); did you mean 'u_as3'?" "$out"
out=$("$ASEMU" bgp -e "$NAME" as150/host_0 list 2>&1)
expect_eq "bgp on a host" "asemu: as150/host_0: runs no BIRD (it is a Host)" "$out"

# bgp announce/withdraw: list shows the prefix, BIRD has it in t_bgp, errors are one line.
expect_eq "announce" "as180/router0: announces 10.153.0.0/25" "$("$ASEMU" bgp -e "$NAME" as180/router0 announce 10.153.0.0/25 2>&1)"
expect_eq "list announced" "announced  10.153.0.0/25" "$("$ASEMU" bgp -e "$NAME" as180/router0 list | grep '^announced')"
"$ASEMU" bgp -e "$NAME" as180/router0 list --json | grep -q '"10.153.0.0/25"' || fail "list --json: no announced prefix"
"$ASEMU" exec -e "$NAME" as180/router0 -- birdc show route table t_bgp 10.153.0.0/25 | grep -q 'static\|announced' || fail "announced route not in t_bgp"
out=$("$ASEMU" bgp -e "$NAME" as180/router0 announce 10.153.0.1/25 2>&1)
expect_eq "host bits" "asemu: as180/router0: prefix '10.153.0.1/25' has host bits set; announce 10.153.0.0/25" "$out"
expect_eq "withdraw" "as180/router0: withdrew 10.153.0.0/25" "$("$ASEMU" bgp -e "$NAME" as180/router0 withdraw 10.153.0.0/25 2>&1)"
out=$("$ASEMU" bgp -e "$NAME" as180/router0 withdraw 10.153.0.0/25 2>&1)
expect_eq "withdraw twice" "asemu: as180/router0: does not announce 10.153.0.0/25 (it announces nothing)" "$out"

# A BIRD that runs but does not answer (stopped here, as a daemon stuck in the kernel would be)
# is busy, not dead: status names it, does not wait for it beyond --wait, and exits 0. The waits
# leave the other daemons time to answer on a loaded machine.
"$ASEMU" exec -e "$NAME" as2/r100 -- sh -c 'kill -STOP $(cat /run/bird/bird.pid)'
started=$(date +%s)
json=$("$ASEMU" status "$NAME" --json --wait 3) || fail "status with a busy BIRD exits 1"
took=$(($(date +%s) - started))
[ "$took" -lt 30 ] || fail "status waited ${took} s for a busy BIRD (--wait 3)"
expect_eq "busy daemons" "35/35 1" "$(field daemons_running)/$(field daemons) $(field daemons_busy)"
"$ASEMU" status "$NAME" --wait 2.5 | grep -q "busy: 1 BIRDs run but did not answer within 2.5 s" ||
  fail "busy BIRD not told"
"$ASEMU" status "$NAME" --nodes --wait 2.5 | grep -q "as2/r100 .* bird busy" || fail "busy node not shown"
"$ASEMU" exec -e "$NAME" as2/r100 -- sh -c 'kill -CONT $(cat /run/bird/bird.pid)'

# A killed BIRD shows in status, which then exits 1.
"$ASEMU" exec -e "$NAME" as3/r103 -- sh -c 'kill -9 $(cat /run/bird/bird.pid)'
"$ASEMU" status "$NAME" >/dev/null && fail "status with a dead BIRD exits 0"
"$ASEMU" status "$NAME" | grep -q "problem: as3/r103: BIRD is not running" || fail "dead BIRD not named"

# A name that is a path reaches no file: every verb refuses it (tried only on a directory of our
# own, inside a temporary directory).
victim=$(mktemp -d)
mkdir "$victim/data"
for verb in "down $victim" "status $victim" "exec -e $victim as150/host_0 -- true" \
  "bgp -e $victim as180/router0 list" "down $victim/../../$victim"; do
  # shellcheck disable=SC2086
  out=$("$ASEMU" $verb 2>&1)
  rc=$?
  expect_eq "asemu $verb: exit code" 1 "$rc"
  case "$out" in
    "asemu: $victim"*"emulation name"*"contains '/'"*) ;;
    *) fail "asemu $verb: $out" ;;
  esac
done
[ -d "$victim/data" ] || fail "a path given as an emulation name was removed"
rm -rf "$victim"

# An empty name is a name, and a wrong one: it never means "the emulation that runs".
empty="asemu: an emulation name cannot be empty; 'asemu status' lists the running emulations"
expect_eq "down ''" "$empty" "$("$ASEMU" down "" 2>&1)"
expect_eq "status ''" "$empty" "$("$ASEMU" status "" 2>&1)"
expect_eq "exec -e ''" "$empty" "$("$ASEMU" exec -e "" as150/host_0 -- true 2>&1)"
expect_eq "bgp -e ''" "$empty" "$("$ASEMU" bgp -e "" as180/router0 list 2>&1)"
out=$("$ASEMU" down --all "$NAME" 2>&1)
expect_eq "down --all NAME" "asemu: $NAME: give either NAME or --all, not both" "$out"
[ -d "/run/asemu/$NAME" ] || fail "the emulation was removed by a refused down"

# down returns once every process of the emulation is gone, not merely signalled.
pids=$(for ns in $(ip netns list | awk '{print $1}' | grep "^asemu-$NAME\."); do ip netns pids "$ns"; done)
[ -n "$pids" ] || fail "no processes found in the emulation"
"$ASEMU" down "$NAME" -q || fail "down"
for pid in $pids; do
  [ -e "/proc/$pid" ] && fail "process $pid ($(cat "/proc/$pid/comm" 2>/dev/null)) still there after down"
done
[ -z "$(ip netns list | grep "^asemu-$NAME\.")" ] || fail "namespaces left after down"
out=$("$ASEMU" down "$NAME" 2>&1)
case "$out" in
  "asemu: $NAME: no emulation of this name is running"*) ;;
  *) fail "down twice: $out" ;;
esac
[ $FAILED = 0 ] && echo "cli_test: all checks passed"
exit $FAILED
