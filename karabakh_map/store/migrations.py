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


def _add_columns(conn: sa.Connection, table: str, columns: list[tuple[str, str]]) -> None:
    # Fresh stores already have them (migration 0001 creates tables from schema.py).
    have = {c["name"] for c in sa.inspect(conn).get_columns(table)}
    for name, ddl_type in columns:
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {ddl_type}")


def _deadlines_and_captures(conn: sa.Connection) -> None:
    """Deadline columns (postponement convention), capture texts, known hashes, and one
    source link per (event, article)."""
    from karabakh_map.store.write import recompute_event

    _add_columns(conn, "events", [("deadline", "DATE"), ("previous_deadline", "DATE")])
    _add_columns(conn, "event_sources", [("deadline", "DATE"), ("capture_id", "INTEGER")])
    s.article_captures.create(conn, checkfirst=True)
    s.article_hashes.create(conn, checkfirst=True)
    _create_indexes(conn, [("ix_article_captures_article", "article_captures", "article_id")])
    e, src = s.events.c, s.event_sources.c
    deadline_types = ["scheduled_handover", "postponement"]
    # Before this migration a day-dated scheduled handover or postponement was dated by
    # its (new) deadline.
    conn.execute(s.events.update().where(
        e.type.in_(deadline_types), e.date_precision == "day", e.deadline.is_(None))
        .values(deadline=e.date_latest))
    of_type = sa.select(e.id).where(e.type.in_(deadline_types)).scalar_subquery()
    conn.execute(s.event_sources.update().where(
        src.event_id.in_(of_type), src.reported_precision == "day", src.deadline.is_(None))
        .values(deadline=src.reported_latest))
    keep = sa.select(sa.func.min(src.id)).group_by(src.event_id, src.article_id)
    doubled = conn.execute(sa.select(src.event_id).where(src.id.not_in(keep)).distinct()
                           ).scalars().all()
    conn.execute(s.event_sources.delete().where(src.id.not_in(keep)))
    for event_id in doubled:
        recompute_event(conn, event_id)
    conn.exec_driver_sql("CREATE UNIQUE INDEX ux_event_sources_event_article "
                         "ON event_sources (event_id, article_id)")


MIGRATIONS: list[Migration] = [
    ("0001_initial_tables", _initial_tables),
    ("0002_event_indexes", _event_indexes),
    ("0003_store_meta", _store_meta),
    ("0004_article_fingerprints", _fingerprints),
    ("0005_deadlines_and_captures", _deadlines_and_captures),
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
