#!/usr/bin/env bash
# Builds asemu's libFuzzer targets with clang (plus AddressSanitizer and UBSan) and runs each for
# a bounded time:
#   topology_fuzz  the topology loader, over the examples and fuzz/seeds/*.yaml;
#   plan_fuzz      the plan reader and what a plan file reaches (compile, realize, BIRD
#                  configs), over fuzz/seeds/plans/*.json.
#
#   fuzz/run.sh [seconds]        seconds per target (default 60; ASEMU_FUZZ_SECONDS also sets it)
#
# The build goes to build-fuzz/ (ASEMU_FUZZ_BUILD_DIR overrides it). Inputs that crash are kept
# in build-fuzz/fuzz-artifacts/; the script exits non-zero when a fuzzer finds one.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-${ASEMU_FUZZ_SECONDS:-60}}
build=${ASEMU_FUZZ_BUILD_DIR:-$root/build-fuzz}

cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
  -DASEMU_FUZZ=ON -DASEMU_SANITIZE=ON -DASEMU_BENCH=OFF >/dev/null
ninja -C "$build" -j2 topology_fuzz plan_fuzz

# Inputs may include files by relative path: run where the examples can be found, in a scratch
# directory that is removed afterwards.
work=$(mktemp -d "${TMPDIR:-/tmp}/asemu-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/plans" "$build/fuzz-artifacts"
cp "$root"/examples/*.yaml "$work/"
cp "$root"/examples/*.yaml "$root"/fuzz/seeds/*.yaml "$work/corpus/"
cp "$root"/fuzz/seeds/plans/*.json "$work/plans/"

cd "$work"
# fuzz TARGET DICTIONARY MAX_LEN CORPUS
fuzz() {
  echo "==> $1 for ${seconds} s"
  "$build/fuzz/$1" \
    -max_total_time="$seconds" \
    -timeout=30 \
    -rss_limit_mb=2048 \
    -max_len="$3" \
    -dict="$root/fuzz/$2" \
    -artifact_prefix="$build/fuzz-artifacts/$1-" \
    -print_final_stats=1 \
    "$4"
}
fuzz topology_fuzz topology.dict 8192 corpus
fuzz plan_fuzz plan.dict 16384 plans
