#!/bin/sh
# Make the team's store ready on a PostgreSQL server: the role and the database (when
# missing), then the store's migrations. Safe to run again (on every deployment, or before
# deploy/start.sh): what exists is left as it is.
#
#   deploy/postgres/start.sh            # settings from deploy/postgres/karabakh.env
#
# Needs psql (Debian: postgresql-client) and `karabakh-map` with the postgres extra
# (pip install '.[postgres]') on PATH. The administrator role ($PGADMIN) logs in as libpq
# does: a password in ~/.pgpass or $PGPASSWORD, or peer auth on the server's own machine.
set -eu
. "$(dirname "$0")/common.sh"
# SQL goes in on stdin: psql substitutes :'var' (a literal) and :"var" (a name) there only.
admin() {
    psql -X -q -tA -v ON_ERROR_STOP=1 -U "${PGADMIN:-postgres}" -d postgres \
        -v user="$KARABAKH_DB_USER" -v db="$KARABAKH_DB_NAME" \
        -v pw="${KARABAKH_DB_PASSWORD:-}"
}

if [ -z "$(echo "SELECT 1 FROM pg_roles WHERE rolname = :'user';" | admin)" ]; then
    echo "karabakh-map: creating role $KARABAKH_DB_USER" >&2
    if [ -n "${KARABAKH_DB_PASSWORD:-}" ]; then
        echo "CREATE ROLE :\"user\" LOGIN PASSWORD :'pw';" | admin
    else
        echo "CREATE ROLE :\"user\" LOGIN;" | admin
    fi
fi
if [ -z "$(echo "SELECT 1 FROM pg_database WHERE datname = :'db';" | admin)" ]; then
    echo "karabakh-map: creating database $KARABAKH_DB_NAME" >&2
    echo "CREATE DATABASE :\"db\" OWNER :\"user\" ENCODING 'UTF8' TEMPLATE template0;" | admin
fi
karabakh-map db migrate --db "$KARABAKH_MAP_DB"
