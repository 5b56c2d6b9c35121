#!/usr/bin/env bash
# Re-captures bench/lifecycle.pgbench (B1-limit) from what the application sends today:
#
#   bench/capture.sh
#
# On the bench-only database xinfang_bench_small (XF_BENCH_DB_SMALL; loaded with 20,000 generated matters when
# missing), as the postgres user: log_statement = 'all' for that database only; starts the packaged application
# against it (bench/run.sh B6 does the building, migrating and loading); runs one B1 lifecycle with one client;
# cuts that part of the server log; turns it into the script with bench/pgbench_from_log.py; resets
# log_statement. Run it after any change to what a lifecycle does, and commit the new script.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB=${XF_BENCH_DB_SMALL:-xinfang_bench_small}
PORT=${XF_BENCH_PORT:-18080}
LOG=${XF_BENCH_PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
OUT="$ROOT/target/bench"
export PGPASSWORD=${XF_BENCH_DB_PASSWORD:-xinfang_bench}

# builds the jar, creates/migrates/loads the small database (the B6 line is not needed here)
XF_BENCH_DB=$DB bench/run.sh B6 --matters 20000 >/dev/null

as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
as_postgres "ALTER DATABASE $DB SET log_statement = 'all'"
trap 'as_postgres "ALTER DATABASE $DB RESET log_statement"' EXIT

JAR=$(ls "$ROOT"/target/xinfang-*.jar | grep -v original | head -1)
DRIVER=$(ls "$OUT"/lib/postgresql-*.jar | head -1)
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=xinfang_bench \
  SPRING_DATASOURCE_PASSWORD=$PGPASSWORD java -jar "$JAR" --server.port="$PORT" \
  --xinfang.handling.overdue-initial-delay=PT24H >"$OUT/capture-app.log" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null || true; wait $APP_PID 2>/dev/null || true; as_postgres "ALTER DATABASE $DB RESET log_statement"' EXIT
for _ in $(seq 1 1200); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the application did not start; see $OUT/capture-app.log" >&2; exit 1; }
  sleep 0.1
done
# a first lifecycle fills the application's caches (calendar, rules) so that the captured one is a steady one
for run in warm capture; do
  [ "$run" = capture ] && from=$(stat -c %s "$LOG")
  java -cp "$DRIVER" bench/Harness.java B1 --clients 1 --seconds 0 --warmup 0 --pgbench no \
    --jdbc "jdbc:postgresql://127.0.0.1:5432/$DB" --user xinfang_bench --password "$PGPASSWORD" \
    --matters 20000 --generator bench/generator.sql --base-url "http://127.0.0.1:$PORT" >/dev/null
done
sleep 1
tail -c +"$((from + 1))" "$LOG" >"$OUT/capture.log"
python3 bench/pgbench_from_log.py "$DB" <"$OUT/capture.log" >bench/lifecycle.pgbench.new
mv bench/lifecycle.pgbench.new bench/lifecycle.pgbench
echo "bench/lifecycle.pgbench: $(grep -cE '^(SELECT|INSERT|UPDATE|DELETE|WITH)' bench/lifecycle.pgbench) statements," \
  "$(grep -cE '^(BEGIN|COMMIT)' bench/lifecycle.pgbench) transaction boundaries"
