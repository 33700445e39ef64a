#!/usr/bin/env bash
# Builds the topology loader's libFuzzer target with clang (plus AddressSanitizer and UBSan) and
# runs it for a bounded time over a seed corpus made from the examples and fuzz/seeds.
#
#   fuzz/run.sh [seconds]        (default 60; ASEMU_FUZZ_SECONDS also sets it)
#
# The build goes to build-fuzz/ (ASEMU_FUZZ_BUILD_DIR overrides it). Inputs that crash are kept
# in build-fuzz/fuzz-artifacts/; the script exits non-zero when the fuzzer finds one.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-${ASEMU_FUZZ_SECONDS:-60}}
build=${ASEMU_FUZZ_BUILD_DIR:-$root/build-fuzz}

cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
  -DASEMU_FUZZ=ON -DASEMU_SANITIZE=ON -DASEMU_BENCH=OFF >/dev/null
ninja -C "$build" -j2 topology_fuzz

# Inputs may include files by relative path: run where the examples can be found, in a scratch
# directory that is removed afterwards.
work=$(mktemp -d "${TMPDIR:-/tmp}/asemu-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$build/fuzz-artifacts"
cp "$root"/examples/*.yaml "$work/"
cp "$root"/examples/*.yaml "$root"/fuzz/seeds/*.yaml "$work/corpus/"

cd "$work"
"$build/fuzz/topology_fuzz" \
  -max_total_time="$seconds" \
  -timeout=30 \
  -rss_limit_mb=2048 \
  -max_len=8192 \
  -dict="$root/fuzz/topology.dict" \
  -artifact_prefix="$build/fuzz-artifacts/" \
  -print_final_stats=1 \
  corpus
