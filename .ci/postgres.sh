#!/usr/bin/env bash
# Sourced by .ci/run: a throwaway PostgreSQL cluster for the test run.
# Installs Debian's postgresql when missing (as root), starts a cluster in a temp folder on
# a free port of 127.0.0.1 (trust auth, durability off: a test server), creates the
# database `karabakh_test`, exports KARABAKH_TEST_PG_URL, and stops and removes the cluster
# when the sourcing shell exits. PostgreSQL refuses to run as root: as root the cluster
# belongs to the `postgres` user that Debian's package creates.

ci_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(ci_pg_bin)" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "ci: postgresql missing and not root; the PostgreSQL store tests would fail" >&2
    exit 1
  fi
fi
CI_PG_BIN=$(ci_pg_bin)
CI_PG_DIR=$(mktemp -d /tmp/karabakh-ci-pg.XXXXXX)
CI_PG_AS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$CI_PG_DIR"
  CI_PG_AS=(runuser -u postgres --)
fi
CI_PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

ci_pg_stop() {
  "${CI_PG_AS[@]}" "$CI_PG_BIN/pg_ctl" -D "$CI_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$CI_PG_DIR"
}

(cd "$CI_PG_DIR" &&
  "${CI_PG_AS[@]}" "$CI_PG_BIN/initdb" -D "$CI_PG_DIR/data" -U karabakh -A trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >/dev/null &&
  "${CI_PG_AS[@]}" "$CI_PG_BIN/pg_ctl" -D "$CI_PG_DIR/data" -l "$CI_PG_DIR/server.log" -w \
    -o "-p $CI_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$CI_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null &&
  "$CI_PG_BIN/createdb" -h 127.0.0.1 -p "$CI_PG_PORT" -U karabakh karabakh_test) || {
  echo "ci: could not start PostgreSQL ($CI_PG_BIN); server log:" >&2
  cat "$CI_PG_DIR/server.log" >&2 2>/dev/null
  ci_pg_stop
  exit 1
}
trap ci_pg_stop EXIT
export KARABAKH_TEST_PG_URL="postgresql://karabakh@127.0.0.1:$CI_PG_PORT/karabakh_test"
echo "ci: PostgreSQL $("$CI_PG_BIN/postgres" --version | awk '{print $3}') on port $CI_PG_PORT"
