#!/usr/bin/env bash
# Install the two triple stores the tests run against:
#   - Oxigraph server: the `oxigraph` PyPI package (a binary in the virtualenv's bin/);
#   - Virtuoso Open Source 7: Debian's `virtuoso-opensource`.
# Usage: bash scripts/stores/install.sh [PYTHON]   (PYTHON defaults to .venv/bin/python)
# Idempotent: a store already installed is left alone.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${1:-$root/.venv/bin/python}"

if [ ! -x "$(dirname "$python")/oxigraph" ]; then
    "$python" -m pip install --quiet 'oxigraph>=0.4,<0.6'
fi
echo "oxigraph: $("$(dirname "$python")/oxigraph" --version)"

# The start scripts poll the stores with curl.
packages=()
command -v curl >/dev/null || packages+=(curl)
command -v virtuoso-t >/dev/null || packages+=(virtuoso-opensource)
if [ "${#packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "missing ${packages[*]} and not root: run 'apt-get install ${packages[*]}' as root" >&2
        exit 2
    fi
    # The package's postinst starts the packaged server on all interfaces unless the local
    # policy forbids starting services; forbid it for the length of this install only.
    created_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        created_policy=/usr/sbin/policy-rc.d
    fi
    trap '[ -z "$created_policy" ] || rm -f "$created_policy"' EXIT
    export DEBIAN_FRONTEND=noninteractive
    # An empty dba password keeps the database default (dba/dba), which the tests rely on;
    # the tests' servers listen on 127.0.0.1 only.
    printf '%s\n' \
        'virtuoso-opensource-7 virtuoso-opensource-7/dba-password password' \
        'virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password' \
        | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
echo "virtuoso: $(virtuoso-t -? 2>&1 | head -n 2 | tail -n 1)"
