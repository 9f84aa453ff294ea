#!/usr/bin/env bash
# Start an Oxigraph server on 127.0.0.1:PORT with its database in DIR/db, in the background.
# Usage: bash scripts/stores/start-oxigraph.sh DIR [PORT]     (PORT defaults to 7878)
# Writes DIR/oxigraph.pid and DIR/oxigraph.log, returns once the server answers queries and
# prints its base URL. Stop it with: bash scripts/stores/stop.sh DIR
# --union-default-graph makes a query that names no graph see the union of all graphs, as the
# embedded graph does: that is what keeps the saved queries portable.
set -euo pipefail

dir="${1:?usage: start-oxigraph.sh DIR [PORT]}"
port="${2:-7878}"
here="$(cd "$(dirname "$0")" && pwd)"
oxigraph="${OXIGRAPH:-$(command -v oxigraph || echo "$here/../../.venv/bin/oxigraph")}"
[ -x "$oxigraph" ] || { echo "oxigraph binary not found: run scripts/stores/install.sh" >&2; exit 2; }

mkdir -p "$dir/db"
dir="$(cd "$dir" && pwd)"
setsid "$oxigraph" serve --location "$dir/db" --bind "127.0.0.1:$port" --union-default-graph \
    >"$dir/oxigraph.log" 2>&1 </dev/null &
echo $! >"$dir/oxigraph.pid"

source "$here/wait.sh"
wait_until_answers "http://127.0.0.1:$port/query?query=ASK%7B%7D" "$(cat "$dir/oxigraph.pid")" \
    "$dir/oxigraph.log" 30
echo "http://127.0.0.1:$port"
