"""The event store: articles, merged events and their sources, and control at a date.

Public API:
    open_store(url) -> Store            engine + migrations (+ demo for the default store)
    write_article(engine, ArticleRecord, events) -> ArticleResult
    query_events(engine, start=, end=, place_ids=, district_ids=, types=) -> list[EventRow]
    query_window(engine, start=, end=, ...) -> list[EventSummary]  lean, for the map
    sources_for(engine, event_ids) -> {event id: sources}
    quote(engine, Source) -> str | None  the supporting text of a source link
    control_at(engine, date, districts) -> list[DistrictControl]
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from karabakh_map.store.control import DistrictControl, control_at, control_index
from karabakh_map.store.db import make_engine, resolve_url
from karabakh_map.store.migrations import migrate
from karabakh_map.store.queries import (
    EventRow,
    EventSummary,
    Source,
    counts,
    query_events,
    query_window,
    quote,
    sources_for,
)
from karabakh_map.store.write import ArticleRecord, ArticleResult, PlaceInfo, write_article

__all__ = [
    "ArticleRecord", "ArticleResult", "DistrictControl", "EventRow", "EventSummary",
    "PlaceInfo", "Source",
    "Store", "control_at", "control_index", "counts", "migrate", "open_store", "query_events",
    "query_window", "quote", "sources_for", "write_article",
]


@dataclass(frozen=True)
class Store:
    """An open, migrated store."""

    engine: sa.Engine
    url: str
    is_default: bool


def open_store(url: str | None = None, *, load_demo: bool | None = None) -> Store:
    """Open (and migrate) the store at `url`, $KARABAKH_MAP_DB or the default file.

    The demo catalogue is loaded on first use of the default store, or when load_demo=True.
    """
    resolved, is_default = resolve_url(url)
    engine = make_engine(resolved)
    migrate(engine)
    if load_demo if load_demo is not None else is_default:
        from karabakh_map.demo import ensure_demo_loaded

        ensure_demo_loaded(engine)
    return Store(engine, resolved, is_default)
