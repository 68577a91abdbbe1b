"""The event store: articles, merged events and their sources, and control at a date.

The only code that speaks SQL. It imports karabakh_map.model, karabakh_map.textnorm and its
own modules; callers pass it what it needs from elsewhere (a place resolver, the districts).

Public API:
    open_store(url) -> Store            engine + migrations (the demo: karabakh_map.demo)
    write_article(engine, ArticleRecord, events, resolve_place=) -> ArticleResult
    query_events(engine, start=, end=, place_ids=, district_ids=, types=) -> list[EventRow]
    control_at(engine, date, districts) -> list[DistrictControl]
    candidate_dates, dated_events, date_bounds, source_texts: reads for timeline and views
    store_version, current_version, counts, has_flag, set_flag, last_ingested, content_rows
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from karabakh_map.store.control import DistrictControl, control_at, control_index
from karabakh_map.store.db import make_engine, resolve_url
from karabakh_map.store.merge import date_text, parse_date
from karabakh_map.store.meta import (
    content_rows,
    counts,
    current_version,
    has_flag,
    last_ingested,
    set_flag,
    store_version,
)
from karabakh_map.store.migrations import migrate
from karabakh_map.store.queries import (
    EventRow,
    Source,
    candidate_dates,
    date_bounds,
    dated_events,
    query_events,
    source_texts,
)
from karabakh_map.store.write import (
    ArticleRecord,
    ArticleResult,
    PlaceInfo,
    PlaceResolver,
    write_article,
)

__all__ = [
    "ArticleRecord", "ArticleResult", "DistrictControl", "Engine", "EventRow", "PlaceInfo",
    "PlaceResolver", "Source", "Store", "candidate_dates", "content_rows", "control_at",
    "control_index", "counts", "current_version", "date_bounds", "date_text", "dated_events",
    "has_flag", "last_ingested", "migrate", "open_store", "parse_date", "query_events",
    "resolve_url", "set_flag", "source_texts", "store_version", "write_article",
]


@dataclass(frozen=True)
class Store:
    """An open, migrated store."""

    engine: Engine
    url: str
    is_default: bool


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at `url`, $KARABAKH_MAP_DB or the default file.

    Nothing is loaded into it: the CLI and the app load the demo catalogue into the default
    store (karabakh_map.demo.open_with_demo).
    """
    resolved, is_default = resolve_url(url)
    engine = make_engine(resolved)
    migrate(engine)
    return Store(engine, resolved, is_default)
