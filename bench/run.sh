#!/usr/bin/env bash
# One entry point for the benchmarks of issue #4 (see BENCHMARKS.md):
#
#   bench/run.sh B1|B2|B3|B4|B5|B6|all [--matters N] [--seconds S] [--clients C] [--warmup W|jit]
#
# --warmup: seconds of unmeasured load before B1, B2 and B3 measure (default 5); "jit": until the application's JIT
# compilers are idle (at most 5 % of its CPU over 20 s; the steady state, BENCHMARKS.md cause 94).
#
# Builds the application jar when the sources are newer, makes sure the local PostgreSQL has the database
# (migrated by the application itself), loads N generated matters or reuses a database that holds exactly N,
# starts the packaged application against it, runs the benchmark and prints its figures as the last line,
# key=value. Settings from the environment: XF_BENCH_DB (xinfang_bench), XF_BENCH_DB_USER / _PASSWORD
# (xinfang_bench), PGHOST (127.0.0.1), PGPORT (5432), XF_BENCH_PORT (18080 — the application's HTTP port),
# XF_BENCH_JAVA_OPTS (the application's JVM options; default -Xmx512m, the heap the README runs it with),
# XF_BENCH_CDS (yes: start with the class-data archive of ops/class-data.sh, as the README does; no: the plain jar).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

what=${1:-}
shift || true
matters=1000000
seconds=30
clients=4
warmup=5
while [ $# -gt 0 ]; do
  case "$1" in
    --matters) matters=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$what" in
  B1|B2|B3|B4|B5|B6|all) ;;
  *) echo "usage: bench/run.sh B1|B2|B3|B4|B5|B6|all [--matters N] [--seconds S] [--clients C] [--warmup W|jit]" >&2
     exit 2 ;;
esac

DB=${XF_BENCH_DB:-xinfang_bench}
DB_USER=${XF_BENCH_DB_USER:-xinfang_bench}
DB_PASSWORD=${XF_BENCH_DB_PASSWORD:-xinfang_bench}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PORT=${XF_BENCH_PORT:-18080}
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
log() { echo "[bench] $*" >&2; }

# --- the jar, built when missing or older than the sources
JAR=$(ls "$ROOT"/target/xinfang-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]; then
  log "building the application jar"
  mvn -B -ntp -q -DskipTests package >&2
  JAR=$(ls "$ROOT"/target/xinfang-*.jar | grep -v original | head -1)
fi
unzip -o -q -j "$JAR" 'BOOT-INF/lib/postgresql-*.jar' -d "$OUT/lib"
DRIVER=$(ls "$OUT"/lib/postgresql-*.jar | head -1)
COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo "-dirty")

# --- PostgreSQL: running, with the role and the database
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
    log "starting the local PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect 15 main start
    sleep 2
  else
    echo "PostgreSQL is not running on $PGHOST:$PGPORT" >&2; exit 1
  fi
fi
export PGPASSWORD=$DB_PASSWORD
if ! psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d "$DB" -Atc 'SELECT 1' >/dev/null 2>&1; then
  log "creating role and database $DB"
  su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;
CREATE DATABASE $DB OWNER $DB_USER;
SQL
fi
psql_bench() { psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d "$DB" -Atq "$@"; }

# --- the application
APP_PID=
stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}
trap stop_app EXIT

# The application is started as the README's production section runs it: extracted, with the class-data archive
# that ops/class-data.sh records (XF_BENCH_CDS=no: the packaged jar as it is). The archive is recorded against the
# bench database, again whenever the jar is newer.
APP_DIR=$OUT/app
CDS=${XF_BENCH_CDS:-yes}
prepare_class_data() {
  if [ "$CDS" = yes ] && { [ ! -s "$APP_DIR/xinfang.jsa" ] || [ "$JAR" -nt "$APP_DIR/xinfang.jsa" ]; }; then
    log "recording the class-data archive (ops/class-data.sh)"
    SPRING_DATASOURCE_URL=$JDBC SPRING_DATASOURCE_USERNAME=$DB_USER SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD \
      XF_CLASS_DATA_JAVA_OPTS=${XF_BENCH_JAVA_OPTS:--Xmx512m} \
      "$ROOT/ops/class-data.sh" "$JAR" "$APP_DIR" --server.port="$PORT" >&2
  fi
}

# starts the application and waits (at most $1 seconds, default 120) for health UP; sets STARTUP_S and
# STARTED_WITH (cds when the JVM mapped the archive, jar otherwise); $2 = no: the packaged jar, no archive.
start_app() {
  local started limit=${1:-120} how=${2:-$CDS}
  case "${XF_BENCH_JAVA_OPTS:-}" in
    # JDK 17 crashes at start-up with a recording started by a JVM option and a dynamic archive (README)
    *StartFlightRecording*) how=no ;;
  esac
  local run=(-jar "$JAR")
  if [ "$how" = yes ]; then run=(-XX:SharedArchiveFile="$APP_DIR/xinfang.jsa" -jar "$APP_DIR/xinfang.jar"); fi
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "port $PORT is already in use; stop that process or set XF_BENCH_PORT" >&2; exit 1
  fi
  started=$(date +%s%N)
  SPRING_DATASOURCE_URL=$JDBC SPRING_DATASOURCE_USERNAME=$DB_USER SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD \
    java ${XF_BENCH_JAVA_OPTS:--Xmx512m} "${run[@]}" --server.port="$PORT" \
      --xinfang.handling.overdue-initial-delay=PT24H >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 $((limit * 10))); do
    if curl -sf "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; then
      STARTUP_S=$(awk "BEGIN { printf \"%.1f\", ($(date +%s%N) - $started) / 1e9 }")
      STARTED_WITH=jar
      if grep -q xinfang.jsa "/proc/$APP_PID/maps" 2>/dev/null; then STARTED_WITH=cds; fi
      return 0
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "the application did not start; see $OUT/app.log" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "the application was not UP after $limit s" >&2; exit 1
}

# the schema is the application's: a start migrates the database when the jar has newer migrations, so that the
# start-up measured below (B6) never includes a migration
latest=$(unzip -Z1 "$JAR" 'BOOT-INF/classes/db/migration/V*' | sed -E 's/.*\/V([0-9]+)__.*/\1/' | sort -n | tail -1)
applied=$(psql_bench -c "SELECT max(version::int) FROM flyway_schema_history WHERE success" 2>/dev/null || true)
if [ "${applied:-0}" != "$latest" ]; then
  log "migrating $DB to V$latest by starting the application once"
  start_app 3600 no
  log "migrated and started in ${STARTUP_S}s"
  stop_app
fi

harness() { java -cp "$DRIVER" "$ROOT/bench/Harness.java" "$@" --jdbc "$JDBC" --user "$DB_USER" \
  --password "$DB_PASSWORD" --matters "$matters" --seconds "$seconds" --clients "$clients" --warmup "$warmup" \
  --generator "$ROOT/bench/generator.sql" --base-url "http://127.0.0.1:$PORT"; }

log "data: $matters matters"
harness load --reset yes | tee -a "$OUT/results.txt" >&2

prepare_class_data
# B6: the start as the README runs it (startup_s), and, for comparison, the packaged jar without the archive
plain=
if [ "$what" = B6 ] || [ "$what" = all ]; then
  if [ "$CDS" = yes ]; then
    start_app 120 no
    plain=" startup_jar_s=$STARTUP_S"
    stop_app
  fi
fi
start_app
B6="B6 matters=$matters startup_s=$STARTUP_S started_with=$STARTED_WITH$plain"
log "$B6"

# B1 prints B5 (the application's memory, sampled while B1 runs) before its own line: one run answers both
B1_OUT=
run_b1() {
  if [ -z "$B1_OUT" ]; then
    B1_OUT=$(harness B1 --app-pid "$APP_PID")
  fi
}
lines=()
run_one() {
  local line
  case "$1" in
    B6) line=$B6 ;;
    B1) run_b1; line=$(echo "$B1_OUT" | grep '^B1 ' | tail -1) ;;
    B5) run_b1; line=$(echo "$B1_OUT" | grep '^B5 ' | tail -1) ;;
    *) line=$(harness "$1" --app-pid "$APP_PID" | tail -1) ;;
  esac
  line="$line commit=$COMMIT"
  echo "$(date -u +%FT%TZ) $line" >>"$OUT/results.txt"
  lines+=("$line")
  echo "$line"
}

case "$what" in
  all) for b in B6 B2 B3 B4 B1 B5; do run_one "$b"; done ;;
  B1) run_one B5 >/dev/null; run_one B1 >/dev/null; printf '%s\n' "${lines[@]}" ;;
  *) run_one "$what" >/dev/null; echo "${lines[-1]}" ;;
esac
if [ "$what" = all ]; then
  summary="ALL matters=$matters commit=$COMMIT"
  for l in "${lines[@]}"; do
    name=${l%% *}
    for kv in ${l#* }; do
      case "$kv" in matters=*|commit=*) ;; *) summary="$summary ${name}_$kv" ;; esac
    done
  done
  echo "$summary"
fi
