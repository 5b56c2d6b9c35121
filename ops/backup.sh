#!/usr/bin/env bash
# Backs up the xinfang database with pg_dump (custom format: compressed, restorable with pg_restore into any
# PostgreSQL of the same or a newer major version), while the application keeps running.
#
#   ops/backup.sh [FILE]        default FILE: xinfang-YYYYMMDD-HHMMSS.dump in the current directory
#
# Writes FILE, FILE.sha256 and FILE.manifest: the figures the restore checks (matters, petitioners,
# attachments and documents with a hash over their bytes, audit entries, the last audit hash, and that the
# audit chain verifies). The figures and the dump are read in one snapshot, so they agree even while
# petitions come in. Connection and tools: see ops/pg-common.sh (the application's SPRING_DATASOURCE_*
# variables work as they are). Exit 0 on success, 2 on a usage or version problem, 1 on any other failure.
source "$(dirname "$0")/pg-common.sh"

out="${1:-xinfang-$(date +%Y%m%d-%H%M%S).dump}"
pg_tools
pg_connection
check_versions "$PG_DUMP"

tmp="$out.partial"
rm -f "$tmp"
# One transaction holds a snapshot open: the manifest is read in it and pg_dump takes the same snapshot.
coproc SNAP { "$PSQL" -X -A -t -q -v ON_ERROR_STOP=1 -d "$PGDATABASE" 2>&1; }
# bash unsets SNAP_PID as soon as the coprocess has ended, which may be before the wait below
snap_pid=$SNAP_PID
echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();" >&"${SNAP[1]}"
read -r -t 30 snapshot <&"${SNAP[0]}" || die "could not open a snapshot"
[[ "$snapshot" =~ ^[0-9A-F-]+$ ]] || die "could not open a snapshot: $snapshot"
{ manifest_sql; echo ";"; echo "SELECT '--end--';"; } >&"${SNAP[1]}"
manifest=""
while read -r -t 120 line <&"${SNAP[0]}"; do
  [ "$line" = "--end--" ] && break
  manifest+="$line"$'\n'
done
"$PG_DUMP" --format=custom --no-owner --no-privileges --snapshot="$snapshot" -d "$PGDATABASE" -f "$tmp"
echo "COMMIT;" >&"${SNAP[1]}"
exec {SNAP[1]}>&-
wait "$snap_pid" 2>/dev/null || true

grep -q '^audit_chain_breaks 0$' <<<"$manifest" \
  || echo "backup.sh: warning: the audit chain of the source database does not verify ($(grep audit_chain_breaks <<<"$manifest"))" >&2
mv "$tmp" "$out"
{
  echo "# xinfang backup manifest: $(date -Iseconds), PostgreSQL $(server_major), $(basename "$PG_DUMP") $(client_major "$PG_DUMP")"
  printf '%s' "$manifest"
} > "$out.manifest"
(cd "$(dirname "$out")" && sha256sum "$(basename "$out")") > "$out.sha256"
echo "backup written: $out ($(stat -c %s "$out") bytes)"
grep -v '^#' "$out.manifest"
