#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the store contract tests and print
# the DSN. Uses the Debian server binaries of this machine kind; prints nothing (and the
# PostgreSQL tests skip) where no server binaries are installed.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
[ -n "$BIN" ] && [ -x "$BIN/initdb" ] || exit 0
DATA=$(mktemp -d /tmp/rashomon-pg.XXXXXX)
PORT=${RASHOMON_PG_PORT:-55432}
chown postgres "$DATA"
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
run "'$BIN/initdb' -D '$DATA' -A trust -U rashomon >/dev/null"
run "'$BIN/pg_ctl' -D '$DATA' -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l '$DATA/log' -w start >/dev/null"
run "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U rashomon rashomon_test"
echo "postgresql://rashomon@127.0.0.1:$PORT/rashomon_test"
