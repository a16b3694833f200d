#!/usr/bin/env bash
# (c) Importing ROWS customers from a CSV through Kefu's import (read and check, then the
# background import, one transaction per row), against plain SQL doing the same work per row
# through one JDBC connection, on the same database, in one run. Starts its own Kefu.
#   ROWS=5000 bench/import.sh
source "$(dirname "$0")/common.sh"
build
start_kefu
machine
bench import --url "$URL" --db "$DB" --user admin --password bench-password --rows "${ROWS:-5000}"
