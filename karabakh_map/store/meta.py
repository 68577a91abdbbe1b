"""The store's bookkeeping: its write counter, flags, row counts, and its content for hashing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from karabakh_map.store import schema as s
from karabakh_map.store.db import write_connection

__all__ = ["content_rows", "counts", "current_version", "has_flag", "last_ingested",
           "set_flag", "store_version"]

# Store content that the exported map shows (not bookkeeping such as ingestion times).
_VERSIONED: dict[sa.Table, tuple[str, ...] | None] = {
    s.events: None,
    s.event_sources: None,
    s.event_edits: None,  # an analyst's correction changes what is shown
    s.articles: ("id", "content_hash", "source", "url", "title", "published"),
}


def store_version(conn: sa.Connection) -> int:
    """A counter bumped by every write transaction (cache key for derived indexes)."""
    return int(conn.execute(
        sa.select(s.store_meta.c.value).where(s.store_meta.c.key == "version")
    ).scalar_one())


def current_version(engine: sa.Engine) -> int:
    """`store_version` on a connection of its own."""
    with engine.connect() as conn:
        return store_version(conn)


def counts(engine: sa.Engine) -> dict[str, int]:
    """Row counts of the main tables."""
    with engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in (s.articles, s.article_captures, s.events, s.event_sources)}


def has_flag(engine: sa.Engine, key: str) -> bool:
    """Whether the flag `key` is set in the store's metadata."""
    with engine.connect() as conn:
        return conn.execute(
            sa.select(s.store_meta.c.key).where(s.store_meta.c.key == key)).first() is not None


def set_flag(engine: sa.Engine, key: str) -> None:
    """Set the flag `key` (a no-op when it is set already)."""
    with write_connection(engine) as conn, conn.begin():
        exists = conn.execute(
            sa.select(s.store_meta.c.key).where(s.store_meta.c.key == key)).first()
        if not exists:
            conn.execute(s.store_meta.insert().values(key=key, value=1))


def last_ingested(engine: sa.Engine) -> date | None:
    """The day the store last took in an article (None for an empty store)."""
    with engine.connect() as conn:
        latest = conn.execute(sa.select(sa.func.max(s.articles.c.ingested_at))).scalar()
    if isinstance(latest, str):  # SQLite may hand back text
        latest = datetime.fromisoformat(latest)
    return latest.date() if isinstance(latest, datetime) else latest


def content_rows(engine: sa.Engine) -> Iterator[tuple[str, Iterator[list[Any]]]]:
    """(table name, its rows in id order) for the content a data version covers: events,
    source links and the articles' metadata and content hashes. The rows stream from one
    connection: consume each table's rows before asking for the next table."""
    with engine.connect() as conn:
        for table, names in _VERSIONED.items():
            cols = [table.c[n] for n in names] if names else list(table.c)
            rows = conn.execute(sa.select(*cols).order_by(table.c.id))
            yield table.name, (list(row) for row in rows)
