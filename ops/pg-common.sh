# Shared by ops/backup.sh and ops/restore.sh (sourced, not run).
#
# Connection: the application's own settings, SPRING_DATASOURCE_URL (jdbc:postgresql://host:port/db),
# SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD; or libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD,
# PGDATABASE when SPRING_DATASOURCE_URL is not set.
#
# Tools: pg_dump, pg_restore and psql from PG_BIN when set, else from the newest /usr/lib/postgresql/N/bin,
# else from PATH. pg_dump refuses a server newer than itself, so its major version must be at least the
# server's: check_versions stops with an explanation otherwise.

set -euo pipefail

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

pg_tools() {
  if [ -z "${PG_BIN:-}" ]; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1 || true)
  fi
  if [ -n "${PG_BIN:-}" ]; then
    PG_DUMP="$PG_BIN/pg_dump"; PG_RESTORE="$PG_BIN/pg_restore"; PSQL="$PG_BIN/psql"
  else
    PG_DUMP=pg_dump; PG_RESTORE=pg_restore; PSQL=psql
  fi
  command -v "$PG_DUMP" >/dev/null || die "pg_dump not found (install postgresql-client-N or set PG_BIN)"
}

# Sets PGHOST/PGPORT/PGDATABASE/PGUSER/PGPASSWORD from the application's settings, when given.
pg_connection() {
  local url="${SPRING_DATASOURCE_URL:-}"
  if [ -n "$url" ]; then
    [[ "$url" =~ ^jdbc:postgresql://([^/:?]+)(:([0-9]+))?/([^?]+) ]] \
      || die "SPRING_DATASOURCE_URL is not jdbc:postgresql://host[:port]/database: $url"
    export PGHOST="${BASH_REMATCH[1]}" PGPORT="${BASH_REMATCH[3]:-5432}" PGDATABASE="${BASH_REMATCH[4]}"
  fi
  [ -n "${SPRING_DATASOURCE_USERNAME:-}" ] && export PGUSER="$SPRING_DATASOURCE_USERNAME"
  [ -n "${SPRING_DATASOURCE_PASSWORD:-}" ] && export PGPASSWORD="$SPRING_DATASOURCE_PASSWORD"
  [ -n "${PGDATABASE:-}" ] || die "no database named: set SPRING_DATASOURCE_URL or PGDATABASE"
}

client_major() { "$1" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/' | head -1; }

# The server's major version, of the database named by PGDATABASE (or $1).
server_major() {
  local v
  v=$("$PSQL" -X -A -t -v ON_ERROR_STOP=1 -d "${1:-$PGDATABASE}" -c "SHOW server_version_num")
  echo $(( v / 10000 ))
}

check_versions() {
  local tool="$1" server client
  server=$(server_major "${2:-}")
  client=$(client_major "$tool")
  if [ "$client" -lt "$server" ]; then
    die "$(basename "$tool") $client cannot work with PostgreSQL $server (it refuses newer servers).
Install the PostgreSQL $server client tools (e.g. postgresql-client-$server from the PostgreSQL apt repository)
and point PG_BIN at their bin directory. The embedded development database (PostgreSQL 18, under ./data) has no
pg_dump of its own: back it up by copying ./data/postgres with the application stopped, or run production on
an external server (README) and back that up with this script."
  fi
}

# The figures a restore must reproduce, one "name value" per line, read in one snapshot.
manifest_sql() {
  cat <<'SQL'
SELECT 'matters ' || count(*) FROM matter
UNION ALL SELECT 'petitioners ' || count(*) FROM petitioner
UNION ALL SELECT 'attachments ' || count(*) FROM attachment
UNION ALL SELECT 'attachments_sha256 ' || coalesce(encode(sha256(string_agg(sha256(content), ''::bytea ORDER BY id)), 'hex'), '-') FROM attachment
UNION ALL SELECT 'documents ' || count(*) FROM document
UNION ALL SELECT 'documents_sha256 ' || coalesce(encode(sha256(string_agg(sha256(pdf), ''::bytea ORDER BY id)), 'hex'), '-') FROM document
UNION ALL SELECT 'audit_entries ' || count(*) FROM audit_entry
UNION ALL SELECT 'audit_last_hash ' || coalesce((SELECT hash FROM audit_entry WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1), '-')
UNION ALL SELECT 'audit_unsealed ' || count(*) FROM audit_entry WHERE hash IS NULL
UNION ALL SELECT 'audit_chain_breaks ' || count(*) FROM (
    SELECT hash, prev_hash,
           coalesce(lag(hash) OVER (ORDER BY seq), 'GENESIS') AS expected_prev,
           audit_entry_digest(seq, at, actor, action, entity_type, entity_id, details, prev_hash) AS expected_hash
    FROM audit_entry) e
  WHERE hash <> expected_hash OR prev_hash <> expected_prev
SQL
}
