"""Cached loaders: the one place the dashboard reads the store and the geodata.

Cached objects are shared between sessions and must never be mutated by pages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import streamlit as st

from dashboard import charts
from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts
from geodata.gazetteer import Gazetteer, load_gazetteer
from geodata.zones import load_zones
from karabakh_map.demo import open_with_demo
from karabakh_map.store import Store, current_version, resolve_url
from karabakh_map.store.review import SHOWN
from karabakh_map.views import ViewData, build_view_data


@st.cache_resource(show_spinner=False)
def _store(url: str, is_default: bool) -> Store:
    return open_with_demo(None if is_default else url)


def get_store() -> Store:
    """The store named by $KARABAKH_MAP_DB, else the default one (demo loaded on first use).

    Cached per URL, so a process that changes $KARABAKH_MAP_DB (tests) gets the right store.
    """
    return _store(*resolve_url())


@st.cache_data(show_spinner="Reading the event store…", max_entries=8)
def _view(_store: Store, url: str, version: int, as_of: date | None,
          reviews: tuple[str, ...]) -> ViewData:
    return build_view_data(_store.engine, load_districts(), load_corridor(), as_of=as_of,
                           reviews=reviews)


def current_view(as_of: date | None = None, reviews: Sequence[str] = SHOWN) -> ViewData:
    """View data for the store's current version (rebuilt only after a write), as the
    record stood on `as_of` (None: everything) with the events of the review states given."""
    store = get_store()
    version = current_version(store.engine)
    return _view(store, store.url, version, as_of, tuple(reviews))


def record_key(view: ViewData) -> str:
    """What besides the store version tells views apart (cache keys of what they draw)."""
    return f"{view.as_of}|{','.join(view.reviews)}"


@st.cache_data(show_spinner=False, max_entries=4)
def timeline_spec(_view: ViewData, url: str, version: int, record: str = "") -> dict[str, Any]:
    """The events chart's Vega-Lite spec for one store version and record (record_key)."""
    return charts.timeline_spec(_view)


@st.cache_resource(show_spinner=False)
def geojson_layers() -> dict[str, dict[str, Any]]:
    """The shipped layers as GeoJSON dicts (districts, corridor with its dated versions,
    backdrop, control zones)."""
    return {name: json.loads(gdf.to_json(drop_id=True)) for name, gdf in (
        ("districts", load_districts()), ("corridor", load_corridor()),
        ("backdrop", load_backdrop()), ("zones", load_zones()))}


@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer:
    return load_gazetteer()
