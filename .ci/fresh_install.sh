#!/usr/bin/env bash
# What a newcomer does, checked: install the project into a fresh venv with the machine's
# stock pip (not upgraded) and the runtime dependencies only (no extras), ingest the bundled
# sample with zero errors, serve it, and check that / and /openapi.json answer 200.
# Fails on any step. Everything it starts is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PY:-python3}
WORK=$(mktemp -d /tmp/rashomon-fresh.XXXXXX)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "fresh install: venv with $("$PY" -m pip --version | cut -d' ' -f1-2) (stock, not upgraded)"
"$PY" -m venv "$WORK/venv"
BIN="$WORK/venv/bin"
"$BIN/pip" install --quiet "$ROOT" > "$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log" >&2; exit 1; }
grep -v "^WARNING: Location .* is ignored" "$WORK/pip.log" || true

cd "$WORK"  # nothing from the source tree on the import path: only what pip installed
"$BIN/rashomon" ingest --sample --json --db "$WORK/sample.db" > "$WORK/ingest.jsonl"
"$BIN/python" - "$WORK/ingest.jsonl" <<'PYEOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
errors = [r for r in rows if r.get("status") == "error"]
for r in errors[:10]:
    print(f"  {r.get('source')}: {r.get('error')}", file=sys.stderr)
print(f"fresh install: ingested {len(rows)} sample items, {len(errors)} errors")
sys.exit(1 if errors or not rows else 0)
PYEOF

PORT=$("$BIN/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$BIN/rashomon" serve --db "$WORK/sample.db" --host 127.0.0.1 --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
"$BIN/python" - "$PORT" "$SERVER_PID" <<'PYEOF' || { cat "$WORK/serve.log" >&2; exit 1; }
import os, sys, time, urllib.request
port, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 180
for path in ("/", "/openapi.json"):
    url = f"http://127.0.0.1:{port}{path}"
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                status = response.status
                break
        except OSError as exc:
            try:
                os.kill(pid, 0)
            except OSError:
                sys.exit(f"fresh install: `rashomon serve` exited before answering {url}")
            if time.monotonic() > deadline:
                sys.exit(f"fresh install: no answer from {url}: {exc}")
            time.sleep(1)
    print(f"fresh install: GET {path} -> {status}")
    if status != 200:
        sys.exit(1)
PYEOF
echo "fresh install: ok"
