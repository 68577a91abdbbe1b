"""Rows of the store as objects: sources and events, and how query rows become them.

Dates are read as text and parsed with date.fromisoformat (once per distinct value), several
times faster than SQLAlchemy's generic type processing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from karabakh_map.model import FuzzyDate, Precision
from karabakh_map.store import schema as s
from karabakh_map.store.merge import date_text


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
    stance: str = "reports"  # model.Stance: reports, claims, denies or confirms
    # What an event is recomputed from (store/edits.py), left out of to_json: the reported
    # bounds, and the day the article entered the record (published, else ingested).
    reported_earliest: date | None = None
    reported_latest: date | None = None
    known_on: date | None = None


Day = date  # EventRow has a field named `date`: its other dates are annotated as Day


@dataclass(frozen=True)
class EventRow:
    """One merged event with every report behind it."""

    id: int
    type: str
    sub_type: str | None
    acled_event_type: str | None
    date: FuzzyDate
    announced: Day | None
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
    deadline: Day | None = None
    previous_deadline: Day | None = None
    part: str | None = None  # a zone flag: which part of the district
    denied: bool = False  # a claim the other side denied (merge.is_denied)
    # extracted (from ingest, unreviewed) | confirmed | retracted (store/edits.py)
    review: str = "extracted"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO text)."""
        out: dict[str, Any] = {
            "id": self.id, "date": date_text(self.date),
            "date_precision": str(self.date.precision),
            "date_earliest": _iso(self.date.earliest), "date_latest": _iso(self.date.latest),
            "type": self.type, "sub_type": self.sub_type, "place": self.location,
            "place_id": self.place_id, "district": self.district_id,
            "disputed": self.disputed, "dispute_note": self.dispute_note,
            "controller": self.controller, "actor1": self.actor1, "actor2": self.actor2,
            "announced": _iso(self.announced), "latitude": self.latitude,
            "longitude": self.longitude, "note": self.note,
            "deadline": _iso(self.deadline), "previous_deadline": _iso(self.previous_deadline),
            "part": self.part, "denied": self.denied, "review": self.review,
        }
        out["sources"] = [
            {k: (_iso(v) if isinstance(v, date) else v) for k, v in asdict(src).items()
             if k not in _INTERNAL}
            for src in self.sources
        ]
        return out


_INTERNAL = frozenset({"reported_earliest", "reported_latest", "known_on"})


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def raw(col: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """The column as stored (dates as ISO text), without SQLAlchemy's type processing."""
    return sa.type_coerce(col, sa.String).label(col.name)


_PRECISION = {p.value: p for p in Precision}


@lru_cache(maxsize=65536)
def _iso_day(value: str) -> date:
    return date.fromisoformat(value)


def _d(value: Any) -> date | None:
    # PostgreSQL's driver hands dates over as dates, SQLite's as text.
    if value is None or isinstance(value, date):
        return value
    return _iso_day(value)


# Window rows repeat the same few dates: parse and validate each combination once.
@lru_cache(maxsize=65536)
def fuzzy(precision: str, earliest: Any, latest: Any) -> FuzzyDate:
    """The FuzzyDate of a row's precision and bounds (cached)."""
    return FuzzyDate(_PRECISION[precision], _d(earliest), _d(latest))


@lru_cache(maxsize=65536)
def _reported(precision: str, earliest: Any, latest: Any) -> str | None:
    return date_text(fuzzy(precision, earliest, latest))


_ev, _src, _art = s.events.c, s.event_sources.c, s.articles.c

# Rows become objects by field name: the window query selects, for each field of EventRow
# (and of Source), the column it comes from, in the order of these keys; the date's
# precision stands in the date's place, and the date's two bounds follow the named columns.
_EVENT_SELECT = {
    "id": _ev.id, "type": _ev.type, "sub_type": _ev.sub_type,
    "acled_event_type": _ev.acled_event_type, "date": _ev.date_precision,
    "announced": raw(_ev.announced), "actor1": _ev.actor1, "actor2": _ev.actor2,
    "controller": _ev.controller, "place_id": _ev.place_id, "location": _ev.location,
    "country": _ev.country, "district_id": _ev.district_id, "latitude": _ev.latitude,
    "longitude": _ev.longitude, "geo_precision": _ev.geo_precision, "note": _ev.note,
    "disputed": _ev.disputed, "dispute_note": _ev.dispute_note,
    "deadline": raw(_ev.deadline), "previous_deadline": raw(_ev.previous_deadline),
    "part": _ev.part, "denied": _ev.denied, "review": _ev.review,
}
_SOURCE_SELECT = {
    "article_id": _src.article_id, "publisher": _art.source, "title": _art.title,
    "published": raw(_art.published), "url": _art.url, "start": _src.start, "end": _src.end,
    "reported_date": _src.reported_precision, "reported_precision": _src.reported_precision,
    "announced": raw(_src.announced), "figures": _src.figures,
    "deadline": raw(_src.deadline), "capture_id": _src.capture_id, "stance": _src.stance,
    "reported_earliest": raw(_src.reported_earliest),
    "reported_latest": raw(_src.reported_latest),
    "known_on": sa.type_coerce(sa.func.coalesce(_art.published, _art.ingested_at),
                               sa.String).label("known_on"),
}
assert {*_EVENT_SELECT, "sources"} == {f.name for f in fields(EventRow)}, "update _EVENT_SELECT"
assert set(_SOURCE_SELECT) == {f.name for f in fields(Source)}, "update _SOURCE_SELECT"
_EVENT_KEYS, _SOURCE_KEYS = tuple(_EVENT_SELECT), tuple(_SOURCE_SELECT)
EVENT_COLS = [*_EVENT_SELECT.values(), raw(_ev.date_earliest), raw(_ev.date_latest)]
SOURCE_COLS = list(_SOURCE_SELECT.values())
N_EVENT_COLS = len(EVENT_COLS)  # a joined row: EVENT_COLS, then SOURCE_COLS
_BOUNDS = N_EVENT_COLS - 2
_EVENT_DAYS = ("announced", "deadline", "previous_deadline")
_SOURCE_DAYS = ("published", "announced", "deadline", "reported_earliest", "reported_latest")
_new = object.__new__


# A window holds thousands of rows: the objects are filled through their __dict__, which
# skips the frozen dataclass __init__ (one object.__setattr__ per field, about half of the
# time it took to build a row). They are the same frozen objects as the constructor's.
# zip stops at the named columns (strict=False): for an event, the date bounds and the
# source columns of the joined row follow them.
def source_row(r: Sequence[Any]) -> Source:
    """A Source from SOURCE_COLS values."""
    out = _new(Source)
    v = out.__dict__
    v.update(zip(_SOURCE_KEYS, r, strict=False))
    v["reported_date"] = _reported(v["reported_precision"], v["reported_earliest"],
                                   v["reported_latest"])
    for key in _SOURCE_DAYS:
        if v[key] is not None:
            v[key] = _d(v[key])
    if v["known_on"] is not None:  # a day, or a timestamp when only ingested_at is known
        v["known_on"] = _d(str(v["known_on"])[:10])
    v["figures"] = {} if v["figures"] == "{}" else json.loads(v["figures"])
    return out


def event_row(r: Sequence[Any], sources: list[Source]) -> EventRow:
    """An EventRow from a row starting with EVENT_COLS values, and its sources."""
    out = _new(EventRow)
    v = out.__dict__
    v.update(zip(_EVENT_KEYS, r, strict=False))
    v["date"] = fuzzy(v["date"], r[_BOUNDS], r[_BOUNDS + 1])
    for key in _EVENT_DAYS:
        if v[key] is not None:
            v[key] = _d(v[key])
    v["sources"] = tuple(sources)
    return out
