"""Named, ordered schema migrations recorded in `schema_migrations`; safe to run twice.

Rule: never edit a migration that has shipped; add a new one. Each migration carries its
own frozen DDL (table definitions local to it, or plain SQL), never schema.py's live tables,
so migration N does the same thing on an old store and a fresh one; schema.py describes the
result of the whole list (a test compares the two).

Derived event fields (date, dispute, deadline) are not data a migration owns: a migration
that changes their inputs returns a list of the events concerned, and `migrate` recounts
their report values (report_values.py) and recomputes them with the store's current rules
once every migration has run, in the same transaction (the whole upgrade is one
transaction). A migration returning ALL_EVENTS has every event's report values recounted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from karabakh_map.store.db import StoreUnavailable, write_connection

Migration = tuple[str, Callable[[sa.Connection], object]]

_migrations_md = sa.MetaData()
# The bookkeeping table itself (frozen like the rest).
_schema_migrations = sa.Table(
    "schema_migrations", _migrations_md,
    sa.Column("name", sa.String(128), primary_key=True),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)


def _parent(md: sa.MetaData, name: str) -> sa.Table:
    """A stand-in for a table an earlier migration made, so foreign keys resolve."""
    return sa.Table(name, md, sa.Column("id", sa.Integer, primary_key=True))


def _initial_tables(conn: sa.Connection) -> None:
    md = sa.MetaData()
    articles = sa.Table(
        "articles", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("published_how", sa.String(16), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("published_how IN ('detected', 'given', 'missing')",
                           name="ck_articles_published_how"),
    )
    events = sa.Table(
        "events", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("sub_type", sa.Text),
        sa.Column("acled_event_type", sa.Text),
        sa.Column("date_earliest", sa.Date),
        sa.Column("date_latest", sa.Date),
        sa.Column("date_precision", sa.String(16), nullable=False),
        sa.Column("long_span", sa.Boolean, nullable=False),
        sa.Column("announced", sa.Date),
        sa.Column("actor1", sa.Text),
        sa.Column("actor2", sa.Text),
        sa.Column("controller", sa.Text),
        sa.Column("place_id", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("country", sa.String(2)),
        sa.Column("district_id", sa.Text),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("disputed", sa.Boolean, nullable=False),
        sa.Column("dispute_note", sa.Text, nullable=False),
    )
    sources = sa.Table(
        "event_sources", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("reported_earliest", sa.Date),
        sa.Column("reported_latest", sa.Date),
        sa.Column("reported_precision", sa.String(16), nullable=False),
        sa.Column("announced", sa.Date),
        sa.Column("figures", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.UniqueConstraint("event_id", "article_id", "start", name="uq_event_sources_report"),
    )
    md.create_all(conn, tables=[articles, events, sources])


def _create_indexes(conn: sa.Connection, specs: list[tuple[str, str, str]]) -> None:
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
    meta = sa.Table(
        "store_meta", sa.MetaData(),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    meta.create(conn)
    conn.execute(meta.insert().values(key="version", value=0))


def _fingerprints(conn: sa.Connection) -> None:
    md = sa.MetaData()
    _parent(md, "articles")
    sa.Table(
        "article_fingerprints", md,
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("hash", sa.BigInteger, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
    ).create(conn)
    _create_indexes(conn, [
        ("ix_article_fingerprints_hash", "article_fingerprints", "hash"),
        ("ix_article_fingerprints_article", "article_fingerprints", "article_id"),
    ])


def _add_columns(conn: sa.Connection, table: str, columns: list[tuple[str, str]]) -> None:
    # Stores made while 0001 still created tables from schema.py already have them.
    have = {c["name"] for c in sa.inspect(conn).get_columns(table)}
    for name, ddl_type in columns:
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {ddl_type}")


def _deadlines_and_captures(conn: sa.Connection) -> list[int]:
    """Deadline columns (postponement convention), capture texts, known hashes, and one
    source link per (event, article). Returns the events whose links were thinned out."""
    _add_columns(conn, "events", [("deadline", "DATE"), ("previous_deadline", "DATE")])
    _add_columns(conn, "event_sources", [("deadline", "DATE"), ("capture_id", "INTEGER")])
    md = sa.MetaData()
    _parent(md, "articles")
    captures = sa.Table(
        "article_captures", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    hashes = sa.Table(
        "article_hashes", md,
        sa.Column("content_hash", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    )
    captures.create(conn, checkfirst=True)
    hashes.create(conn, checkfirst=True)
    _create_indexes(conn, [("ix_article_captures_article", "article_captures", "article_id")])
    events = sa.table("events", *(sa.column(n) for n in (
        "id", "type", "date_precision", "date_latest", "deadline")))
    src = sa.table("event_sources", *(sa.column(n) for n in (
        "id", "event_id", "article_id", "reported_precision", "reported_latest", "deadline")))
    e, c = events.c, src.c
    deadline_types = ["scheduled_handover", "postponement"]
    # Before this migration a day-dated scheduled handover or postponement was dated by
    # its (new) deadline.
    conn.execute(events.update().where(
        e.type.in_(deadline_types), e.date_precision == "day", e.deadline.is_(None))
        .values(deadline=e.date_latest))
    of_type = sa.select(e.id).where(e.type.in_(deadline_types)).scalar_subquery()
    conn.execute(src.update().where(
        c.event_id.in_(of_type), c.reported_precision == "day", c.deadline.is_(None))
        .values(deadline=c.reported_latest))
    keep = sa.select(sa.func.min(c.id)).group_by(c.event_id, c.article_id)
    doubled = conn.execute(sa.select(c.event_id).where(c.id.not_in(keep)).distinct()
                           ).scalars().all()
    conn.execute(src.delete().where(c.id.not_in(keep)))
    conn.exec_driver_sql("CREATE UNIQUE INDEX ux_event_sources_event_article "
                         "ON event_sources (event_id, article_id)")
    return list(doubled)


def _parts_and_stances(conn: sa.Connection) -> None:
    """Event parts and the denied flag, report stances, and merge keys that name the part or
    place (type|district|part or place|who|when; before: type|district or place|who|when)."""
    false = "0" if conn.dialect.name == "sqlite" else "FALSE"
    _add_columns(conn, "events", [("part", "TEXT"),
                                  ("denied", f"BOOLEAN NOT NULL DEFAULT {false}")])
    _add_columns(conn, "event_sources", [("stance", "VARCHAR(16) NOT NULL DEFAULT 'reports'")])
    events = sa.table("events", *(sa.column(n) for n in ("id", "key", "district_id",
                                                         "place_id")))
    e = events.c
    rows = conn.execute(sa.select(e.id, e.key, e.district_id, e.place_id)).all()
    new_keys = []
    for r in rows:
        parts = r.key.split("|")
        if len(parts) < 4:
            continue
        who = "|".join(parts[2:-1])
        new_keys.append({"event_id": r.id, "new_key": "|".join(
            [parts[0], r.district_id or "-", r.place_id or "-", who, parts[-1]])})
    if new_keys:
        conn.execute(events.update().where(e.id == sa.bindparam("event_id"))
                     .values(key=sa.bindparam("new_key")), new_keys)


def _review_and_edits(conn: sa.Connection) -> None:
    """Review state on events (ingest: 'extracted'; the catalogue: 'confirmed') and the
    analysts' append-only edit log (store/edits.py)."""
    _add_columns(conn, "events", [("review", "VARCHAR(16) NOT NULL DEFAULT 'extracted'")])
    md = sa.MetaData()
    _parent(md, "events")
    sa.Table(
        "event_edits", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("made_at", sa.DateTime, nullable=False),
        sa.Column("made_by", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("old_values", sa.Text, nullable=False),
        sa.Column("new_values", sa.Text, nullable=False),
        sa.Index("ix_event_edits_event", "event_id"),
        sa.Index("ix_event_edits_made_at", "made_at"),
    ).create(conn, checkfirst=True)


def _field_ranks(conn: sa.Connection) -> None:
    """Which report each event field came from (reports.py): fields already set keep theirs."""
    _add_columns(conn, "events", [("field_ranks", "TEXT NOT NULL DEFAULT '{}'")])


ALL_EVENTS = "all events"  # a migration's return value: rebuild every event's report values


def _report_values(conn: sa.Connection) -> str:
    """The per-event table of distinct report values (report_values.py); filled from the
    reports by `migrate` once every migration has run."""
    md = sa.MetaData()
    _parent(md, "events")
    sa.Table(
        "event_report_values", md,
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("field", sa.String(16), primary_key=True),
        sa.Column("value", sa.Text, primary_key=True),
        sa.Column("reports", sa.Integer, nullable=False),
    ).create(conn)
    return ALL_EVENTS


MIGRATIONS: list[Migration] = [
    ("0001_initial_tables", _initial_tables),
    ("0002_event_indexes", _event_indexes),
    ("0003_store_meta", _store_meta),
    ("0004_article_fingerprints", _fingerprints),
    ("0005_deadlines_and_captures", _deadlines_and_captures),
    ("0006_parts_and_stances", _parts_and_stances),
    ("0007_review_and_edits", _review_and_edits),
    ("0008_field_ranks", _field_ranks),
    ("0009_report_values", _report_values),
]


def applied(engine: sa.Engine) -> list[str]:
    """Names of the migrations already applied, in order of application."""
    if not sa.inspect(engine).has_table("schema_migrations"):
        return []
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(_schema_migrations.c.name).order_by(_schema_migrations.c.applied_at)
        )
        return [r.name for r in rows]


def migrate(engine: sa.Engine, migrations: list[Migration] | None = None) -> list[str]:
    """Apply the missing migrations, all in one transaction (an upgrade is applied whole or
    not at all); return the names applied. Events a migration marks stale are recomputed
    at the end, once the schema is the current one."""
    done: list[str] = []
    stale_ids: list[int] = []
    rebuild_all = False
    try:
        conn = write_connection(engine)
    except sa.exc.OperationalError as exc:  # no server, refused, no such database...
        raise StoreUnavailable(
            f"cannot open the store at {engine.url.render_as_string(hide_password=True)}: "
            f"{str(exc.orig or exc).strip()}") from None
    with conn:
        with conn.begin():
            _schema_migrations.create(conn, checkfirst=True)
        with conn.begin():
            for name, step in migrations or MIGRATIONS:
                # Checked inside the write transaction: another process may have applied
                # it while we waited for the lock.
                seen = conn.execute(
                    sa.select(_schema_migrations.c.name)
                    .where(_schema_migrations.c.name == name)
                ).first()
                if seen:
                    continue
                stale = step(conn)
                if isinstance(stale, list):  # event ids (other return values mean nothing)
                    stale_ids += stale
                rebuild_all |= stale == ALL_EVENTS
                conn.execute(_schema_migrations.insert().values(
                    name=name, applied_at=datetime.now(UTC).replace(tzinfo=None)))
                done.append(name)
            if rebuild_all or stale_ids:
                from karabakh_map.store import report_values
                from karabakh_map.store.reports import recompute_event

                if rebuild_all:
                    report_values.rebuild(conn)
                elif stale_ids:
                    report_values.rebuild(conn, stale_ids)
                for event_id in dict.fromkeys(stale_ids):
                    recompute_event(conn, event_id)
    return done
