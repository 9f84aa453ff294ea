#!/usr/bin/env bash
# Install Debian packages for the install scripts beside this one, which pass only the ones
# that are missing. Usage: bash scripts/apt-install.sh PACKAGE...   (nothing to do without any)
# Not root: one line saying what to run, exit 2.
set -euo pipefail

[ "$#" -gt 0 ] || exit 0
if [ "$(id -u)" != 0 ]; then
    echo "missing $* and not root: run 'apt-get install $*' as root" >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$@" >/dev/null
