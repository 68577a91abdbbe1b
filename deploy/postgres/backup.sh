#!/bin/sh
# Back the store up with pg_dump (custom format: compressed, restorable table by table),
# into $KARABAKH_BACKUP_DIR, keeping $KARABAKH_BACKUP_DAYS days of dumps. Run it from cron:
#
#   15 3 * * *  /srv/karabakh-map/deploy/postgres/backup.sh
#
# A dump is consistent (one snapshot) while ingest and dashboards go on. Restore into an
# empty database with:  pg_restore --no-owner -d "$KARABAKH_MAP_DB" FILE.dump
# Needs pg_dump of the server's major version or newer (Debian: postgresql-client).
set -eu
. "$(dirname "$0")/common.sh"
dir=${KARABAKH_BACKUP_DIR:-/var/backups/karabakh}
mkdir -p "$dir"
out="$dir/karabakh-$(date -u +%Y%m%dT%H%M%SZ).dump"
# libpq reads a postgresql:// URL itself; the driver name SQLAlchemy may carry is dropped.
url=$(printf '%s' "$KARABAKH_MAP_DB" | sed 's|^postgresql+[a-z0-9]*://|postgresql://|')
pg_dump --format=custom --no-owner --file="$out.part" "$url"
mv "$out.part" "$out"
find "$dir" -name 'karabakh-*.dump' -mtime "+${KARABAKH_BACKUP_DAYS:-14}" -delete
echo "$out"
