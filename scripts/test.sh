#!/usr/bin/env bash
# `make test`: installs what the suite needs, starts PostgreSQL and Redis on loopback
# (scripts/services.sh), runs the whole pytest suite (SQLite with the browser tests, then
# everything but the browser tests again on PostgreSQL, with tests/services on PostgreSQL +
# Redis + S3), stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
CACHE="$ROOT/.cache"
mkdir -p "$CACHE"
WHO="make test"
PACKAGES="chromium gettext nginx"
# shellcheck source=scripts/services.sh
source scripts/services.sh

# axe-core for the accessibility checks, from the npm registry, loaded from a local file.
AXE="$CACHE/npm/node_modules/axe-core/axe.min.js"
if [ ! -f "$AXE" ]; then
  command -v npm >/dev/null || fail "npm is needed to fetch axe-core"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/npm" axe-core@4.11.0 >/dev/null \
    || fail "could not install axe-core from the npm registry"
fi
export AXE_CORE_JS="$AXE"
export CHROMIUM_PATH=/usr/bin/chromium

"$PY" manage.py compilemessages --ignore=.venv --ignore=.cache -v 0

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export TEST_PG_BIN="$PGBIN" TEST_PG_DATA="$RUN_DIR/pg" TEST_REDIS_PORT="$REDIS_PORT"
export CIMAISE_VAR_DIR="$RUN_DIR/var"

echo "== pytest on SQLite (unit, views, browser)"
"$PY" -m pytest tests --ignore=tests/services -q "$@"
echo "== pytest on PostgreSQL + Redis + S3 (every database test again, and tests/services)"
DATABASE_URL="$TEST_DATABASE_URL" "$PY" -m pytest tests --ignore=tests/browser -q "$@"
