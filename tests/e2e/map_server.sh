# Sourced by the map's end-to-end scripts. start_map LOG COMMAND...: starts COMMAND (an
# `asemu map`, possibly behind `timeout` or `ip netns exec`) in the background with its output
# in LOG, sets $server to its pid and $url to the URL it prints, and fails the script when no
# URL shows up within 10 s. The caller's cleanup stops $server.
start_map() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  server=$!
  url=
  for _ in $(seq 100); do
    url=$(grep -o 'http://[^ ]*' "$log" || true)
    [[ -n $url ]] && return 0
    sleep 0.1
  done
  echo "FAIL: asemu map did not start:"
  cat "$log"
  exit 1
}

# stop_map: stops the server start_map started, if any; for the caller's cleanup.
stop_map() {
  if [[ -n ${server:-} ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
}

# with_scratch: a scratch directory in $work; when the script ends, however it ends, the server
# start_map started is stopped and the directory removed.
with_scratch() {
  work=$(mktemp -d)
  server=
  trap 'stop_map; rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM
}
