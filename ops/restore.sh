#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh into a NEW, empty database, then checks it against the backup's
# manifest: the same matters, petitioners, attachments and documents (count and a hash over all bytes), the
# same audit entries and last audit hash, and an audit chain that verifies. Then point the application at the
# restored database (SPRING_DATASOURCE_URL); Flyway finds it up to date, or migrates it if the backup is older.
#
#   ops/restore.sh FILE DATABASE
#
# DATABASE is created on the server named by SPRING_DATASOURCE_URL / PGHOST (see ops/pg-common.sh); it
# must not exist yet, so a restore never overwrites a database. The restore runs in one transaction: it
# lands whole or not at all. Exit 0 when restored and verified, 1 when verification fails, 2 on usage errors.
source "$(dirname "$0")/pg-common.sh"

[ $# -eq 2 ] || die "usage: restore.sh FILE DATABASE"
file="$1"; target="$2"
[[ "$target" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "database name must be a plain identifier: $target"
[ -f "$file" ] || die "no such file: $file"
pg_tools
pg_connection
if [ -f "$file.sha256" ]; then
  (cd "$(dirname "$file")" && sha256sum --quiet -c "$(basename "$file").sha256") || { echo "restore.sh: $file does not match $file.sha256" >&2; exit 1; }
fi
check_versions "$PG_RESTORE"

exists=$("$PSQL" -X -A -t -v ON_ERROR_STOP=1 -d "$PGDATABASE" -c "SELECT count(*) FROM pg_database WHERE datname = '$target'")
[ "$exists" = "0" ] || die "database $target exists already; restore into a new database"
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$PGDATABASE" -c "CREATE DATABASE \"$target\" TEMPLATE template0 ENCODING 'UTF8'"
"$PG_RESTORE" --no-owner --no-privileges --exit-on-error --single-transaction -d "$target" "$file"
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$target" -c "ANALYZE"

if [ ! -f "$file.manifest" ]; then
  echo "restored into $target (no manifest beside the backup: not verified)"
  exit 0
fi
restored=$( { manifest_sql; } | "$PSQL" -X -A -t -q -v ON_ERROR_STOP=1 -d "$target")
expected=$(grep -v '^#' "$file.manifest")
if [ "$restored" != "$expected" ]; then
  echo "restore.sh: the restored database differs from the backup's manifest:" >&2
  diff <(echo "$expected") <(echo "$restored") >&2 || true
  exit 1
fi
grep -q '^audit_chain_breaks 0$' <<<"$restored" || { echo "restore.sh: the restored audit chain does not verify" >&2; exit 1; }
echo "restored into $target and verified against $file.manifest:"
echo "$restored"
