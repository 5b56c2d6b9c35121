#!/usr/bin/env bash
# Prepares the packaged jar for a faster start-up (class-data sharing, as Spring Boot documents it):
#
#   ops/class-data.sh target/xinfang-0.1.0-SNAPSHOT.jar /opt/xinfang
#
# extracts the jar into the directory (the application as DIR/xinfang.jar, its libraries in DIR/lib/), then
# starts the application once, with the environment's settings (e.g. SPRING_DATASOURCE_URL), only until its
# context is ready (spring.context.exit=onRefresh), and lets the JVM record the classes it loaded in
# DIR/xinfang.jsa. Then run it with the archive:
#
#   java -Xmx512m -XX:SharedArchiveFile=/opt/xinfang/xinfang.jsa -jar /opt/xinfang/xinfang.jar
#
# The archive belongs to this jar and this JVM: prepare again after an upgrade of either. A JVM that cannot use
# it (another java, a changed lib/) starts without it, as slowly as from the jar. The recording start migrates the
# database like any start of a new version.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: ops/class-data.sh <packaged jar> <directory> [application arguments for the recording start]" >&2
  exit 2
fi
jar=$1
dir=$2
shift 2
[ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd) # the archive records the class path as given: the start must name the same absolute path
rm -rf "$dir/lib" "$dir/xinfang.jar" "$dir/xinfang.jsa"
java -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename xinfang.jar --force
# Without a datasource the application runs the embedded PostgreSQL under ./data/postgres, and the recording
# start ends the JVM at once (Runtime.halt), before the application could stop that server: stop it here.
embedded_pid_file=data/postgres/postmaster.pid
was_running=$( [ -f "$embedded_pid_file" ] && head -1 "$embedded_pid_file" || true)
# the recording start writes the archive when the JVM exits; its log goes to DIR/class-data.log
# (from the current directory, as the application is started: without a datasource it uses ./data)
if ! java ${XF_CLASS_DATA_JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$dir/xinfang.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -Dspring.context.exit=onRefresh -jar "$dir/xinfang.jar" "$@" >"$dir/class-data.log" 2>&1; then
  echo "the recording start failed; see $dir/class-data.log" >&2
  exit 1
fi
if [ -f "$embedded_pid_file" ]; then
  pid=$(head -1 "$embedded_pid_file")
  if [ "$pid" != "$was_running" ] && kill -INT "$pid" 2>/dev/null; then
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
fi
[ -s "$dir/xinfang.jsa" ] || { echo "no archive written; see $dir/class-data.log" >&2; exit 1; }
echo "prepared $dir: start with java -XX:SharedArchiveFile=$dir/xinfang.jsa -jar $dir/xinfang.jar"
