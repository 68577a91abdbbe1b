"""A PostgreSQL server for the tests: the one $KARABAKH_TEST_PG_URL names, else a throwaway
cluster started here (initdb in a temp folder, a free port on 127.0.0.1, trust auth for
local connections, stopped and removed at the end of the session).

PostgreSQL refuses to run as root: when the tests run as root, the cluster belongs to the
`postgres` system user (Debian's package makes it) and its commands run through `runuser`.
Each test gets a schema of its own in one database (`schema_url`): far cheaper than a
database per test, and `search_path` makes it the default for every connection of the URL.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

URL_ENV = "KARABAKH_TEST_PG_URL"
REQUIRE_ENV = "KARABAKH_REQUIRE_POSTGRES"
DB_USER, DB_NAME = "karabakh", "karabakh_test"


def required() -> bool:
    """Whether PostgreSQL tests must run (CI) instead of being skipped."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian layout, else `pg_ctl` on PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl and shutil.which("initdb") else None


def driver_missing() -> str | None:
    """Why PostgreSQL cannot be used from Python here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A throwaway cluster: `start()` returns the URL of its test database."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="karabakh-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *argv: str) -> None:
        subprocess.run([*self.as_user, *argv], check=True, capture_output=True, text=True,
                       cwd=self.root)

    def start(self) -> str:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", DB_USER,
                  "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        # Durability is not under test here (crash tests kill clients, not the server).
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                f"-c unix_socket_directories={self.root} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.root / "server.log"), "-o", opts, "-w", "-t", "60", "start")
        admin = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {DB_NAME}")
        admin.dispose()
        return self.url(DB_NAME)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{DB_USER}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def server() -> Iterator[str | None]:
    """The base URL of a test database, or None when PostgreSQL is not available here
    (the caller skips, or fails when `required()`)."""
    given = os.environ.get(URL_ENV)
    if given:
        from karabakh_map.store.db import store_url

        yield store_url(given).render_as_string(hide_password=False)  # psycopg named
        return
    bindir = bin_dir()
    if bindir is None or driver_missing():
        yield None
        return
    cluster = Cluster(bindir)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def unavailable_reason() -> str:
    return driver_missing() or f"no PostgreSQL server: install postgresql or set {URL_ENV}"


_counter = iter(range(1, 10**9))


def schema_url(base: str) -> str:
    """A new, empty schema in the test database, as a URL whose connections use it."""
    name = f"t{os.getpid()}_{next(_counter)}_{int(time.time() * 1000) % 10**6}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    engine.dispose()
    return str(sa.make_url(base).update_query_dict({"options": f"-csearch_path={name}"}))


def drop_schema(url: str) -> None:
    """Remove a schema `schema_url` made (every table in it)."""
    parsed = sa.make_url(url)
    name = str(parsed.query["options"]).removeprefix("-csearch_path=")
    engine = sa.create_engine(parsed.difference_update_query(["options"]))
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
    engine.dispose()
