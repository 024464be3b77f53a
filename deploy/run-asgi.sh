#!/usr/bin/env bash
# Serve Cimaise in production: uvicorn workers behind nginx, on a unix socket.
#
#   CIMAISE_ENV_FILE=/etc/cimaise/cimaise.env deploy/run-asgi.sh
#
# Several worker processes share PostgreSQL and Redis (channels-redis), so a websocket held by
# one worker receives what a request on another worker notified. WEB_CONCURRENCY sets the
# number of workers (default: 2 per CPU, at most 8); CIMAISE_BIND a host:port instead of the
# socket (e.g. 127.0.0.1:8001).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE/.."
ENV_FILE="${CIMAISE_ENV_FILE:-/etc/cimaise/cimaise.env}"
if [ -f "$ENV_FILE" ]; then set -a; . "$ENV_FILE"; set +a; fi
export DJANGO_SETTINGS_MODULE=community.settings CIMAISE_PRODUCTION="${CIMAISE_PRODUCTION:-1}"
PY="${CIMAISE_PYTHON:-.venv/bin/python}"
WORKERS="${WEB_CONCURRENCY:-$(( $(nproc) * 2 > 8 ? 8 : $(nproc) * 2 ))}"
SOCKET="${CIMAISE_SOCKET:-/run/cimaise/asgi.sock}"

if [ -n "${CIMAISE_BIND:-}" ]; then
  where=(--host "${CIMAISE_BIND%:*}" --port "${CIMAISE_BIND##*:}")
else
  where=(--uds "$SOCKET")
fi
# nginx terminates TLS. Django reads X-Forwarded-Proto itself (SECURE_PROXY_SSL_HEADER) and the
# login rate limits read the client address from X-Real-IP, which nginx writes
# (ALLAUTH_TRUSTED_CLIENT_IP_HEADER). On the unix socket uvicorn has no peer address, so
# --proxy-headers changes nothing there; with CIMAISE_BIND it takes the client address from the
# X-Forwarded-For entry the local proxy added. Never --forwarded-allow-ips '*': the client
# writes the leftmost X-Forwarded-For entries itself and would pick its own address.
exec "$PY" -m uvicorn community.asgi:application "${where[@]}" \
  --workers "$WORKERS" --lifespan off --ws websockets-sansio \
  --proxy-headers --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
  --timeout-keep-alive 5 --no-server-header --log-level "${UVICORN_LOG_LEVEL:-warning}"
