# Sourced by scripts/test.sh and scripts/bench.sh: installs the system packages they need (apt,
# when root) and starts PostgreSQL and Redis on free loopback ports in a temporary folder,
# stopped on exit. Expects PY (the venv's python), WHO (for messages) and PACKAGES (extra
# Debian packages to make sure of); sets RUN_DIR, PG_PORT, REDIS_PORT, PGBIN and as_pg.

fail() { echo "$WHO: $*" >&2; exit 1; }

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
for package in ${PACKAGES:-}; do
  case "$package" in
    chromium)
      [ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
      [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
      ;;
    gettext) command -v msgfmt >/dev/null || missing+=(gettext) ;;
    # tests/services/test_deploy_recipe.py runs deploy/nginx-cimaise.conf in front of the workers.
    nginx) command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx) ;;
  esac
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "$WHO: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    fail "missing system packages: ${missing[*]} (run as root, or install them)"
  fi
fi

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
RUN_DIR=$(mktemp -d /tmp/cimaise-run.XXXXXX)
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
