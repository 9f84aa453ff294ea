#!/usr/bin/env bash
# Install the browser the web tests drive: Debian's headless-capable `chromium` and the
# matching `chromium-driver` (chromedriver), which Selenium starts from /usr/bin/chromedriver.
# Usage: bash scripts/browser/install.sh   (idempotent: an installed browser is left alone)
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
if [ "${#packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "missing ${packages[*]} and not root: run 'apt-get install ${packages[*]}' as root" >&2
        exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
echo "browser: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
