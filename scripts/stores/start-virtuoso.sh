#!/usr/bin/env bash
# Start Virtuoso Open Source 7 with a fresh database in DIR, both ports on 127.0.0.1 only,
# in the background. Usage: bash scripts/stores/start-virtuoso.sh DIR [HTTP_PORT] [SQL_PORT]
# (defaults 8890 and 1111). Writes DIR/virtuoso.ini, DIR/virtuoso.pid and DIR/virtuoso.log,
# returns once the SPARQL endpoint answers and prints its base URL.
# Stop it with: bash scripts/stores/stop.sh DIR
# A new database's admin login is dba/dba: never expose such a server beyond loopback.
set -euo pipefail

dir="${1:?usage: start-virtuoso.sh DIR [HTTP_PORT] [SQL_PORT]}"
http_port="${2:-8890}"
sql_port="${3:-1111}"
here="$(cd "$(dirname "$0")" && pwd)"
packaged_ini=/usr/share/virtuoso-opensource-7/virtuoso.ini
command -v virtuoso-t >/dev/null && [ -f "$packaged_ini" ] \
    || { echo "Virtuoso not installed: run scripts/stores/install.sh" >&2; exit 2; }

mkdir -p "$dir/db"
dir="$(cd "$dir" && pwd)"
ini="$dir/virtuoso.ini"
cp "$packaged_ini" "$ini"
set_key() { inifile +inifile "$ini" +section "$1" +key "$2" +value "$3"; }
set_key Database DatabaseFile "$dir/db/virtuoso.db"
set_key Database ErrorLogFile "$dir/db/virtuoso.log"
set_key Database LockFile "$dir/db/virtuoso.lck"
set_key Database TransactionFile "$dir/db/virtuoso.trx"
set_key Database xa_persistent_file "$dir/db/virtuoso.pxa"
set_key TempDatabase DatabaseFile "$dir/db/virtuoso-temp.db"
set_key TempDatabase TransactionFile "$dir/db/virtuoso-temp.trx"
# The packaged file listens on all interfaces; a test or a laptop store listens on loopback.
set_key Parameters ServerPort "127.0.0.1:$sql_port"
set_key Parameters DirsAllowed "., $dir"
set_key HTTPServer ServerPort "127.0.0.1:$http_port"
set_key HTTPServer ServerRoot "$dir"
set_key URIQA DefaultHost "127.0.0.1:$http_port"
# Small buffers: the test graphs are small and the machine is shared.
set_key Parameters NumberOfBuffers 10000
set_key Parameters MaxDirtyBuffers 6000
set_key Parameters ThreadsPerQuery 2

cd "$dir/db"
setsid virtuoso-t +configfile "$ini" +foreground >"$dir/virtuoso.log" 2>&1 </dev/null &
echo $! >"$dir/virtuoso.pid"

source "$here/wait.sh"
wait_until_answers "http://127.0.0.1:$http_port/sparql?query=ASK%7B%7D" \
    "$(cat "$dir/virtuoso.pid")" "$dir/virtuoso.log" 60
echo "http://127.0.0.1:$http_port"
