#!/usr/bin/env bash
# (g) Workforce evaluation on ../shared/data/callcenter/anonymous_bank_1999_jan_sep_6min.csv:
# rolling-origin forecasts of each week of September against seasonal naive (daily and hourly
# MAPE), Erlang C exactness and time for 96 intervals × 50 queues, and an optimised schedule of
# one forecast week. Runs Kefu's own classes; no server is started.
#   bench/workforce.sh [path/to/calls.csv]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
DATA="${1:-../shared/data/callcenter/anonymous_bank_1999_jan_sep_6min.csv}"
if [ ! -r "$DATA" ]; then
  echo "The call-center data is missing: $DATA (see ../shared/data/README.md)" >&2
  exit 2
fi
[ -d target/classes/org/kefu/workforce ] && [ "${REBUILD:-0}" != 1 ] || ./mvnw -q -B compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/workforce.classpath -Dmdep.includeScope=runtime >/dev/null
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1), $(date -u +%F)"
java -XX:ActiveProcessorCount="${CORES:-2}" -cp "target/classes:$(cat target/workforce.classpath)" bench/WorkforceBench.java "$DATA"
