#!/usr/bin/env bash
# The test suite on a busy machine, as CI sometimes is: `python -m etl bench --reports N`
# (20,000 by default) runs in a loop beside the tests, keeping both cores busy, and stops
# when they end. A test that passes here waits for what it checks instead of for a time.
#
#   bash scripts/test_under_load.sh [pytest args…]      (make test-under-load)
#   LOAD_REPORTS=5000 bash scripts/test_under_load.sh -k browser
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
REPORTS=${LOAD_REPORTS:-20000}
# the bench's generated reports go to a folder of our own, removed at the end (a bench
# stopped mid-run leaves its temporary folder behind)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/under-load.XXXXXX")
(
  trap 'exit 0' TERM
  while true; do
    TMPDIR="$scratch" "$PY" -m etl bench --reports "$REPORTS" >/dev/null 2>&1 || sleep 1
  done
) &
loader=$!
stop() {
  pkill -TERM -P "$loader" 2>/dev/null
  kill "$loader" 2>/dev/null
  wait "$loader" 2>/dev/null
  rm -rf "$scratch"
}
trap stop EXIT
echo "load: python -m etl bench --reports $REPORTS in a loop (pid $loader)"
start=$(date +%s)
"$PY" -m pytest -q "$@"
rc=$?
echo "under load: pytest exit $rc in $(( $(date +%s) - start )) s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $rc
