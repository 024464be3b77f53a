#!/usr/bin/env bash
# Restore a Cimaise backup made by deploy/backup.sh into the database and bucket configured
# in the environment (DATABASE_URL, S3_*), or CIMAISE_ENV_FILE. Stop the ASGI service first.
#
#   deploy/restore.sh /var/backups/cimaise/2026-05-01
#
# The database objects are replaced (pg_restore --clean --if-exists); the bucket is made equal
# to the backup (extra objects are deleted). Then run `manage.py migrate` if the code is newer.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PY="${CIMAISE_PYTHON:-$HERE/../.venv/bin/python}"
ENV_FILE="${CIMAISE_ENV_FILE:-/etc/cimaise/cimaise.env}"
if [ -f "$ENV_FILE" ]; then set -a; . "$ENV_FILE"; set +a; fi
PG_RESTORE="${PG_BIN:+$PG_BIN/}pg_restore"

SRC="${1:?usage: restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?DATABASE_URL must be set (postgres://...)}"
[ -f "$SRC/db.dump" ] || { echo "restore.sh: $SRC/db.dump is missing" >&2; exit 2; }

"$PG_RESTORE" --clean --if-exists --no-owner --no-privileges --single-transaction \
  --exit-on-error --dbname="$DATABASE_URL" "$SRC/db.dump"

if [ -d "$SRC/files" ]; then
  if [ -n "${S3_BUCKET:-}" ]; then
    "$PY" "$HERE/bucket_sync.py" upload "$SRC/files" --delete
  elif [ -n "${MEDIA_ROOT:-}" ]; then
    mkdir -p "$MEDIA_ROOT"
    cp -a "$SRC/files/." "$MEDIA_ROOT/"
  fi
fi
echo "restore.sh: done from $SRC"
