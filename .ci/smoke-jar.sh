#!/usr/bin/env bash
# Starts the packaged jar as an unprivileged user with no database configured (so it starts the embedded
# PostgreSQL under ./data), waits for health UP, checks the portal home page renders Chinese, stops it. Then
# prepares the faster start the README describes (ops/class-data.sh) and checks the JVM starts with the archive.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/xinfang-*.jar | grep -v original | head -n 1)
user=xinfang-smoke
id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
work=$(mktemp -d /tmp/xinfang-smoke.XXXXXX)
cp "$jar" "$work/xinfang.jar"
mkdir -p "$work/tmp"
chown -R "$user" "$work"
port=18080
log="$work/app.log"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  pkill -9 -u "$user" postgres 2>/dev/null || true
}
trap cleanup EXIT

# starts the application as the user (the arguments: the java command line), waits for health UP
start() {
  runuser -u "$user" -- bash -c "cd '$work' && exec java -Djava.io.tmpdir='$work/tmp' $*" >"$log" 2>&1 &
  pid=$!
  local status=""
  for _ in $(seq 1 300); do
    status=$(curl -fsS "http://localhost:$port/actuator/health" 2>/dev/null || true)
    case "$status" in *'"UP"'*) break ;; esac
    kill -0 "$pid" 2>/dev/null || { echo "application exited early:"; tail -50 "$log"; exit 1; }
    sleep 1
  done
  case "$status" in *'"UP"'*) echo "health: $status" ;; *) echo "health never UP: $status"; tail -50 "$log"; exit 1 ;; esac
}
stop() {
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then echo "the application did not stop"; exit 1; fi
  pid=""
}

start -jar xinfang.jar --server.port=$port
home=$(curl -fsS -H 'Accept-Language: zh-CN' "http://localhost:$port/")
if ! grep -q '网上信访' <<<"$home"; then
  echo "portal home page does not show the Chinese heading"; exit 1
fi
owner=$(ps -o user= -p "$(pgrep -u "$user" -f 'postgres' | head -n 1)" 2>/dev/null || true)
echo "portal home renders Chinese; embedded PostgreSQL runs as: ${owner:-?}"
[ -d "$work/data/postgres" ] || { echo "embedded data directory $work/data/postgres missing"; exit 1; }
stop

echo "== the README's faster start: ops/class-data.sh, then the jar with its class-data archive"
cp ops/class-data.sh "$work/class-data.sh"
chown "$user" "$work/class-data.sh"
runuser -u "$user" -- bash -c "cd '$work' && XF_CLASS_DATA_JAVA_OPTS=-Djava.io.tmpdir='$work/tmp' bash class-data.sh xinfang.jar '$work/app' --server.port=$port"
if pgrep -u "$user" postgres >/dev/null; then echo "the recording start left the embedded PostgreSQL running"; exit 1; fi
start -XX:SharedArchiveFile="$work/app/xinfang.jsa" -jar "$work/app/xinfang.jar" --server.port=$port
java_pid=$(pgrep -u "$user" -f 'SharedArchiveFile' | head -n 1) # $pid is runuser's
grep -q xinfang.jsa "/proc/$java_pid/maps" || { echo "the JVM did not map the class-data archive"; exit 1; }
echo "started with the class-data archive mapped"
echo "smoke test passed"
