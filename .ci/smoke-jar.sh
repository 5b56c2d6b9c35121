#!/usr/bin/env bash
# Starts the packaged jar as an unprivileged user with no database configured (so it starts the embedded
# PostgreSQL under ./data), waits for health UP, checks the portal home page renders Chinese, stops it.
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
runuser -u "$user" -- bash -c "cd '$work' && exec java -Djava.io.tmpdir='$work/tmp' -jar xinfang.jar --server.port=$port" >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  pkill -9 -u "$user" postgres 2>/dev/null || true
}
trap cleanup EXIT
status=""
for _ in $(seq 1 120); do
  status=$(curl -fsS "http://localhost:$port/actuator/health" 2>/dev/null || true)
  case "$status" in *'"UP"'*) break ;; esac
  kill -0 "$pid" 2>/dev/null || { echo "application exited early:"; tail -50 "$log"; exit 1; }
  sleep 1
done
case "$status" in *'"UP"'*) echo "health: $status" ;; *) echo "health never UP: $status"; tail -50 "$log"; exit 1 ;; esac
home=$(curl -fsS -H 'Accept-Language: zh-CN' "http://localhost:$port/")
if ! grep -q '网上信访' <<<"$home"; then
  echo "portal home page does not show the Chinese heading"; exit 1
fi
owner=$(ps -o user= -p "$(pgrep -u "$user" -f 'postgres' | head -n 1)" 2>/dev/null || true)
echo "portal home renders Chinese; embedded PostgreSQL runs as: ${owner:-?}"
[ -d "$work/data/postgres" ] || { echo "embedded data directory $work/data/postgres missing"; exit 1; }
echo "smoke test passed"
