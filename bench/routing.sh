#!/usr/bin/env bash
# (f) Routing: AGENTS agents online (capacity CAPACITY each for email) and WAITING contacts put
# in the queue at once; the time until Kefu's dispatcher has offered every one — routing decisions
# per second — against the bare database work of the same offers (one INSERT of the offers and one
# UPDATE of the items, no decisions) on the same database in the same run. Then ARRIVALS tickets
# opened through the REST API, one every PACE_MS, and the delay from each ticket's arrival to its
# offer (p50/p99, database timestamps; the push to the agent's socket follows the commit). Starts
# its own Kefu.
#   AGENTS=500 WAITING=5000 ARRIVALS=200 PACE_MS=50 bench/routing.sh
source "$(dirname "$0")/common.sh"
build
KEFU_JAVA_OPTS="${KEFU_JAVA_OPTS:-} -Dkefu.routing.offer=PT30M -Dkefu.routing.offers-at-once=${CAPACITY:-11}"
start_kefu
machine
java -cp "$(cat target/bench.classpath)" bench/RoutingBench.java --url "$URL" --db "$DB" --user admin --password bench-password \
  --agents "${AGENTS:-500}" --waiting "${WAITING:-5000}" --capacity "${CAPACITY:-11}" --arrivals "${ARRIVALS:-200}" --pace "${PACE_MS:-50}"
