#!/usr/bin/env bash
# Serve the dashboard on a server: the one command behind `make serve`, the systemd unit
# (deploy/fazhi-board.service) and the container (deploy/Dockerfile).
#
#   ADDRESS=0.0.0.0 PORT=8501 bash scripts/serve.sh
#
# Builds the warehouse from the data folder first if it is missing, then runs Streamlit in
# the foreground on ADDRESS:PORT (systemd or docker keep it running). Everything it prints
# goes to the terminal (the journal, `docker logs`) and is appended to LOG; once the server
# answers, the address to open is printed (scripts/announce.py).
#
#   ADDRESS          address to bind (default 0.0.0.0: every interface)
#   PORT             port (default 8501)
#   LOG              log file (default logs/serve.log, under the project folder)
#   FAZHI_DATA       data folder (default data/), FAZHI_WAREHOUSE its warehouse
#                    (default data/warehouse.duckdb): the app reads the same two variables
#   PYTHON           interpreter (default .venv/bin/python if there is one, else python3)
set -euo pipefail
cd "$(dirname "$0")/.."

ADDRESS="${ADDRESS:-0.0.0.0}"
PORT="${PORT:-8501}"
LOG="${LOG:-logs/serve.log}"
DATA="${FAZHI_DATA:-data}"
DB="${FAZHI_WAREHOUSE:-$DATA/warehouse.duckdb}"
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
export FAZHI_DATA="$DATA" FAZHI_WAREHOUSE="$DB"

mkdir -p "$(dirname "$LOG")"
# tee ignores TERM and INT (systemd signals every process of the service, Ctrl+C the whole
# group): it ends when Streamlit, stopping, closes its output; killed first, it would leave
# Streamlit stuck writing its last lines into a closed pipe
exec > >(trap '' TERM INT; exec tee -a "$LOG") 2>&1
echo "== $(date '+%F %T') serve: $ADDRESS:$PORT, data $DATA, warehouse $DB"

# exit 3: built, with some files set aside (listed above, and on the 数据质量 page)
rc=0
"$PYTHON" -m etl build --if-missing --data "$DATA" --db "$DB" || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
  echo "serve: the warehouse could not be built (exit $rc); see above" >&2
  exit "$rc"
fi

# the address others open: this machine's first IP when bound to every interface
case "$ADDRESS" in
  0.0.0.0 | :: | "") probe=127.0.0.1; shown="$(hostname -I 2>/dev/null | awk '{print $1}')" ;;
  *) probe="$ADDRESS"; shown="$ADDRESS" ;;
esac
"$PYTHON" scripts/announce.py "$PORT" "$probe" "${shown:-localhost}" &

exec "$PYTHON" -m streamlit run dashboard.py \
  --server.address "$ADDRESS" --server.port "$PORT" --server.headless true
