#!/usr/bin/env bash
# (a) Opening tickets over the REST API with CLIENTS concurrent clients, against the same number of
# plain SQL inserts of the same rows (ticket + first message, one transaction each) through as
# many JDBC connections, on the same database, in one run. Starts its own Kefu on a fresh data
# directory (or on KEFU_DB_URL when set).
#   CLIENTS=8 COUNT=4000 bench/create.sh
source "$(dirname "$0")/common.sh"
build
start_kefu
machine
bench create --url "$URL" --db "$DB" --user admin --password bench-password \
  --clients "${CLIENTS:-8}" --count "${COUNT:-4000}"
