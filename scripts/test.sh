#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test of asemu (as root on Debian 12):
#   1. formatting (clang-format) of all C++ sources
#   2. unit tests, then integration tests (real namespaces and BIRD; they need root)
#   2b. the Docker output on a Docker daemon of its own (scripts/docker_test.sh; root)
#   3. unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer
#   4. bounded fuzzing runs of the topology loader and of the plan reader
# Ends with one line "tests: N passed, N failed" (unit tests count once per build, plain and
# sanitized; a test skipped for a missing tool counts as passed, with its reason in the log).
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
status=0
# The closing line, also when a step cannot even start.
finish() {
  echo
  echo "tests: $passed passed, $failed failed"
  exit "$1"
}

./scripts/install-deps.sh || finish 1
# Runs ctest and adds its counts to the totals.
run_ctest() {
  local log
  log=$(mktemp)
  ctest "$@" --output-on-failure 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$log" | tail -n 1)
  rm -f "$log"
  if [ -n "$line" ]; then
    local total fail
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
    fail=$(sed -E 's/.*, ([0-9]+) tests? failed.*/\1/' <<<"$line")
    passed=$((passed + total - fail))
    failed=$((failed + fail))
  fi
  [ "$rc" -eq 0 ] || status=1
}

step() { printf '\n==> %s\n' "$*"; }

step "format check"
if git rev-parse --git-dir >/dev/null 2>&1; then
  sources=$(git ls-files '*.cc' '*.h')
else
  sources=$(find src include tests bench fuzz examples -name '*.cc' -o -name '*.h')
fi
if xargs -r clang-format --dry-run --Werror <<<"$sources"; then
  passed=$((passed + 1))
else
  echo "format: run clang-format -i on the files above" >&2
  failed=$((failed + 1))
  status=1
fi

step "build"
./scripts/build.sh || finish 1

step "unit tests"
run_ctest --test-dir build -LE integration -j"$(nproc)"

step "integration tests (root, namespaces, BIRD)"
if [ "$(id -u)" -eq 0 ]; then
  run_ctest --test-dir build -L integration -j1 --timeout 600
else
  echo "integration tests need root; skipped" >&2
  status=1
fi

step "Docker: the anycast demo on docker-compose and on a single-node swarm (root)"
if [ "$(id -u)" -eq 0 ] && ./scripts/docker_test.sh; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  status=1
fi

step "unit tests under AddressSanitizer and UBSan"
# A Debug build, so that assert() runs too.
BUILD_DIR=build-asan BUILD_TYPE=Debug ./scripts/build.sh -DASEMU_SANITIZE=ON -DASEMU_BENCH=OFF || finish 1
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_ctest --test-dir build-asan -LE integration -j"$(nproc)"

if [ -x fuzz/run.sh ]; then
  step "fuzzing the topology loader and the plan reader (bounded)"
  if fuzz/run.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
fi

finish $status
