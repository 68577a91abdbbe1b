"""Reading the store: events in a date window with their sources, store version, counts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from karabakh_map.model import FuzzyDate, Precision
from karabakh_map.store import schema as s
from karabakh_map.store.merge import LONG_SPAN_DAYS, format_date


@dataclass(frozen=True)
class Source:
    """One article's report of an event."""

    article_id: int
    publisher: str | None
    title: str | None
    published: date | None
    url: str | None
    start: int
    end: int
    reported_date: str | None
    reported_precision: str
    announced: date | None
    figures: dict[str, int]
    deadline: date | None = None
    capture_id: int | None = None  # the offsets index this capture's text, not the article's


@dataclass(frozen=True)
class EventRow:
    """One merged event with every report behind it."""

    id: int
    type: str
    sub_type: str | None
    acled_event_type: str | None
    date: FuzzyDate
    announced: date | None
    actor1: str | None
    actor2: str | None
    controller: str | None
    place_id: str | None
    location: str | None
    country: str | None
    district_id: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    note: str
    disputed: bool
    dispute_note: str
    sources: tuple[Source, ...]
    deadline: date | None = None
    previous_deadline: date | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO text)."""
        out = {
            "id": self.id, "date": format_date(self.date),
            "date_precision": str(self.date.precision),
            "date_earliest": _iso(self.date.earliest), "date_latest": _iso(self.date.latest),
            "type": self.type, "sub_type": self.sub_type, "place": self.location,
            "place_id": self.place_id, "district": self.district_id,
            "disputed": self.disputed, "dispute_note": self.dispute_note,
            "controller": self.controller, "actor1": self.actor1, "actor2": self.actor2,
            "announced": _iso(self.announced), "latitude": self.latitude,
            "longitude": self.longitude, "note": self.note,
            "deadline": _iso(self.deadline), "previous_deadline": _iso(self.previous_deadline),
        }
        out["sources"] = [
            {k: (_iso(v) if isinstance(v, date) else v) for k, v in asdict(src).items()}
            for src in self.sources
        ]
        return out


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def store_version(conn: sa.Connection) -> int:
    """A counter bumped by every write transaction (cache key for derived indexes)."""
    return conn.execute(
        sa.select(s.store_meta.c.value).where(s.store_meta.c.key == "version")
    ).scalar_one()


def _raw(col: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    return sa.type_coerce(col, sa.String).label(col.name)


def _conditions(
    start: date | None, end: date | None, place_ids: Sequence[str] | None,
    district_ids: Sequence[str] | None, types: Sequence[str] | None,
) -> list[sa.ColumnElement[bool]]:
    e = s.events.c
    conds: list[sa.ColumnElement[bool]] = []
    if start or end:
        lo, hi = start or date.min, end or date.max
        # Short events are found by their earliest date near the window, long ones by a
        # small separate scan: a plain overlap test cannot use one B-tree index well.
        span = timedelta(days=LONG_SPAN_DAYS)
        # Clamped: `date.min - span` would overflow (an open start, or one in year 1).
        near = lo - span if lo - date.min > span else date.min
        conds.append(sa.or_(
            sa.and_(e.long_span == sa.false(), e.date_earliest.between(near, hi),
                    e.date_latest >= lo),
            sa.and_(e.long_span == sa.true(), e.date_earliest <= hi, e.date_latest >= lo),
        ))
    where = [c for c in (
        e.place_id.in_(place_ids) if place_ids else None,
        e.district_id.in_(district_ids) if district_ids else None,
    ) if c is not None]
    if where:
        conds.append(sa.or_(*where))
    if types:
        conds.append(e.type.in_(types))
    return conds


_ORDER = (s.events.c.date_earliest.is_(None), s.events.c.date_earliest,
          s.events.c.date_latest, s.events.c.id)


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
    e = s.events.c
    conds = _conditions(start, end, place_ids, district_ids, types)
    ev_cols = [_raw(c) for c in s.events.c if c.name not in ("key", "long_span")]
    src, art = s.event_sources.c, s.articles.c
    ids = sa.select(s.events.c.id).where(*conds)
    if limit:
        ids = ids.order_by(*_ORDER).limit(limit)
    # One joined query: rows come back per (event, source); dates are read as text and
    # parsed with date.fromisoformat, several times faster than the generic type processing.
    query = (
        sa.select(*ev_cols, *_source_columns())
        .select_from(s.events)
        .outerjoin(s.event_sources, src.event_id == e.id)
        .outerjoin(s.articles, art.id == src.article_id)
        .where(e.id.in_(ids.scalar_subquery()))
        .order_by(*_ORDER, art.published, src.article_id, src.start)
    )
    n_ev = len(ev_cols)
    out: list[EventRow] = []
    with engine.connect() as conn:
        current: Sequence[Any] | None = None
        sources: list[Source] = []
        for row in conn.execute(query):
            if current is None or row[0] != current[0]:
                if current is not None:
                    out.append(_event_row(current, sources))
                current, sources = row[:n_ev], []
            if row[n_ev] is not None:
                sources.append(_source(row[n_ev:]))
        if current is not None:
            out.append(_event_row(current, sources))
    return out


def _source_columns() -> list[sa.ColumnElement[Any]]:
    src, art = s.event_sources.c, s.articles.c
    return [src.article_id, art.source, art.title, _raw(art.published), art.url, src.start,
            src.end, _raw(src.reported_earliest), _raw(src.reported_latest),
            src.reported_precision, _raw(src.announced), src.figures, _raw(src.deadline),
            src.capture_id]


@dataclass(frozen=True)
class EventSummary:
    """What a map needs of one event (no sources; see sources_for)."""

    id: int
    type: str
    date: FuzzyDate
    district_id: str | None
    place_id: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    controller: str | None
    disputed: bool
    note: str


_SUMMARY_COLS = [s.events.c.id, s.events.c.type, s.events.c.date_precision,
                 _raw(s.events.c.date_earliest), _raw(s.events.c.date_latest),
                 s.events.c.district_id, s.events.c.place_id, s.events.c.location,
                 s.events.c.latitude, s.events.c.longitude, s.events.c.controller,
                 s.events.c.disputed, s.events.c.note]


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
    query = sa.select(*_SUMMARY_COLS).where(
        *_conditions(start, end, place_ids, district_ids, types)).order_by(*_ORDER)
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [EventSummary(i, t, _fuzzy(p, a, b), dist, place, loc, lat, lon, ctl,
                             bool(disp), note)
                for i, t, p, a, b, dist, place, loc, lat, lon, ctl, disp, note
                in conn.execute(query)]


def sources_for(engine: sa.Engine, event_ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
    """The sources of the given events (e.g. the ones a user clicked), by event id."""
    src, art = s.event_sources.c, s.articles.c
    out: dict[int, list[Source]] = {i: [] for i in event_ids}
    ids = list(out)
    with engine.connect() as conn:
        for lo in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
            query = (sa.select(src.event_id, *_source_columns())
                     .join(s.articles, art.id == src.article_id)
                     .where(src.event_id.in_(ids[lo:lo + 500]))
                     .order_by(src.event_id, art.published, src.article_id, src.start))
            for row in conn.execute(query):
                out[row[0]].append(_source(row[1:]))
    return {i: tuple(v) for i, v in out.items()}


_PRECISION = {p.value: p for p in Precision}


@lru_cache(maxsize=65536)
def _iso_day(value: str) -> date:
    return date.fromisoformat(value)


def _d(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return _iso_day(value)


# Window rows repeat the same few dates: parse and validate each combination once.
@lru_cache(maxsize=65536)
def _fuzzy(precision: str, earliest: Any, latest: Any) -> FuzzyDate:
    return FuzzyDate(_PRECISION[precision], _d(earliest), _d(latest))


@lru_cache(maxsize=65536)
def _reported(precision: str, earliest: Any, latest: Any) -> str | None:
    return format_date(_fuzzy(precision, earliest, latest))


def _source(r: Sequence[Any]) -> Source:
    (article_id, publisher, title, published, url, start, end, earliest, latest, precision,
     announced, figures, deadline, capture_id) = r
    return Source(article_id, publisher, title, _d(published), url, start, end,
                  _reported(precision, earliest, latest), precision, _d(announced),
                  {} if figures == "{}" else json.loads(figures), _d(deadline), capture_id)


# Column order of s.events without key and long_span (the order _event_row unpacks).
_EVENT_FIELDS = [c.name for c in s.events.c if c.name not in ("key", "long_span")]
assert _EVENT_FIELDS == [
    "id", "type", "sub_type", "acled_event_type", "date_earliest", "date_latest",
    "date_precision", "announced", "actor1", "actor2", "controller", "place_id", "location",
    "country", "district_id", "latitude", "longitude", "geo_precision", "note", "disputed",
    "dispute_note", "deadline", "previous_deadline"], "schema.events changed: update _event_row"


def _event_row(v: Sequence[Any], sources: list[Source]) -> EventRow:
    (id_, type_, sub_type, acled, earliest, latest, precision, announced, actor1, actor2,
     controller, place_id, location, country, district_id, lat, lon, geo, note, disputed,
     dispute_note, deadline, previous) = v
    return EventRow(id_, type_, sub_type, acled, _fuzzy(precision, earliest, latest),
                    _d(announced), actor1, actor2, controller, place_id, location, country,
                    district_id, lat, lon, geo, note, bool(disputed), dispute_note,
                    tuple(sources), _d(deadline), _d(previous))


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
