#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the store contract tests.
#   bash .ci/postgres.sh start DATA_DIR   prints the DSN; exits non-zero when it cannot start
#   bash .ci/postgres.sh stop DATA_DIR    stops that server and removes DATA_DIR
# Uses the Debian server binaries (/usr/lib/postgresql/*/bin). The port is the first free one
# from $RASHOMON_PG_PORT (default 55432) on, so a server left over by another run on the same
# machine never makes this one fail or be skipped.
set -euo pipefail
action=${1:-}
DATA=${2:-}
[ -n "$action" ] && [ -n "$DATA" ] || { echo "usage: $0 start|stop DATA_DIR" >&2; exit 2; }
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

if [ "$action" = stop ]; then
  if [ -n "$BIN" ] && [ -f "$DATA/db/postmaster.pid" ]; then
    run "'$BIN/pg_ctl' -D '$DATA/db' -m fast -w stop >/dev/null" || true
  fi
  rm -rf "$DATA"
  exit 0
fi

if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "postgres.sh: no PostgreSQL server binaries under /usr/lib/postgresql" >&2
  exit 1
fi
port_free() { python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$1" 2>/dev/null; }
PORT=${RASHOMON_PG_PORT:-55432}
for _ in $(seq 50); do port_free "$PORT" && break; PORT=$((PORT + 1)); done
mkdir -p "$DATA"
if [ "$(id -u)" = 0 ]; then chown postgres "$DATA"; fi
run "'$BIN/initdb' -D '$DATA/db' -A trust -U rashomon >/dev/null"
run "'$BIN/pg_ctl' -D '$DATA/db' -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l '$DATA/log' -w start >/dev/null" \
  || { cat "$DATA/log" >&2 || true; exit 1; }
run "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U rashomon rashomon_test"
echo "postgresql://rashomon@127.0.0.1:$PORT/rashomon_test"
