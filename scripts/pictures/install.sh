#!/usr/bin/env bash
# Install what kg draw needs beyond Python packages, from Debian: Graphviz, whose dot and
# neato programs lay out the network and the data model. (The browser the pictures' page tests
# drive is scripts/browser/install.sh's.) Idempotent and quick when it is there.
set -euo pipefail

command -v dot >/dev/null || bash "$(dirname "$0")/../apt-install.sh" graphviz
echo "graphviz: $(dot -V 2>&1)"
