#!/usr/bin/env bash
# (e) Chat: VISITORS chats opened through the widget's endpoints, each visitor then connected over
# WebSocket (STOMP, /chat/live) and taken by an agent; then, for SECONDS_PER_PHASE seconds, the
# agent's side sends to the visitors — first typing signals (pushed, not stored: the bare
# baseline of the live path), then chat messages (stored once per client id, then pushed), at each
# of RATES a second — and the time from sending to the visitor's socket receiving it is measured.
# The agent's side sends over its own live connection (STOMP at /api/v1/live, AGENT=socket, the
# default) or with one REST call per message (AGENT=rest). Starts its own Kefu.
#   VISITORS=10000 RATES=500,1000,2000 SECONDS_PER_PHASE=10 CLIENTS=16 bench/chat.sh
source "$(dirname "$0")/common.sh"
build
KEFU_JAVA_OPTS="${KEFU_JAVA_OPTS:-} -Dkefu.chat.per-address=100000000 -Dkefu.chat.max-per-agent=100000000"
start_kefu
machine
java -cp "$(cat target/bench.classpath)" bench/ChatBench.java --url "$URL" --user admin --password bench-password \
  --visitors "${VISITORS:-2000}" --rates "${RATES:-200,500,2000}" --seconds "${SECONDS_PER_PHASE:-10}" --clients "${CLIENTS:-8}" --agent "${AGENT:-socket}" \
  --pid "$KEFU_PID"
