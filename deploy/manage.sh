#!/usr/bin/env bash
# Run a manage.py command with the production environment (used by cron and systemd units).
#   deploy/manage.sh expire_memberships
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE/.."
ENV_FILE="${CIMAISE_ENV_FILE:-/etc/cimaise/cimaise.env}"
if [ -f "$ENV_FILE" ]; then set -a; . "$ENV_FILE"; set +a; fi
export DJANGO_SETTINGS_MODULE=community.settings CIMAISE_PRODUCTION="${CIMAISE_PRODUCTION:-1}"
exec "${CIMAISE_PYTHON:-.venv/bin/python}" manage.py "$@"
