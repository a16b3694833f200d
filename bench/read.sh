#!/usr/bin/env bash
# (b) Queue views and search at a million tickets: starts Kefu with the demo center, loads
# TICKETS tickets (OPEN of them unsolved) straight into its database, restarts it (finding more
# tickets than indexed, it rebuilds the search index), then measures p50/p99 of queue views and searches as the team lead
# sunli (REQUESTS requests each, one client).
#   TICKETS=1000000 OPEN=100000 REQUESTS=300 bench/read.sh
source "$(dirname "$0")/common.sh"
build
DEMO=true start_kefu
machine
bench load --db "$DB" --tickets "${TICKETS:-1000000}" --open "${OPEN:-100000}"
stop_kefu
started=$(date +%s)
DEMO=true start_kefu
for _ in $(seq 1 3600); do
  grep -q "Search index rebuilt" "$DATA/kefu.log" && break
  grep -q "Rebuilding the search index failed" "$DATA/kefu.log" && { echo "indexing failed" >&2; exit 1; }
  sleep 1
done
echo "search index rebuilt: $(grep -o 'Search index rebuilt in [0-9]* s' "$DATA/kefu.log") (start to ready: $(( $(date +%s) - started )) s)"
bench read --url "$URL" --user sunli --password kefu-demo --requests "${REQUESTS:-300}"
