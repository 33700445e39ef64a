#!/bin/sh
# The `asemu` command's answers to what a user types, without root: usage errors in asemu's own
# words with exit code 2, user errors with exit code 1, --json errors as JSON, node names.
# Usage: cli_usage_test.sh PATH_TO_ASEMU
set -u
ASEMU=$1
DIR=$(mktemp -d "${TMPDIR:-/tmp}/asemu-cli-usage.XXXXXX") || exit 1
trap 'rm -rf "$DIR"' EXIT INT TERM
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }

# run ARGS...: sets $out (stdout), $err (stderr) and $code.
run() {
  "$ASEMU" "$@" >"$DIR/out" 2>"$DIR/err"
  code=$?
  out=$(cat "$DIR/out")
  err=$(cat "$DIR/err")
}
# expect WHAT CODE STDERR: the last run exited CODE and printed exactly STDERR on stderr.
expect() {
  [ "$code" = "$2" ] || fail "$1: exit code $code, expected $2 (stderr: $err)"
  [ "$err" = "$3" ] || fail "$1: stderr
  got:      $err
  expected: $3"
}
# json_field EXPRESSION: a value of the JSON on stdout of the last run, e.g. "d['errors'][0]['line']".
json_field() {
  printf '%s' "$out" | python3 -c "import json, sys; d = json.load(sys.stdin); print($1)" 2>&1
}

# Commands: a near miss is named and the nearest command suggested, not the whole help printed.
run valdate ip-anycast
expect "misspelled command" 2 \
  "asemu: unknown command 'valdate'; did you mean 'validate'? (asemu --help lists commands)"
run frobnicate
expect "unknown command" 2 "asemu: unknown command 'frobnicate' (asemu --help lists commands)"
run
expect "no command" 2 "asemu: no command given (asemu --help lists commands)"
run --verison
expect "misspelled top option" 2 \
  "asemu: unknown option '--verison'; did you mean '--version'? (asemu --help lists commands)"

# Options and arguments of a verb.
run show ip-anycast --jsn
expect "misspelled option" 2 \
  "asemu show: unknown option '--jsn'; did you mean '--json'? (asemu show --help lists options)"
run render ip-anycast --nod as180/router0
expect "misspelled option with a value" 2 \
  "asemu render: unknown option '--nod'; did you mean '--node'? (asemu render --help lists options)"
run exec h3 ls -la
expect "command options before --" 2 \
  "asemu exec: unknown option '-l'; a command's options go after '--' (asemu exec --help lists options)"
run show
expect "missing argument" 2 "asemu show: missing TOPO (asemu show --help lists arguments)"
run show ip-anycast mini-internet
expect "extra argument" 2 \
  "asemu show: unexpected argument 'mini-internet' (asemu show --help lists arguments)"
run up ip-anycast --name
expect "option without its value" 2 "asemu up: option --name needs a value (asemu up --help lists options)"

# None of CLI11's class names reach a user, whatever the mistake.
for args in "valdate" "show" "show a b" "show a --jsn" "up a --name" "up a --timeout x" "exec" \
  "render a --node" "--bogus"; do
  # shellcheck disable=SC2086 # the words are meant to split
  run $args
  case "$err" in
    *Error* | *Success* | *Mismatch*) fail "asemu $args: a CLI11 class name in: $err" ;;
  esac
  [ "$code" = 2 ] || fail "asemu $args: exit code $code, expected 2"
done

# refuses "VERB ARGS" OPTION RULE VALUE...: each VALUE of OPTION is a usage error that states RULE.
# The topology or emulation named does not exist, so nothing runs should the rule not hold.
refuses() {
  cmd=$1
  option=$2
  rule=$3
  shift 3
  verb=${cmd%% *}
  for v in "$@"; do
    # shellcheck disable=SC2086 # the words of the command are meant to split
    run $cmd "$option" "$v"
    expect "$verb $option $v" 2 "asemu $verb: $option: $rule, got '$v' (asemu $verb --help lists options)"
  done
}

# Every option that is a number of seconds has one rule: a finite number within its range (no
# overflow, no negative or NaN wait).
day="must be a number of seconds above 0 and at most 86400 (one day)"
refuses "up no-such-topology-file" --timeout "$day" 1e30 86401 -5 0 nan inf x
refuses "status no-such-emulation" --wait "must be a number of seconds from 0.1 to 600" nan inf -1 0 601
failover="failover 10.180.0.100 --cause disable as180/router1 -e no-such-emulation"
refuses "$failover" --duration "must be a number of seconds from 1 to 30" nan 0.5 31
refuses "watch -e no-such-emulation" --duration "$day" nan -1 0 1e30

# Options that are counts have one rule too: an integer within its range, no wrap-around.
refuses "watch -e no-such-emulation" --count "must be an integer 1..1000000000" -1 0 1e3 x
refuses "$failover" --interval "must be an integer 1..1000" nan 0 1001

# Help and version still work and exit 0.
run --version
[ "$code" = 0 ] && [ -n "$out" ] || fail "--version: exit code $code"
run show --help
[ "$code" = 0 ] && case "$out" in *TOPO*) true ;; *) false ;; esac || fail "show --help: $code $out"

# show --json and validate --json report errors as JSON on stdout, in one form.
cat >"$DIR/bad.yaml" <<'YAML'
ases:
  - asn: 2
    networks: [{name: net0, prefix: 0.0.0.0/0}]
    hosts: [{name: h0}]
YAML
for verb in show validate; do
  run "$verb" "$DIR/bad.yaml" --json
  [ "$code" = 1 ] || fail "$verb --json: exit code $code"
  [ -z "$err" ] || fail "$verb --json: stderr: $err"
  [ "$(json_field "d['ok']")" = False ] || fail "$verb --json: ok is not false: $out"
  [ "$(json_field "len(d['errors'])")" = 2 ] || fail "$verb --json: not two errors: $out"
  [ "$(json_field "[d['errors'][0][k] for k in ('file', 'line', 'column', 'object')]")" = \
    "['$DIR/bad.yaml', 3, 16, 'as2/net0']" ] || fail "$verb --json: first error: $out"
  [ "$(json_field "d['errors'][1]['message']")" = \
    "host joins no network; a host joins exactly one" ] || fail "$verb --json: second error: $out"
done
run show "$DIR/missing.yaml" --json
[ "$code" = 1 ] && [ "$(json_field "d['ok']")" = False ] || fail "show --json, no file: $code $out"
run show ip-anycast --json
[ "$code" = 0 ] && [ "$(json_field "d['ok']")" = True ] || fail "show --json: $code $out"

# A topology's name is an emulation name; without one the file's stem is made one.
printf 'name: my.net\n' >"$DIR/named.yaml"
run validate "$DIR/named.yaml"
expect "dotted topology name" 1 "asemu: $DIR/named.yaml:1:7: topology: emulation name 'my.net' contains '.' (allowed: letters, digits, '_', '-'); a topology's name is the name of its emulation"
printf 'ases: [{asn: 2}]\n' >"$DIR/my.lab.yaml"
run show "$DIR/my.lab.yaml" --json
[ "$(json_field "d['name']")" = my_lab ] || fail "name from a dotted stem: $out"

# show lists cross-connects with both ends.
run show "$(dirname "$0")/../unit/topo/data/cross-connects.yaml"
case "$out" in
  *"
Cross-connects
  xc0  10.50.0.0/30  as2/r1 10.50.0.1 -- as3/r0 10.50.0.2
  xc1  10.50.0.8/30  as3/r0 10.50.0.9 -- as4/r0 10.50.0.10
"*) [ "$code" = 0 ] || fail "show cross-connects: code $code" ;;
  *) fail "show cross-connects: $code $out $err" ;;
esac

# render --node takes what exec takes: an id, a container name, a node name, an address.
run render ip-anycast --node as180/router0
expected=$out
[ "$code" = 0 ] && [ -n "$expected" ] || fail "render --node by id: $code $err"
for name in as180brd-router0-10.180.0.254 router0-10.180; do
  run render ip-anycast --node "$name"
  [ "$code" = 0 ] && [ "$out" = "$expected" ] || fail "render --node $name: $code $err"
done
run render ip-anycast --node as2/r100
by_id=$out
run render ip-anycast --node ix/ix100
[ "$code" = 0 ] || fail "render --node ix/ix100: $err"
rs=$out
run render ip-anycast --node ix100
[ "$code" = 0 ] && [ "$out" = "$rs" ] && [ "$out" != "$by_id" ] || fail "render --node ix100: $code $err"
run render ip-anycast --node router0
case "$err" in
  "asemu: ip-anycast: 'router0' matches "*"; give the node id") [ "$code" = 1 ] || fail "ambiguous: code $code" ;;
  *) fail "render --node router0 (several ASes have one): $code $err" ;;
esac
run render ip-anycast --node as150/host_0
expect "render --node host" 1 "asemu: as150/host_0: is a host; hosts run no BIRD"

# generate: bad values in one line each; the same seed gives the same file.
run generate --ases 1
expect "generate too few ASes" 1 "asemu: --ases: must be an integer 2..10000, got '1'"
run generate --ases 10001
expect "generate too many ASes" 1 "asemu: --ases: must be an integer 2..10000, got '10001'"
run generate --ases many
expect "generate ASes not a number" 1 "asemu: --ases: must be an integer 2..10000, got 'many'"
run generate --ases 50 --seed -3
expect "generate negative seed" 1 \
  "asemu: --seed: must be an integer 0..18446744073709551615, got '-3'"
run generate --ases 50 --hosts-per-stub 101
expect "generate too many hosts" 1 "asemu: --hosts-per-stub: must be an integer 0..100, got '101'"
run generate --ases 50 --name a.b
case "$err" in
  "asemu: --name: "*) [ "$code" = 1 ] || fail "generate bad name: code $code" ;;
  *) fail "generate bad name: $code $err" ;;
esac
run generate --ases 50 --json
expect "generate --json without -o" 1 \
  "asemu: --json: prints the summary on stdout, so the topology needs -o FILE"
run generate
expect "generate without --ases" 2 "asemu generate: missing --ases (asemu generate --help lists arguments)"
run generate --ases 50 -o "$DIR/no-such-dir/net.yaml"
case "$err" in
  "asemu: $DIR/no-such-dir/net.yaml: "*) [ "$code" = 1 ] || fail "generate unwritable: code $code" ;;
  *) fail "generate into a missing directory: $code $err" ;;
esac
run generate --ases 50 -o /dev/null --force
expect "generate over a device" 1 \
  "asemu: /dev/null: is not a regular file; -o writes a new file or replaces one"
[ -c /dev/null ] || fail "generate replaced /dev/null"
run generate --ases 60 --seed 5 -o "$DIR/gen.yaml"
[ "$code" = 0 ] && [ -s "$DIR/gen.yaml" ] || fail "generate -o: $code $err"
case "$err" in "wrote $DIR/gen.yaml: 60 ASes "*) ;; *) fail "generate summary: $err" ;; esac
run generate --ases 60 --seed 5 -o "$DIR/gen.yaml"
expect "generate over an existing file" 1 \
  "asemu: $DIR/gen.yaml: already exists; pass --force to replace it"
run generate --ases 60 --seed 5
[ "$code" = 0 ] && [ "$out" = "$(cat "$DIR/gen.yaml")" ] || fail "generate to stdout differs from -o"
run generate --ases 60 --seed 6
[ "$out" != "$(cat "$DIR/gen.yaml")" ] || fail "another seed gives the same file"
run generate --ases 60 --seed 5 -o "$DIR/gen.yaml" --force --json
[ "$code" = 0 ] && [ "$(json_field "d['ases']['total']")" = 60 ] || fail "generate --json: $code $out $err"
run validate "$DIR/gen.yaml"
case "$out" in "ok: $DIR/gen.yaml: "*) ;; *) fail "validate a generated file: $code $out $err" ;; esac
printf 'name: lab\ngenerate: {ases: 60, seed: 5}\n' >"$DIR/key.yaml"
run render "$DIR/key.yaml" --json
key_plan=$(printf '%s' "$out" | sed 's/"name": "lab"/"name": "internet-60"/')
run render "$DIR/gen.yaml" --json
[ "$key_plan" = "$out" ] || fail "generate: key and generated file render different plans"

[ $FAILED = 0 ] && echo "cli_usage_test: all checks passed"
exit $FAILED
