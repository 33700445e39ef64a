# Sourced by the CLI integration scripts after they set ASEMU and NAME: a failure is counted in
# FAILED and the script goes on; the emulation NAME is taken down when the script ends, however
# it ends.
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }
cleanup() { "$ASEMU" down "$NAME" -q >/dev/null 2>&1; }
trap cleanup EXIT INT TERM

expect_eq() {  # expect_eq WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}
