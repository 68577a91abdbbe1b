"""Named, ordered schema migrations recorded in `schema_migrations`; safe to run twice.

Rule: never edit a migration that has shipped; add a new one. schema.py shows the result
of the whole list (the first migrations create tables from it because they came first).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from karabakh_map.store import schema as s
from karabakh_map.store.db import write_connection

Migration = tuple[str, Callable[[sa.Connection], None]]


def _initial_tables(conn: sa.Connection) -> None:
    s.metadata.create_all(conn, tables=[s.articles, s.events, s.event_sources])


def _create_indexes(conn: sa.Connection, specs: list[tuple[str, str, str]]) -> None:
    # Plain DDL (portable to PostgreSQL): an sa.Index would attach itself to the shared
    # Table objects and be created again by the first migration on the next store.
    for name, table, columns in specs:
        conn.exec_driver_sql(f"CREATE INDEX {name} ON {table} ({columns})")


def _event_indexes(conn: sa.Connection) -> None:
    _create_indexes(conn, [
        # window queries: short events by earliest date, long spans scanned separately
        ("ix_events_window", "events", "long_span, date_earliest, date_latest"),
        ("ix_events_district", "events", "district_id, type, date_latest"),
        ("ix_events_place", "events", "place_id"),
        ("ix_events_type", "events", "type, date_earliest"),
        ("ix_event_sources_article", "event_sources", "article_id"),
    ])


def _store_meta(conn: sa.Connection) -> None:
    s.store_meta.create(conn)
    conn.execute(s.store_meta.insert().values(key="version", value=0))


def _fingerprints(conn: sa.Connection) -> None:
    s.article_fingerprints.create(conn)
    _create_indexes(conn, [
        ("ix_article_fingerprints_hash", "article_fingerprints", "hash"),
        ("ix_article_fingerprints_article", "article_fingerprints", "article_id"),
    ])


MIGRATIONS: list[Migration] = [
    ("0001_initial_tables", _initial_tables),
    ("0002_event_indexes", _event_indexes),
    ("0003_store_meta", _store_meta),
    ("0004_article_fingerprints", _fingerprints),
]


def applied(engine: sa.Engine) -> list[str]:
    """Names of the migrations already applied, in order of application."""
    if not sa.inspect(engine).has_table("schema_migrations"):
        return []
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(s.schema_migrations.c.name).order_by(s.schema_migrations.c.applied_at)
        )
        return [r.name for r in rows]


def migrate(engine: sa.Engine, migrations: list[Migration] | None = None) -> list[str]:
    """Apply the missing migrations, each in its own transaction; return the names applied."""
    done: list[str] = []
    with write_connection(engine) as conn:
        with conn.begin():
            s.schema_migrations.create(conn, checkfirst=True)
        for name, step in migrations or MIGRATIONS:
            with conn.begin():
                # Re-checked inside the write transaction: another process may have
                # applied it while we waited for the lock.
                seen = conn.execute(
                    sa.select(s.schema_migrations.c.name).where(s.schema_migrations.c.name == name)
                ).first()
                if seen:
                    continue
                step(conn)
                conn.execute(s.schema_migrations.insert().values(
                    name=name, applied_at=datetime.now(UTC).replace(tzinfo=None)))
                done.append(name)
    return done
