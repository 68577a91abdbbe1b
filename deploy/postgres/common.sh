# Sourced by start.sh and backup.sh: reads karabakh.env (if present) and builds the URL.
here=$(cd "$(dirname "$0")" && pwd)
if [ -f "$here/karabakh.env" ]; then
    set -a
    . "$here/karabakh.env"
    set +a
fi
: "${KARABAKH_DB_NAME:=karabakh}" "${KARABAKH_DB_USER:=karabakh}" "${PGPORT:=5432}"
export PGPORT
if [ -z "${KARABAKH_MAP_DB:-}" ]; then
    auth=$KARABAKH_DB_USER${KARABAKH_DB_PASSWORD:+:$KARABAKH_DB_PASSWORD}
    KARABAKH_MAP_DB="postgresql://$auth@${PGHOST:-127.0.0.1}:$PGPORT/$KARABAKH_DB_NAME"
fi
export KARABAKH_MAP_DB
