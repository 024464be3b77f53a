#!/usr/bin/env bash
# Run one command with PostgreSQL and Redis started on loopback (as `make test` does), then stop
# them: `bash scripts/with-services.sh .venv/bin/python -m pytest tests/services -q`.
# The command sees TEST_DATABASE_URL, TEST_REDIS_URL, TEST_PG_BIN, TEST_PG_DATA, TEST_REDIS_PORT
# and DATABASE_URL (PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="$(pwd)/.venv/bin/python"
WHO="with-services"
# shellcheck source=scripts/services.sh
source scripts/services.sh
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export TEST_PG_BIN="$PGBIN" TEST_PG_DATA="$RUN_DIR/pg" TEST_REDIS_PORT="$REDIS_PORT"
export CIMAISE_VAR_DIR="${CIMAISE_VAR_DIR:-$RUN_DIR/var}"
export DATABASE_URL="$TEST_DATABASE_URL"
"$@"
