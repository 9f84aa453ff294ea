#!/usr/bin/env bash
# Stop the servers started in DIR by start-oxigraph.sh / start-virtuoso.sh, by the PID each
# wrote, and wait until they have exited. Usage: bash scripts/stores/stop.sh DIR
set -euo pipefail

dir="${1:?usage: stop.sh DIR}"

gone() {
    # A killed server whose parent is gone may linger as a zombie until reaped: it is stopped.
    [ ! -e "/proc/$1" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

for pidfile in "$dir"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if ! gone "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
            gone "$pid" && break
            sleep 0.1
        done
        if ! gone "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
            for ((i = 0; i < 50; i++)); do
                gone "$pid" && break
                sleep 0.1
            done
        fi
    fi
    rm -f "$pidfile"
done
