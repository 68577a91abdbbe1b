"""Reading the store: events in a date window with their sources, store version, counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from karabakh_map.store import schema as s
from karabakh_map.store.merge import LONG_SPAN_DAYS
from karabakh_map.store.rows import (
    EVENT_COLS,
    N_EVENT_COLS,
    SOURCE_COLS,
    SUMMARY_COLS,
    EventRow,
    EventSummary,
    Source,
    event_row,
    fuzzy,
    source_row,
)

__all__ = ["EventRow", "EventSummary", "Source", "counts", "query_events", "query_window",
           "quote", "sources_for", "store_version"]


def store_version(conn: sa.Connection) -> int:
    """A counter bumped by every write transaction (cache key for derived indexes)."""
    return conn.execute(
        sa.select(s.store_meta.c.value).where(s.store_meta.c.key == "version")
    ).scalar_one()


@dataclass(frozen=True)
class _Shape:
    """Which filters a query has: statements are built (and compiled) once per shape, the
    values go in as bound parameters."""

    window: bool
    places: bool
    districts: bool
    types: bool
    limit: bool


def _shape_and_params(
    start: date | None, end: date | None, place_ids: Sequence[str] | None,
    district_ids: Sequence[str] | None, types: Sequence[str] | None, limit: int | None,
) -> tuple[_Shape, dict[str, Any]]:
    params: dict[str, Any] = {}
    if start or end:
        lo, hi = start or date.min, end or date.max
        span = timedelta(days=LONG_SPAN_DAYS)
        # Clamped: `date.min - span` would overflow (an open start, or one in year 1).
        params.update(lo=lo, hi=hi, near=lo - span if lo - date.min > span else date.min)
    if place_ids:
        params["place_ids"] = list(place_ids)
    if district_ids:
        params["district_ids"] = list(district_ids)
    if types:
        params["types"] = list(types)
    if limit:
        params["limit"] = limit
    shape = _Shape(bool(start or end), bool(place_ids), bool(district_ids), bool(types),
                   bool(limit))
    return shape, params


def _conditions(shape: _Shape) -> list[sa.ColumnElement[bool]]:
    e = s.events.c
    conds: list[sa.ColumnElement[bool]] = []
    if shape.window:
        lo, hi, near = (sa.bindparam(k, type_=sa.Date) for k in ("lo", "hi", "near"))
        # Short events are found by their earliest date near the window, long ones by a
        # small separate scan: a plain overlap test cannot use one B-tree index well.
        conds.append(sa.or_(
            sa.and_(e.long_span == sa.false(), e.date_earliest.between(near, hi),
                    e.date_latest >= lo),
            sa.and_(e.long_span == sa.true(), e.date_earliest <= hi, e.date_latest >= lo),
        ))
    where = [c for c in (
        e.place_id.in_(sa.bindparam("place_ids", expanding=True)) if shape.places else None,
        e.district_id.in_(sa.bindparam("district_ids", expanding=True))
        if shape.districts else None,
    ) if c is not None]
    if where:
        conds.append(sa.or_(*where))
    if shape.types:
        conds.append(e.type.in_(sa.bindparam("types", expanding=True)))
    return conds


_ORDER = (s.events.c.date_earliest.is_(None), s.events.c.date_earliest,
          s.events.c.date_latest, s.events.c.id)


@lru_cache(maxsize=64)
def _events_statement(shape: _Shape) -> sa.Select[Any]:
    e = s.events.c
    src, art = s.event_sources.c, s.articles.c
    ids = sa.select(e.id).where(*_conditions(shape))
    if shape.limit:
        ids = ids.order_by(*_ORDER).limit(sa.bindparam("limit", type_=sa.Integer))
    # One joined query: rows come back per (event, source).
    return (
        sa.select(*EVENT_COLS, *SOURCE_COLS)
        .select_from(s.events)
        .outerjoin(s.event_sources, src.event_id == e.id)
        .outerjoin(s.articles, art.id == src.article_id)
        .where(e.id.in_(ids.scalar_subquery()))
        .order_by(*_ORDER, art.published, src.article_id, src.start)
    )


def query_events(
    engine: sa.Engine,
    *,
    start: date | None = None,
    end: date | None = None,
    place_ids: Sequence[str] | None = None,
    district_ids: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[EventRow]:
    """Events whose date overlaps [start, end] (either bound optional), with their sources.

    With a window, undated events are left out. place_ids and district_ids are alternatives
    (an event matching either is kept). For a map of a window, `query_window` (no sources)
    and `sources_for` (only the events shown) are lighter.
    """
    shape, params = _shape_and_params(start, end, place_ids, district_ids, types, limit)
    with engine.connect() as conn:
        rows = conn.execute(_events_statement(shape), params).all()
    out: list[EventRow] = []
    current: Any = None
    sources: list[Source] = []
    for row in rows:
        if current is None or row[0] != current[0]:
            if current is not None:
                out.append(event_row(current, sources))
            current, sources = row, []
        if row[N_EVENT_COLS] is not None:
            sources.append(source_row(row[N_EVENT_COLS:]))
    if current is not None:
        out.append(event_row(current, sources))
    return out


def query_window(
    engine: sa.Engine,
    *,
    start: date | None = None,
    end: date | None = None,
    place_ids: Sequence[str] | None = None,
    district_ids: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[EventSummary]:
    """Like query_events (same selection and order), without the sources: one indexed
    query over the events table, for drawing a window on the map."""
    shape, params = _shape_and_params(start, end, place_ids, district_ids, types, limit)
    with engine.connect() as conn:
        return [EventSummary(i, t, fuzzy(p, a, b), dist, place, loc, lat, lon, ctl,
                             bool(disp), note)
                for i, t, p, a, b, dist, place, loc, lat, lon, ctl, disp, note
                in conn.execute(_window_statement(shape), params)]


@lru_cache(maxsize=64)
def _window_statement(shape: _Shape) -> sa.Select[Any]:
    query = sa.select(*SUMMARY_COLS).where(*_conditions(shape)).order_by(*_ORDER)
    return query.limit(sa.bindparam("limit", type_=sa.Integer)) if shape.limit else query


def sources_for(engine: sa.Engine, event_ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
    """The sources of the given events (e.g. the ones a user clicked), by event id."""
    src, art = s.event_sources.c, s.articles.c
    out: dict[int, list[Source]] = {i: [] for i in event_ids}
    ids = list(out)
    with engine.connect() as conn:
        for lo in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
            query = (sa.select(src.event_id, *SOURCE_COLS)
                     .join(s.articles, art.id == src.article_id)
                     .where(src.event_id.in_(ids[lo:lo + 500]))
                     .order_by(src.event_id, art.published, src.article_id, src.start))
            for row in conn.execute(query):
                out[row[0]].append(source_row(row[1:]))
    return {i: tuple(v) for i, v in out.items()}


def counts(engine: sa.Engine) -> dict[str, int]:
    """Row counts of the main tables."""
    with engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in (s.articles, s.article_captures, s.events, s.event_sources)}


def quote(engine: sa.Engine, source: Source) -> str | None:
    """The text a source link points at (None when the article's text is not stored, e.g. a
    catalogue stub, or the link has no offsets)."""
    if source.end <= source.start:
        return None
    if source.capture_id is not None:
        query = sa.select(s.article_captures.c.text).where(
            s.article_captures.c.id == source.capture_id)
    else:
        query = sa.select(s.articles.c.text).where(s.articles.c.id == source.article_id)
    with engine.connect() as conn:
        text = conn.execute(query).scalar_one_or_none()
    return text[source.start:source.end] if text else None
