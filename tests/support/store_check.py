"""Whole-store comparisons and checks on either backend, by URL (crash, concurrency and
worker tests). On SQLite these are tests/support/article_batch.py's (rows with their ids, SQLite's
own integrity checks); on PostgreSQL rows are compared with ids replaced by natural keys:
a sequence is not rolled back with a killed transaction, so ids may skip a number there."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from tests.support import article_batch

# Tables whose rows have a natural key besides the id, and the columns pointing at them.
NATURAL = {"articles": "content_hash", "events": "key", "article_captures": "content_hash"}
# Event fields set by the earliest-published report that has them (migration 0008; events
# stored before it kept the first-arrived values): the comparisons that check arrival order
# leaves them alone list them here.
FIRST_REPORT = ("note", "actor1", "actor2", "place_id", "location", "country", "latitude",
                "longitude", "geo_precision", "previous_deadline", "part")
POINTERS = {"article_id": "articles", "event_id": "events", "capture_id": "article_captures"}


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _engine(url: str) -> sa.Engine:
    from karabakh_map.store.db import make_engine

    return make_engine(url)


def count(url: str, table: str) -> int:
    """Rows in `table` (committed ones: a fresh connection)."""
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())
    finally:
        engine.dispose()


def store_rows(url: str, *, by_key: bool = False,
               any_order: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (clock columns left out), sorted, for comparing stores;
    ids replaced by natural keys on PostgreSQL, or with `by_key`; `any_order` (stores
    that took their articles in another order) leaves out the FIRST_REPORT fields."""
    by_key = by_key or any_order
    if is_sqlite(url) and not by_key:
        return article_batch.store_rows(article_batch.sqlite_path(url))
    engine = _engine(url)
    md = sa.MetaData()
    md.reflect(engine)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        natural = {t: dict(conn.execute(sa.select(md.tables[t].c.id, md.tables[t].c[col])).all())
                   for t, col in NATURAL.items() if t in md.tables}
        for name, table in sorted(md.tables.items()):
            skip = {*article_batch.CLOCK_COLUMNS, "id",
                    *(FIRST_REPORT if any_order and name == "events" else ())}
            cols = [c for c in table.c if c.name not in skip]
            rows = []
            for row in conn.execute(sa.select(*cols)):
                rows.append(tuple(
                    natural[POINTERS[c.name]].get(v) if c.name in POINTERS and v is not None
                    else v for c, v in zip(cols, row, strict=True)))
            out[name] = sorted(rows, key=repr)
    engine.dispose()
    return out


def store_problems(url: str) -> list[str]:
    """What the database's own checks find wrong, plus doubled rows keys would not catch
    (PostgreSQL enforces foreign keys itself: nothing to check there)."""
    if is_sqlite(url):
        return article_batch.store_problems(article_batch.sqlite_path(url))
    engine = _engine(url)
    with engine.connect() as conn:
        problems = [f"{what}: {tuple(r)}" for sql, what in article_batch.DOUBLED
                    for r in conn.exec_driver_sql(sql)]
    engine.dispose()
    return problems


def event_set(url: str) -> set[tuple[Any, ...]]:
    """(type, district, dates, number of sources) of every event."""
    engine = _engine(url)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT e.type, e.district_id, e.date_earliest, e.date_latest, count(s.id) "
            "FROM events e LEFT JOIN event_sources s ON s.event_id = e.id "
            "GROUP BY e.id, e.type, e.district_id, e.date_earliest, e.date_latest").all()
    engine.dispose()
    return {(t, d, str(lo), str(hi), n) for t, d, lo, hi, n in rows}


def schema_of(url: str) -> dict[str, Any]:
    """Tables with their columns (name, type, nullable), indexes and unique constraints."""
    engine = _engine(url)
    insp = sa.inspect(engine)
    out = {t: ([(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t)],
               sorted((i["name"] or "", tuple(i["column_names"]), bool(i["unique"]))
                      for i in insp.get_indexes(t)),
               sorted(str(u["column_names"]) for u in insp.get_unique_constraints(t)))
           for t in sorted(insp.get_table_names())}
    engine.dispose()
    return out
