#!/usr/bin/env bash
# `make bench`: starts PostgreSQL and Redis on loopback (scripts/services.sh), runs
# bench/summary.py (every benchmark with small sizes, one table), stops them.
# Extra arguments go to bench/summary.py (e.g. `bash scripts/bench.sh --full`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
WHO="make bench"
PACKAGES="gettext"
# shellcheck source=scripts/services.sh
source scripts/services.sh

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export BENCH_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export CIMAISE_VAR_DIR="$RUN_DIR/var"
"$PY" manage.py compilemessages --ignore=.venv --ignore=.cache -v 0
"$PY" bench/summary.py "$@"
