#!/usr/bin/env bash
# Restores a folder written by scripts/backup.sh into a fresh database, and proves the copy sound.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/khedmat/media-restored scripts/restore.sh FOLDER NEW_DATABASE
#
# DATABASE_URL names the server and the credentials (its own database is not touched); NEW_DATABASE is
# created on that server when missing, and refused when it holds any table. MEDIA_ROOT must be an empty
# or missing folder. In order:
#   1. the folder's files must match its SHA256SUMS manifest (a changed byte stops everything);
#   2. NEW_DATABASE must be empty (created if it does not exist);
#   3. pg_restore in one transaction (all or nothing), objects owned by DATABASE_URL's user;
#   4. media.tar unpacked into MEDIA_ROOT;
#   5. manage.py migrate --check against the new database: the code and the schema agree;
#   6. manage.py audit_verify against the new database: the audit chain is whole.
# Every step prints what it does; any failure exits non-zero. The last line printed is the new database's
# DATABASE_URL (with the password as given). docs/production.md#backups.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

say() { printf '==> %s\n' "$*"; }
die() { printf 'restore.sh: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: restore.sh BACKUP_FOLDER NEW_DATABASE_NAME"
folder=$1
target=$2
[[ $target =~ ^[A-Za-z_][A-Za-z0-9_-]{0,62}$ ]] ||
    die "database name '$target': letters, digits, _ and - only, at most 63"
py=${PYTHON:-$root/.venv/bin/python}
[[ -x $py ]] || die "no Python at $py (run scripts/install.sh, or set PYTHON)"
[[ -n ${DATABASE_URL:-} ]] || die "DATABASE_URL is not set: it names the server to restore on"
[[ -d $folder ]] || die "$folder is not a folder"
folder=$(cd "$folder" && pwd)
media=${MEDIA_ROOT:-${KHEDMAT_VAR_DIR:-$root/var}/media}

say "checking the PostgreSQL client tools"
for tool in pg_restore psql sha256sum tar; do
    command -v "$tool" >/dev/null || die "$tool is missing (as root: apt-get install postgresql-client)"
done

say "1. checking $folder against its SHA-256 manifest"
[[ -f $folder/SHA256SUMS ]] || die "$folder has no SHA256SUMS: not a backup.sh folder"
for name in db.dump media.tar; do
    grep -Eq "^[0-9a-f]{64}  $name\$" "$folder/SHA256SUMS" || die "SHA256SUMS does not list $name"
done
(cd "$folder" && sha256sum --check --strict SHA256SUMS) ||
    die "$folder does not match its manifest: a file is damaged or was changed; use another copy"

say "checking that MEDIA_ROOT $media is empty"
if [[ -e $media ]]; then
    [[ -d $media ]] || die "MEDIA_ROOT $media is not a folder"
    [[ -z $(ls -A "$media") ]] || die "MEDIA_ROOT $media is not empty: restore into a new folder, then point MEDIA_ROOT at it"
fi

# The same parser as the desk's (dj-database-url); libpq gets PG* variables (no password in `ps`), and
# manage.py gets DATABASE_URL with only the database's name changed.
pg_vars=$(
    "$py" - "$target" <<'PY'
import os, shlex, sys
from urllib.parse import quote, urlsplit, urlunsplit
import dj_database_url

url = os.environ["DATABASE_URL"]
db = dj_database_url.parse(url)
if "postgresql" not in db["ENGINE"]:
    sys.exit(f"restore.sh: DATABASE_URL is {db['ENGINE']}, not PostgreSQL")
libpq = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
         "connect_timeout": "PGCONNECT_TIMEOUT", "options": "PGOPTIONS", "target_session_attrs": "PGTARGETSESSIONATTRS"}
values = {"PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER"),
          "PGPASSWORD": db.get("PASSWORD"), "PGDATABASE": sys.argv[1]}
values |= {libpq[k]: v for k, v in (db.get("OPTIONS") or {}).items() if k in libpq}
for name, value in values.items():
    if value not in (None, ""):
        print(f"export {name}={shlex.quote(str(value))}")
parts = urlsplit(url)
print(f"target_url={shlex.quote(urlunsplit(parts._replace(path='/' + quote(sys.argv[1]))))}")
print(f"source_db={shlex.quote(db['NAME'])}")
PY
) || die "DATABASE_URL could not be read"
eval "$pg_vars"
where="${PGHOST:-local socket}:${PGPORT:-5432}/$target"

say "2. checking that the database $where is new and empty"
exists=$(psql -X -At -v ON_ERROR_STOP=1 -d "${source_db}" \
    -v name="$target" <<<"SELECT count(*) FROM pg_database WHERE datname = :'name';") ||
    die "cannot connect to the server of DATABASE_URL"
if [[ $exists == 0 ]]; then
    say "creating the database $where"
    psql -X -q -v ON_ERROR_STOP=1 -d "${source_db}" -v name="$target" <<<'CREATE DATABASE :"name";' ||
        die "cannot create $target (without CREATEDB, ask a superuser: createdb -O ${PGUSER:-khedmat} $target)"
fi
relations=$(psql -X -At -v ON_ERROR_STOP=1 -c "
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'") ||
    die "cannot connect to $where"
[[ $relations == 0 ]] || die "$where is not empty ($relations tables, sequences or indexes): name a new database"

say "3. restoring db.dump into $where (pg_restore, one transaction)"
pg_restore --dbname="$target" --no-owner --no-privileges --exit-on-error --single-transaction \
    "$folder/db.dump" || die "pg_restore failed; nothing was kept in $where"

say "4. unpacking media.tar into MEDIA_ROOT $media"
mkdir -p "$media"
tar -C "$media" -xf "$folder/media.tar" || die "unpacking media.tar into $media failed"

export DATABASE_URL=$target_url MEDIA_ROOT=$media
say "5. manage.py migrate --check on $where: the schema is the code's"
(cd "$root" && "$py" manage.py migrate --check) ||
    die "$where lacks migrations of this checkout: run manage.py migrate on it, then audit_verify"

say "6. manage.py audit_verify on $where: the audit chain is whole"
(cd "$root" && "$py" manage.py audit_verify) || die "the audit chain of the restored copy is broken"

say "restored and verified: point the desk at DATABASE_URL below and MEDIA_ROOT=$media"
printf '%s\n' "$target_url"
