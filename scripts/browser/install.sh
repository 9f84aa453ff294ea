#!/usr/bin/env bash
# Install the browser the web tests drive: Debian's headless-capable `chromium` and the
# matching `chromium-driver` (chromedriver), which Selenium starts from /usr/bin/chromedriver.
# Usage: bash scripts/browser/install.sh   (idempotent: an installed browser is left alone)
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
bash "$(dirname "$0")/../apt-install.sh" "${packages[@]}"
echo "browser: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
