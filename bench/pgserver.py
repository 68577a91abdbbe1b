"""A PostgreSQL store for the benchmarks: `$KARABAKH_TEST_PG_URL`, else a throwaway cluster
(tests/support/pg_support.py: initdb in a temp folder, a free port). Each store is a schema of its
own in that database, dropped afterwards; no server, no psycopg: `available()` says why."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from tests.support import pg_support

BACKENDS = ("sqlite", "postgresql")


def parse_backends(value: str) -> list[str]:
    """`--backends sqlite,postgresql` as a list, checked."""
    names = [b.strip() for b in value.split(",") if b.strip()]
    unknown = [b for b in names if b not in BACKENDS]
    if unknown or not names:
        raise SystemExit(f"--backends: one or more of {', '.join(BACKENDS)}, got {value!r}")
    return names


def unavailable() -> str | None:
    """Why no PostgreSQL can be had here, or None."""
    if pg_support.driver_missing():
        return pg_support.driver_missing()
    if not pg_support.os.environ.get(pg_support.URL_ENV) and pg_support.bin_dir() is None:
        return pg_support.unavailable_reason()
    return None


@contextlib.contextmanager
def server() -> Iterator[str]:
    """The base URL of a PostgreSQL database for the run (a throwaway one stops at exit)."""
    with pg_support.server() as base:
        if base is None:
            raise RuntimeError(pg_support.unavailable_reason())
        yield base


@contextlib.contextmanager
def pg_store_url(base: str) -> Iterator[str]:
    """A new, empty schema in `base` as a store URL; dropped on exit."""
    url = pg_support.schema_url(base)
    try:
        yield url
    finally:
        pg_support.drop_schema(url)


def cpu_of(pid: int) -> float:
    """utime + stime + cutime + cstime of a process, in seconds (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def server_cpu(url: str) -> float | None:
    """CPU seconds the server behind `url` has used so far (its main process with its ended
    children, plus its live processes), read from /proc; None when it is not local."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:  # read while connected: the backend ends after
            backend = int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
            status = Path(f"/proc/{backend}/status").read_text()
    except OSError:
        return None
    finally:
        engine.dispose()
    main = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
    return cpu_of(main) + sum(cpu_of(pid) for pid in children(main))


def children(parent: int) -> list[int]:
    """The ids of the live processes whose parent is `parent`."""
    out = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == parent:
                    out.append(int(proc.name))
    return out
