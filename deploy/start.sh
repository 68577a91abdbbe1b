#!/bin/sh
# Start N dashboard processes on consecutive loopback ports, for deploy/nginx.conf.
#
#   deploy/start.sh [N] [FIRST_PORT]        # default: 2 processes, 8501 and 8502
#
# Needs `karabakh-map` on PATH (pip install . in a venv, then activate it). The store is
# $KARABAKH_MAP_DB, else the default file; every process reads the same one. Each process
# runs from deploy/, so Streamlit reads deploy/.streamlit/config.toml. Ctrl-C (or SIGTERM to
# this script) stops them all. Under systemd, run one unit per port instead, with the same
# command, WorkingDirectory=deploy/ and the same STREAMLIT_SERVER_COOKIE_SECRET.
set -eu
N=${1:-2}
FIRST=${2:-8501}
# A relative SQLite store (sqlite:///store.db) means a file where this script was started:
# make it absolute before moving to deploy/.
case "${KARABAKH_MAP_DB:-}" in
    sqlite*:///[!/]*)
        KARABAKH_MAP_DB="${KARABAKH_MAP_DB%%:///*}:///$PWD/${KARABAKH_MAP_DB#*:///}"
        export KARABAKH_MAP_DB
        echo "karabakh-map: store $KARABAKH_MAP_DB" >&2
        ;;
esac
cd "$(dirname "$0")"
# One secret for all processes: a cookie signed by one is accepted by the others.
if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
    STREAMLIT_SERVER_COOKIE_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
fi
export STREAMLIT_SERVER_COOKIE_SECRET
# Stop every process this script started (and anything they started) together.
trap 'trap - INT TERM; kill 0' INT TERM
i=0
while [ "$i" -lt "$N" ]; do
    port=$((FIRST + i))
    echo "karabakh-map: starting on 127.0.0.1:$port" >&2
    karabakh-map serve --port "$port" &
    i=$((i + 1))
done
wait
