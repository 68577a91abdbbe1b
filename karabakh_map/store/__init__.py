"""The event store: articles, merged events and their sources, and control at a date.

The only code that speaks SQL. It imports karabakh_map.model, karabakh_map.textnorm and its
own modules; callers pass it what it needs from elsewhere (a place resolver, the districts).

Public API:
    open_store(url) -> Store            engine + migrations (the demo: karabakh_map.demo)
    write_article(engine, ArticleRecord, events, resolve_place=) -> ArticleResult
    query_events(engine, start=, end=, place_ids=, district_ids=, types=) -> list[EventRow]
    control_at(engine, date, districts, zones=) -> list[DistrictControl]   shares from zones
    control_index(engine, zones) -> ControlIndex     per-zone segments (ZoneState), cached
    ZoneTable, Zone, CorridorVersion: the zones layer as plain data (karabakh_map.areas)
    candidate_dates, dated_events, date_bounds, source_texts: reads for timeline and views
    store_version, current_version, counts, has_flag, set_flag, last_ingested, content_rows
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from karabakh_map.store.control import (
    ControlIndex,
    control_at,
    control_index,
    zone_states_at,
)
from karabakh_map.store.db import resolve_url
from karabakh_map.store.districts import DistrictControl, Share, district_control
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
from karabakh_map.store.zones import CorridorVersion, Zone, ZoneTable
from karabakh_map.store.zonestate import UNKNOWN_STATE, ZoneState

__all__ = [
    "UNKNOWN_STATE", "ArticleRecord", "ArticleResult", "ControlIndex", "CorridorVersion",
    "DistrictControl", "Engine", "EventRow", "PlaceInfo", "PlaceResolver", "Share", "Source",
    "Store", "Zone", "ZoneState", "ZoneTable", "candidate_dates", "content_rows", "control_at",
    "control_index", "counts", "current_version", "date_bounds", "date_text", "dated_events",
    "district_control", "has_flag", "last_ingested", "migrate", "open_store", "parse_date",
    "query_events", "resolve_url", "set_flag", "source_texts", "store_version",
    "write_article", "zone_states_at",
]


@dataclass(frozen=True)
class Store:
    """An open, migrated store."""

    engine: Engine
    url: str
    is_default: bool
    created: bool = False  # a new SQLite file was made for it
    read_only: bool = False  # an SQLite store this process may not write: opened to read


def open_store(url: str | None = None) -> Store:
    """Open (and migrate) the store at `url`, $KARABAKH_MAP_DB or the default file.

    Checked first (store.opening): a URL that cannot be a store, a damaged file, another
    application's database or a newer store's is a StoreUnavailable with one line; a store
    that cannot be written is opened read-only. Nothing is loaded into it: the CLI and the
    app load the demo catalogue into the default store (karabakh_map.demo.open_with_demo).
    """
    from karabakh_map.store.opening import open_engine

    resolved, is_default = resolve_url(url)
    engine, opened = open_engine(resolved)
    return Store(engine, resolved, is_default, opened.created, opened.read_only)
