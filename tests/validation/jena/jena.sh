#!/usr/bin/env bash
# Runs ShaclBatch.java with Debian's Apache Jena (libapache-jena-java); with --main CLASS first,
# that class of Jena's instead (arq.rsparql, the SPARQL protocol client, for the web tests). Debian's Jena 4.5 moves
# the bundled Xerces to the package xerces but leaves its message bundles under
# org/apache/jena/ext/xerces in jena-core.jar, so its first datatype or regex check fails with
# "internal error": the bundles are extracted where the code looks for them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jars=/usr/share/java
bundles="${TMPDIR:-/tmp}/kg-jena-xerces-bundles"
if [ ! -d "$bundles/xerces" ]; then
    staging="$(mktemp -d "${TMPDIR:-/tmp}/kg-jena-XXXXXX")"
    (cd "$staging" && unzip -q "$jars/jena-core.jar" 'org/apache/jena/ext/xerces/*.properties' \
        && mkdir xerces && cp -r org/apache/jena/ext/xerces/* xerces/ && rm -rf org)
    mkdir -p "$bundles" && mv "$staging/xerces" "$bundles/" 2>/dev/null || true
    rm -rf "$staging"
fi
classpath="$bundles"
for jar in jena-arq jena-base jena-core jena-iri jena-shacl jena-cmds commons-cli commons-codec \
    commons-compress commons-csv commons-io commons-lang3 dexx.collection gson guava httpclient \
    httpcore jackson-annotations jackson-core jackson-databind jakarta.json-api jsonld-java \
    protobuf slf4j-api slf4j-nop thrift titanium-json-ld; do
    classpath="$classpath:$jars/$jar.jar"
done
if [ "${1:-}" = "--main" ]; then
    main="$2"
    shift 2
    exec java -cp "$classpath" "$main" "$@"
fi
exec java -cp "$classpath" "$here/ShaclBatch.java" "$@"
