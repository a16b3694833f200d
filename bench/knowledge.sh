#!/usr/bin/env bash
# (h) Knowledge evaluation on ../shared/data (intent/clinc150, intent/banking77, faq-zh): the intent
# classifier on CLINC150 (with out-of-scope rejection) and BANKING77, the FAQ matcher on the Chinese
# BQ and LCQMC pairs, the bot's answer and wrong-answer rates, and latency per question on one core
# (a second JVM under `taskset -c 0`). Runs Kefu's own classes; no server is started. Embeddings are
# cached under /tmp/kefu-knowledge-cache (CACHE=dir to move it); the first run embeds ~45,000 texts.
# Writes its figures into bench/README.md, section (h) (README=none to skip, README=file elsewhere).
#   bench/knowledge.sh [data-dir]
# CLASSES=dir CLASSPATH_FILE=file run against classes built elsewhere (Maven is then not called).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
DATA="${1:-../shared/data}"
missing=()
for f in intent/clinc150/{train,valid,test}/{seq.in,label} intent/clinc150/oos/{valid,test}/{seq.in,label} \
         intent/banking77/{train,valid}/{seq.in,label} faq-zh/bq_dev.csv faq-zh/lcqmc_dev.tsv; do
  [ -r "$DATA/$f" ] || missing+=("$f")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Evaluation data is missing under $DATA: ${missing[*]} (see ../shared/data/README.md)" >&2
  exit 2
fi
command -v taskset >/dev/null || { echo "taskset (util-linux) is needed to measure latency on one core" >&2; exit 2; }
CLASSES="${CLASSES:-target/classes}"
if [ -z "${CLASSPATH_FILE:-}" ]; then
  [ -d target/classes/org/kefu/language ] && [ "${REBUILD:-0}" != 1 ] || ./mvnw -q -B compile
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/knowledge.classpath -Dmdep.includeScope=runtime >/dev/null
  CLASSPATH_FILE=target/knowledge.classpath
fi
MACHINE="$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1)"
echo "Machine: $MACHINE, $(date -u +%F)"
KNOWLEDGE_MACHINE="$MACHINE" java --enable-native-access=ALL-UNNAMED -Dcache="${CACHE:-/tmp/kefu-knowledge-cache}" \
  -Dreadme="${README:-bench/README.md}" -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" bench/KnowledgeBench.java "$DATA"
