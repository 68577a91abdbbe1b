"""Reading the store: events in a date window with their sources, and the dates, spans and
texts the timeline and the views are built from.

Every read shows events as they are now (ingest's events with the analysts' edits, see
store/review.py) or, with `as_of`, as they were known on that day; `reviews` says which
review states are included (default: extracted and confirmed, never a retraction unless
asked). With an empty edit log and no `as_of`, reads are plain SQL as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from karabakh_map.store import schema as s
from karabakh_map.store.merge import LONG_SPAN_DAYS
from karabakh_map.store.review import SHOWN, Edit, apply, end_of, read_log, replay
from karabakh_map.store.rows import (
    EVENT_COLS,
    N_EVENT_COLS,
    SOURCE_COLS,
    EventRow,
    Source,
    event_row,
    source_row,
)

__all__ = ["EventRow", "Source", "candidate_dates", "current_events", "date_bounds",
           "dated_events", "query_events", "source_texts"]


@dataclass(frozen=True)
class _Shape:
    """Which filters a query has: statements are built (and compiled) once per shape, the
    values go in as bound parameters."""

    window: bool
    places: bool
    districts: bool
    types: bool
    limit: bool
    reviews: bool = False  # only some review states (events.review, ingest's own)
    exclude: bool = False  # leave out these ids (events the edit log changes)


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
    if shape.reviews:
        conds.append(e.review.in_(sa.bindparam("reviews", expanding=True)))
    if shape.exclude:
        conds.append(e.id.not_in(sa.bindparam("exclude", expanding=True)))
    return conds


_ORDER = (s.events.c.date_earliest.is_(None), s.events.c.date_earliest,
          s.events.c.date_latest, s.events.c.id)


@lru_cache(maxsize=64)
def _ids_statement(shape: _Shape) -> sa.Select[Any]:
    ids = sa.select(s.events.c.id).where(*_conditions(shape))
    if shape.limit:
        ids = ids.order_by(*_ORDER).limit(sa.bindparam("limit", type_=sa.Integer))
    return ids


@lru_cache(maxsize=64)
def _events_statement(shape: _Shape) -> sa.Select[Any]:
    e = s.events.c
    src, art = s.event_sources.c, s.articles.c
    ids = _ids_statement(shape)
    # One joined query: rows come back per (event, source).
    return (
        sa.select(*EVENT_COLS, *SOURCE_COLS)
        .select_from(s.events)
        .outerjoin(s.event_sources, src.event_id == e.id)
        .outerjoin(s.articles, art.id == src.article_id)
        .where(e.id.in_(ids.scalar_subquery()))
        .order_by(*_ORDER, art.published, src.article_id, src.start)
    )


_BY_IDS = (
    sa.select(*EVENT_COLS, *SOURCE_COLS)
    .select_from(s.events)
    .outerjoin(s.event_sources, s.event_sources.c.event_id == s.events.c.id)
    .outerjoin(s.articles, s.articles.c.id == s.event_sources.c.article_id)
    .where(s.events.c.id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(*_ORDER, s.articles.c.published, s.event_sources.c.article_id,
              s.event_sources.c.start)
)


def _matching_rows(conn: sa.Connection, shape: _Shape, params: dict[str, Any]) -> list[Any]:
    """The joined (event, source) rows of the events a shape and its values select.

    PostgreSQL first gets the ids, then their rows by id: in one statement it misjudges how
    many events a date window holds (range conditions on two correlated columns: ~14,000
    estimated for ~100) and joins by hashing every source (55 ms at 100k events, 250 ms at
    1M, instead of a few)."""
    if conn.dialect.name != "postgresql":
        return list(conn.execute(_events_statement(shape), params).all())
    ids = conn.execute(_ids_statement(shape), params).scalars().all()
    return list(conn.execute(_BY_IDS, {"ids": list(ids)}).all()) if ids else []


def query_events(
    engine: sa.Engine,
    *,
    start: date | None = None,
    end: date | None = None,
    place_ids: Sequence[str] | None = None,
    district_ids: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    limit: int | None = None,
    as_of: date | None = None,
    reviews: Sequence[str] = SHOWN,
) -> list[EventRow]:
    """Events whose date overlaps [start, end] (either bound optional), with their sources,
    as they are now or as known on `as_of`, in the review states `reviews`.

    With a window, undated events are left out. place_ids and district_ids are alternatives
    (an event matching either is kept).
    """
    with engine.connect() as conn:
        log = read_log(conn)
        plain = not log and as_of is None
        shape, params = _shape_and_params(start, end, place_ids, district_ids, types, limit)
        if not set(SHOWN) <= set(reviews):
            shape = replace(shape, reviews=True)
            params["reviews"] = list(reviews)
        if plain:
            return _collect(_matching_rows(conn, shape, params))
        overlay = replay(log, end_of(as_of) if as_of else None)
        if as_of is None:  # untouched events straight from SQL, the log's through apply
            shape = replace(shape, exclude=True)
            params["exclude"] = sorted(overlay.touched)
            rows = _collect(_matching_rows(conn, shape, params))
            changed = _collect(conn.execute(_BY_IDS, {"ids": sorted(overlay.touched)}).all())
        else:
            rows = []
            changed = _collect(conn.execute(_events_statement(_Shape(
                False, False, False, False, False)), {}).all())
    keep = _matcher(start, end, place_ids, district_ids, types, reviews)
    rows += [r for r in apply(changed, overlay, as_of) if keep(r)]
    rows.sort(key=_row_order)
    return rows[:limit] if limit else rows


def _row_order(r: EventRow) -> tuple[bool, date, date, int]:
    return (r.date.earliest is None, r.date.earliest or date.min, r.date.latest or date.min,
            r.id)


def _matcher(start: date | None, end: date | None, place_ids: Sequence[str] | None,
             district_ids: Sequence[str] | None, types: Sequence[str] | None,
             reviews: Sequence[str]) -> Callable[[EventRow], bool]:
    """query_events' filters in Python, for events the edit log changed."""
    lo, hi = start or date.min, end or date.max

    def keep(r: EventRow) -> bool:
        d = r.date
        if (start or end) and not (d.earliest and d.latest and d.earliest <= hi
                                   and d.latest >= lo):
            return False
        if (place_ids or district_ids) and not (
                r.place_id in (place_ids or ()) or r.district_id in (district_ids or ())):
            return False
        return (not types or r.type in types) and r.review in reviews
    return keep


def current_events(conn: sa.Connection, ids: Iterable[int], log: Sequence[Edit],
                   as_of: date | None = None) -> dict[int, EventRow]:
    """The events `ids` as they are now (or known on `as_of`) in any review state; events
    merged away, not yet known or not yet made are missing."""
    overlay = replay(log, end_of(as_of) if as_of else None)
    wanted = set(ids)
    rows = _collect(conn.execute(_BY_IDS, {"ids": sorted(wanted | overlay.touched)}).all())
    return {r.id: r for r in apply(rows, overlay, as_of) if r.id in wanted}


def _collect(rows: Sequence[Any]) -> list[EventRow]:
    """EventRows from joined (event, source) rows sorted by event."""
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


def has_edits(conn: sa.Connection) -> bool:
    """Whether the edit log holds anything."""
    return conn.execute(sa.select(s.event_edits.c.id).limit(1)).first() is not None


def _plain(engine: sa.Engine, as_of: date | None, reviews: Sequence[str]) -> bool:
    """Whether reads may skip the edit log: no log, no `as_of`, the default states."""
    if as_of is not None or not set(SHOWN) <= set(reviews):
        return False
    with engine.connect() as conn:
        return not has_edits(conn)


def candidate_dates(engine: sa.Engine, *, as_of: date | None = None,
                    reviews: Sequence[str] = SHOWN) -> list[date]:
    """Every day an event ends on, was announced on, or an article was published on: the
    days on which control or a pending deadline can change (sorted)."""
    if not _plain(engine, as_of, reviews):
        found: set[date | None] = set()
        for r in query_events(engine, as_of=as_of, reviews=reviews):
            found |= {r.date.latest, r.announced, *(x.published for x in r.sources)}
        return sorted(d for d in found if d is not None)
    e, a = s.events.c, s.articles.c
    queries = [
        sa.select(e.date_latest).where(e.date_latest.is_not(None)),
        sa.select(e.announced).where(e.announced.is_not(None)),
        sa.select(a.published).where(a.published.is_not(None)),
    ]
    days: set[date] = set()
    with engine.connect() as conn:
        for q in queries:
            days.update(conn.execute(q.distinct()).scalars())
    return sorted(days)


def dated_events(engine: sa.Engine, types: Sequence[str], *, as_of: date | None = None,
                 reviews: Sequence[str] = SHOWN) -> list[tuple[date, str]]:
    """(date_latest, date precision) of every event of `types` with a latest date."""
    if not _plain(engine, as_of, reviews):
        return [(r.date.latest, str(r.date.precision))
                for r in query_events(engine, types=[str(t) for t in types], as_of=as_of,
                                      reviews=reviews) if r.date.latest]
    e = s.events.c
    query = sa.select(e.date_latest, e.date_precision).where(
        e.type.in_([str(t) for t in types]), e.date_latest.is_not(None))
    with engine.connect() as conn:
        return [(latest, precision) for latest, precision in conn.execute(query)]


def date_bounds(engine: sa.Engine, *, as_of: date | None = None,
                reviews: Sequence[str] = SHOWN) -> tuple[date, date] | None:
    """The earliest and the latest date of any event (None when no event is dated)."""
    if not _plain(engine, as_of, reviews):
        rows = query_events(engine, as_of=as_of, reviews=reviews)
        firsts = [r.date.earliest for r in rows if r.date.earliest]
        lasts = [r.date.latest for r in rows if r.date.latest]
        return (min(firsts), max(lasts)) if firsts and lasts else None
    e = s.events.c
    with engine.connect() as conn:
        lo, hi = conn.execute(sa.select(sa.func.min(e.date_earliest),
                                        sa.func.max(e.date_latest))).one()
    if lo is None or hi is None:
        return None
    return (lo if isinstance(lo, date) else date.fromisoformat(lo),
            hi if isinstance(hi, date) else date.fromisoformat(hi))


def source_texts(
    engine: sa.Engine, article_ids: Iterable[int], capture_ids: Iterable[int],
) -> tuple[dict[int, str], dict[int, str]]:
    """The stored texts of articles (stubs without text left out) and of captures, by id."""
    articles, captures = sorted(set(article_ids)), sorted(set(capture_ids))
    a, c = s.articles.c, s.article_captures.c
    with engine.connect() as conn:
        article_text = dict(conn.execute(sa.select(a.id, a.text).where(
            a.id.in_(articles), a.text.is_not(None))).all()) if articles else {}
        capture_text = dict(conn.execute(sa.select(c.id, c.text).where(
            c.id.in_(captures))).all()) if captures else {}
    return article_text, capture_text
