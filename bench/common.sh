# Shared by the bench scripts: build Kefu, start and stop it on a fresh data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
PORT="${PORT:-18080}"
DB_PORT="${DB_PORT:-15432}"
DATA="${BENCH_DATA:-$(mktemp -d /tmp/kefu-bench-XXXXXX)}"
mkdir -p "$DATA"
URL="http://127.0.0.1:$PORT"
if [ -n "${KEFU_DB_URL:-}" ]; then
  DB="$KEFU_DB_URL"
else
  DB="jdbc:postgresql://127.0.0.1:$DB_PORT/kefu?user=postgres"
fi
KEFU_PID=""

build() {
  [ -f target/kefu.jar ] && [ "${REBUILD:-0}" != 1 ] || ./mvnw -q -B package -DskipTests
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeArtifactIds=postgresql >/dev/null
}

start_kefu() {
  KEFU_DATA_DIR="$DATA" KEFU_EMBEDDED_DB_PORT="$DB_PORT" PORT="$PORT" KEFU_ADMIN_PASSWORD="bench-password" \
    KEFU_DEMO_DATA="${DEMO:-false}" \
    java --enable-native-access=ALL-UNNAMED ${KEFU_JAVA_OPTS:-} -jar target/kefu.jar >>"$DATA/kefu.log" 2>&1 &
  KEFU_PID=$!
  for _ in $(seq 1 600); do
    if curl -fs "$URL/actuator/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$KEFU_PID" 2>/dev/null || { tail -30 "$DATA/kefu.log"; echo "Kefu did not start" >&2; exit 1; }
    sleep 1
  done
  echo "Kefu did not answer within 10 minutes" >&2; exit 1
}

stop_kefu() {
  if [ -n "$KEFU_PID" ]; then kill "$KEFU_PID" 2>/dev/null || true; wait "$KEFU_PID" 2>/dev/null || true; KEFU_PID=""; fi
}
trap stop_kefu EXIT

bench() {
  java -cp "$(cat target/bench.classpath)" bench/KefuBench.java "$@"
}

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $(java -version 2>&1 | head -1)"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ), data: $DATA, database: ${KEFU_DB_URL:+server }${KEFU_DB_URL:-embedded PostgreSQL 18}"
}
