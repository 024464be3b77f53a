#!/usr/bin/env bash
# `make test`: installs what the suite needs, starts PostgreSQL and Redis on loopback,
# runs the whole pytest suite (SQLite with the browser tests, then everything but the browser
# tests again on PostgreSQL, with tests/services on PostgreSQL + Redis + S3), stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
CACHE="$ROOT/.cache"
mkdir -p "$CACHE"

fail() { echo "make test: $*" >&2; exit 1; }

# --- system packages --------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v msgfmt >/dev/null || missing+=(gettext)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "make test: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    fail "missing system packages: ${missing[*]} (run as root, or install them)"
  fi
fi

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

# --- services on loopback ---------------------------------------------------------------
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
RUN_DIR=$(mktemp -d /tmp/cimaise-test.XXXXXX)
chmod 755 "$RUN_DIR"
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  set +e
  [ -f "$RUN_DIR/redis.pid" ] && kill "$(cat "$RUN_DIR/redis.pid")" 2>/dev/null
  [ -d "$RUN_DIR/pg" ] && as_pg "$PGBIN/pg_ctl" -D "$RUN_DIR/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

mkdir -p "$RUN_DIR/pg"
touch "$RUN_DIR/pg.log"  # written by the server, which runs as postgres when we are root
if [ "$(id -u)" = 0 ]; then chown postgres "$RUN_DIR/pg" "$RUN_DIR/pg.log"; fi
as_pg "$PGBIN/initdb" -D "$RUN_DIR/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null \
  || fail "PostgreSQL initdb failed"
as_pg "$PGBIN/pg_ctl" -D "$RUN_DIR/pg" -w -l "$RUN_DIR/pg.log" \
  -o "-p $PG_PORT -k $RUN_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
  start >/dev/null || { cat "$RUN_DIR/pg.log" >&2; fail "PostgreSQL did not start"; }
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log" || fail "Redis did not start"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping >/dev/null || fail "Redis does not answer on port $REDIS_PORT"

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export TEST_PG_BIN="$PGBIN" TEST_PG_DATA="$RUN_DIR/pg" TEST_REDIS_PORT="$REDIS_PORT"
export CIMAISE_VAR_DIR="$RUN_DIR/var"

# --- the suite --------------------------------------------------------------------------
echo "== pytest on SQLite (unit, views, browser)"
"$PY" -m pytest tests --ignore=tests/services -q "$@"
echo "== pytest on PostgreSQL + Redis + S3 (every database test again, and tests/services)"
DATABASE_URL="$TEST_DATABASE_URL" "$PY" -m pytest tests --ignore=tests/browser -q "$@"
