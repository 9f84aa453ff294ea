# Sourced by the start scripts: poll a URL until the server answers, or give up.
# wait_until_answers URL PID LOG SECONDS — fails (with the log's tail) if PID dies or time runs out.
wait_until_answers() {
    local url="$1" pid="$2" log="$3" seconds="$4" tries
    for ((tries = 0; tries < seconds * 5; tries++)); do
        if curl --silent --fail --max-time 2 --output /dev/null "$url"; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "server exited before answering; last lines of $log:" >&2
            tail -n 20 "$log" >&2
            return 1
        fi
        sleep 0.2
    done
    echo "server (PID $pid) did not answer $url within ${seconds}s; see $log" >&2
    return 1
}
