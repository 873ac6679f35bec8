#!/usr/bin/env bash
# Speed of the service (issue 6, Speed): requests per second and p99 latency of the look-up
# endpoint GET /api/items/<serial> at 64 connections on the 1,000,000-item ledger, beside the
# hello-world route GET /bench/hello of the same server in the same run (bare, and with the same
# bearer token, so the token check's cost shows on its own). Goal: look-up >= 70% of hello-world.
#
#   Benchmarks/ServerBenchmark/run.sh [LEDGER.sqlite]
#
# LEDGER defaults to /tmp/ledger-benchmark/ledger-1000000.sqlite (made by `ledger-benchmark`).
# It is copied first (the copy gets a benchmark user and token; the original is only read).
# Environment: DURATION (default 20s), CONNECTIONS (64), THREADS (2), PORT (18080),
# SCRATCH (release build folder, default .build-service-rel), WORK (default /tmp/titlehold-server-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/Benchmarks/ServerBenchmark"
SOURCE=${1:-/tmp/ledger-benchmark/ledger-1000000.sqlite}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
SCRATCH=${SCRATCH:-.build-service-rel}
WORK=${WORK:-/tmp/titlehold-server-bench}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
[ -f "$SOURCE" ] || { echo "no ledger at $SOURCE: make one with 'swift run -c release ledger-benchmark --items 1000000'" >&2; exit 1; }

echo "== building titlehold (release)"
(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product titlehold >/dev/null)
BIN="$ROOT/$SCRATCH/release/titlehold"

mkdir -p "$WORK"
DB="$WORK/ledger.sqlite"
if [ ! -f "$DB" ] || [ "$SOURCE" -nt "$DB" ]; then
  echo "== copying $SOURCE to $DB"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  sqlite3 "$SOURCE" ".backup '$DB'"
fi

echo "== a benchmark user and token"
printf 'benchmark password\n' | "$BIN" users add bench --role intake --password-stdin --db "$DB" >/dev/null 2>&1 || true
TOKEN=$("$BIN" tokens create --user bench --label benchmark --db "$DB" | sed -n '2p')
[ -n "$TOKEN" ] || { echo "could not create a token" >&2; exit 1; }
sqlite3 "$DB" "SELECT serial FROM item ORDER BY random() LIMIT 20000" > "$WORK/serials.txt"
echo "   $(wc -l < "$WORK/serials.txt") random serials of $(sqlite3 "$DB" 'SELECT count(*) FROM item') items"

echo "== starting titlehold serve on port $PORT"
TITLEHOLD_BENCH_ROUTES=1 "$BIN" serve --db "$DB" --port "$PORT" --scanners off --log-level warning \
  > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/bench/hello" >/dev/null || { echo "server did not start:" >&2; cat "$WORK/serve.err" >&2; exit 1; }
SAMPLE=$(head -1 "$WORK/serials.txt")
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/items/$SAMPLE")
[ "$STATUS" = 200 ] || { echo "GET /api/items/$SAMPLE answered $STATUS" >&2; exit 1; }

run() {  # name, then wrk arguments
  local name=$1; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$@" >/dev/null  # warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" > "$WORK/$name.txt"
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")
  errors=$(awk '/Non-2xx/ {print $NF}' "$WORK/$name.txt")
  echo "$name $rps $p99 ${errors:-0}"
}

echo "== wrk: $CONNECTIONS connections, $THREADS threads, $DURATION each (after a 5 s warm-up)"
echo "   load before: $(cut -d' ' -f1-3 /proc/loadavg)"
LOOKUP=$(run lookup -s "$HERE/lookup.lua" "http://127.0.0.1:$PORT" -- "$TOKEN" "$WORK/serials.txt")
HELLO=$(run hello "http://127.0.0.1:$PORT/bench/hello")
HELLOAUTH=$(run hello-token -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/bench/hello")
HELLOSCRIPT=$(run hello-script -s "$HERE/lookup.lua" "http://127.0.0.1:$PORT" -- "$TOKEN" "$WORK/serials.txt" hello)
echo "   load after:  $(cut -d' ' -f1-3 /proc/loadavg)"

printf '%-28s %12s %10s %8s\n' route requests/s p99 non-2xx
read -r _ lrps lp99 lerr <<< "$LOOKUP"
read -r _ hrps hp99 herr <<< "$HELLO"
read -r _ arps ap99 aerr <<< "$HELLOAUTH"
read -r _ srps sp99 serr <<< "$HELLOSCRIPT"
printf '%-28s %12s %10s %8s\n' "GET /api/items/{serial}" "$lrps" "$lp99" "$lerr"
printf '%-28s %12s %10s %8s\n' "GET /bench/hello" "$hrps" "$hp99" "$herr"
printf '%-28s %12s %10s %8s\n' "GET /bench/hello + token" "$arps" "$ap99" "$aerr"
printf '%-28s %12s %10s %8s\n' "GET /bench/hello, script" "$srps" "$sp99" "$serr"
# The goal compares with the bare hello-world route; the second ratio shows what the bearer-token
# check (one SQLite read per request) costs on its own.
awk -v l="$lrps" -v h="$hrps" 'BEGIN { r = 100 * l / h; printf "look-up / hello-world: %.1f%% (goal >= 70%%): %s\n", r, (r >= 70 ? "met" : "NOT met") }'
awk -v l="$lrps" -v h="$arps" 'BEGIN { printf "look-up / hello-world with the same token check: %.1f%%\n", 100 * l / h }'
awk -v l="$lrps" -v h="$srps" 'BEGIN { printf "look-up / hello-world through the same wrk script (token, random draw): %.1f%%\n", 100 * l / h }'
