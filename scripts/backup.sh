#!/usr/bin/env bash
# Backs up the desk: the PostgreSQL database of DATABASE_URL (pg_dump's custom format) and the files of
# MEDIA_ROOT (uploads, issued PDFs) into one dated folder, with a SHA-256 manifest.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/khedmat/media scripts/backup.sh [DESTINATION]
#
# DESTINATION (default $KHEDMAT_BACKUP_DIR, else var/backups) receives khedmat-YYYYMMDD-HHMMSSZ/ holding
#   db.dump      pg_dump -Fc, one consistent snapshot of the database
#   media.tar    MEDIA_ROOT as it was just after the snapshot (a file removed in between may be missing)
#   backup.info  when, from where, with which pg_dump
#   SHA256SUMS   the three files' SHA-256; scripts/restore.sh refuses a folder that does not match it
# The folder is written under a hidden name and renamed only when complete; its path is the last line
# printed. Exits non-zero, leaving no folder behind, when any step fails. docs/production.md#backups.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

say() { printf '==> %s\n' "$*"; }
die() { printf 'backup.sh: %s\n' "$*" >&2; exit 1; }

py=${PYTHON:-$root/.venv/bin/python}
[[ -x $py ]] || die "no Python at $py (run scripts/install.sh, or set PYTHON)"
[[ -n ${DATABASE_URL:-} ]] || die "DATABASE_URL is not set: it names the database to back up"

say "checking the PostgreSQL client tools"
for tool in pg_dump pg_restore psql sha256sum tar; do
    command -v "$tool" >/dev/null || die "$tool is missing (as root: apt-get install postgresql-client)"
done

# The desk's own parser (dj-database-url) reads DATABASE_URL, so the dump is of the very database the
# desk uses; libpq gets it as PG* variables, which keeps the password off the command line.
say "reading DATABASE_URL"
pg_vars=$(
    "$py" - <<'PY'
import os, shlex, sys
import dj_database_url

db = dj_database_url.parse(os.environ["DATABASE_URL"])
if "postgresql" not in db["ENGINE"]:
    sys.exit(f"backup.sh: DATABASE_URL is {db['ENGINE']}, not PostgreSQL: stop the desk and copy the SQLite file")
libpq = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
         "connect_timeout": "PGCONNECT_TIMEOUT", "options": "PGOPTIONS", "target_session_attrs": "PGTARGETSESSIONATTRS"}
values = {"PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER"),
          "PGPASSWORD": db.get("PASSWORD"), "PGDATABASE": db["NAME"]}
values |= {libpq[k]: v for k, v in (db.get("OPTIONS") or {}).items() if k in libpq}
for name, value in values.items():
    if value not in (None, ""):
        print(f"export {name}={shlex.quote(str(value))}")
PY
) || die "DATABASE_URL could not be read"
eval "$pg_vars"
media=${MEDIA_ROOT:-${KHEDMAT_VAR_DIR:-$root/var}/media}
[[ -d $media ]] || die "MEDIA_ROOT $media is not a folder: set MEDIA_ROOT as the desk has it"
where="${PGHOST:-local socket}:${PGPORT:-5432}/$PGDATABASE"

destination=${1:-${KHEDMAT_BACKUP_DIR:-$root/var/backups}}
mkdir -p "$destination"
destination=$(cd "$destination" && pwd)
stamp=$(date -u +%Y%m%d-%H%M%SZ)
final="$destination/khedmat-$stamp"
[[ ! -e $final ]] || die "$final already exists"
umask 077
work=$(mktemp -d "$destination/.khedmat-$stamp.partial.XXXXXX")
trap 'rm -rf "$work"' EXIT

say "asking the server $where"
server_version=$(psql -X -At -v ON_ERROR_STOP=1 -c 'SHOW server_version') || die "cannot connect to $where"

say "dumping the database $where (pg_dump -Fc) into db.dump"
pg_dump --format=custom --compress=6 --file="$work/db.dump" || die "pg_dump failed"
say "reading db.dump back (pg_restore --list)"
pg_restore --list "$work/db.dump" >/dev/null || die "db.dump cannot be read back"

say "archiving MEDIA_ROOT $media into media.tar"
tar -C "$media" -cf "$work/media.tar" . || die "tar of $media failed"
files=$(tar -tf "$work/media.tar" | grep -vc '/$' || true)

say "writing backup.info"
{
    printf 'created %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'database %s (PostgreSQL %s)\n' "$where" "$server_version"
    printf 'pg_dump %s\n' "$(pg_dump --version)"
    printf 'media %s (%s files)\n' "$media" "$files"
    printf 'desk %s\n' "$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
} >"$work/backup.info"

say "writing the SHA-256 manifest SHA256SUMS"
(cd "$work" && sha256sum db.dump media.tar backup.info >SHA256SUMS) || die "sha256sum failed"

mv "$work" "$final"
trap - EXIT
say "done: db.dump $(du -h "$final/db.dump" | cut -f1), media.tar $(du -h "$final/media.tar" | cut -f1) ($files files)"
printf '%s\n' "$final"
