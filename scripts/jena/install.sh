#!/usr/bin/env bash
# Install Apache Jena for the differential validation test (tests/validation/test_differential.py):
# Debian's libapache-jena-java, a JDK to run its single-file Java program, and unzip to extract
# the Xerces message bundles Debian's Jena 4.5 misses (see tests/validation/jena/jena.sh).
# Idempotent: what is installed already is left alone.
set -euo pipefail

packages=()
[ -f /usr/share/java/jena-shacl.jar ] || packages+=(libapache-jena-java)
command -v javac >/dev/null || packages+=(default-jdk-headless)
command -v unzip >/dev/null || packages+=(unzip)
bash "$(dirname "$0")/../apt-install.sh" "${packages[@]}"
echo "jena: $(ls /usr/share/java/jena-shacl-*.jar)"
