"""A PostgreSQL store for the benchmarks: `$KARABAKH_TEST_PG_URL`, else a throwaway cluster
(tests/support/pg_support.py: initdb in a temp folder, a free port). Each store is a schema of its
own in that database, dropped afterwards; no server, no psycopg: `available()` says why."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

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
