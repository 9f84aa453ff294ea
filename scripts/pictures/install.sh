#!/usr/bin/env bash
# Install what the pictures need beyond Python packages, from Debian:
#   - graphviz: kg draw network|model runs its dot and neato programs;
#   - chromium: the tests open the web pages of the pictures in a real headless browser.
# Idempotent and quick when both are there: nothing is fetched then.
set -euo pipefail

packages=()
command -v dot >/dev/null || packages+=(graphviz)
command -v chromium >/dev/null || packages+=(chromium)
if [ "${#packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "missing ${packages[*]} and not root: run 'apt-get install ${packages[*]}' as root" >&2
        exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
echo "graphviz: $(dot -V 2>&1)"
echo "chromium: $(chromium --version 2>/dev/null || echo present)"
