#!/usr/bin/env bash
# Back up Cimaise: the PostgreSQL database (pg_dump, custom format) and the files (bucket copy).
#
#   deploy/backup.sh /var/backups/cimaise/2026-05-01
#
# Reads DATABASE_URL and S3_* from the environment, or from the file named by CIMAISE_ENV_FILE
# (default /etc/cimaise/cimaise.env when it exists). Without S3_BUCKET, MEDIA_ROOT is copied.
# The folder holds db.dump, files/ and a MANIFEST; keep several (e.g. one per day, 14 days).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PY="${CIMAISE_PYTHON:-$HERE/../.venv/bin/python}"
ENV_FILE="${CIMAISE_ENV_FILE:-/etc/cimaise/cimaise.env}"
if [ -f "$ENV_FILE" ]; then set -a; . "$ENV_FILE"; set +a; fi
PG_DUMP="${PG_BIN:+$PG_BIN/}pg_dump"

DEST="${1:?usage: backup.sh DEST_FOLDER}"
: "${DATABASE_URL:?DATABASE_URL must be set (postgres://...)}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "backup.sh: DATABASE_URL is not PostgreSQL" >&2; exit 2;; esac

mkdir -p "$DEST"
# Custom format: compressed, restorable table by table, independent of the owner's role name.
"$PG_DUMP" --format=custom --no-owner --no-privileges --file="$DEST/db.dump.partial" "$DATABASE_URL"
mv "$DEST/db.dump.partial" "$DEST/db.dump"

if [ -n "${S3_BUCKET:-}" ]; then
  "$PY" "$HERE/bucket_sync.py" download "$DEST/files"
elif [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
  mkdir -p "$DEST/files"
  cp -a "$MEDIA_ROOT/." "$DEST/files/"
fi

{
  echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database: $(du -b "$DEST/db.dump" | cut -f1) bytes"
  echo "files: $(find "$DEST/files" -type f ! -name '.cimaise-bucket-manifest.json' 2>/dev/null | wc -l)"
} > "$DEST/MANIFEST"
echo "backup.sh: done in $DEST"
