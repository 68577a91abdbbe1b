"""The map on the main page: a folium map built (and rendered to its frame's strings, see
dashboard.map_frame) once per store version.

The map's arguments never depend on the date, so its frame is not re-rendered when the
date changes: timemap.js restyles the areas in the browser (following ?date= in the URL)
and reports dates and districts chosen inside the map back through the frame's value.
Its panel is the page's one set of time controls.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard import loaders, map_assets, map_frame
from dashboard.urlsync import page_span
from karabakh_map import views
from karabakh_map.mapview.assets import publish
from karabakh_map.mapview.build import build_map
from karabakh_map.urlstate import DEFAULT_DATE
from karabakh_map.views import WINDOW_2020, ViewData, peacekeeping_area

MAP_KEY = "map"
FOCUS_KEY = "map_focus"
FOCUS_ZOOM = 11
MAP_HEIGHT = 620


@st.cache_resource(show_spinner=False, max_entries=4)
def _map(_view: ViewData, version: int, url: str, root: str, static_url: str,
         today: date, record: str = "") -> map_frame.FrameArgs:
    """The map's frame for one store version and record (loaders.record_key: as known on,
    review states), and day (the slider ends today): nothing in
    it depends on the date shown or the session. Its files go to `root` (a cache folder:
    the installed package may be read-only)."""
    geo = loaders.geojson_layers()
    m = build_map(
        geo["districts"], geo["corridor"], geo["backdrop"], **_control(_view, geo),
        key_dates=_view.key_dates, span=page_span(_view, today), initial_date=DEFAULT_DATE,
        slider_window=WINDOW_2020, events=_view.events,
        peacekeeping=peacekeeping_area(_view, loaders.geojson_layers()["districts"]),
        static_url=static_url, inline_geometry=True,
    )
    publish(Path(root), m)
    return map_frame.frame_args(m, MAP_KEY, inline=True)


def _control(view: ViewData, geo: dict[str, Any]) -> dict[str, Any]:
    """What the map shades: the zones with their segments and each district's shares when
    the view has zones, else the districts' segments."""
    if getattr(view, "zone_timeline", None) and geo.get("zones"):
        districts = views.district_timeline_json(view)
        return {"timeline": views.zone_timeline_json(view), "zones": geo["zones"],
                "shares": {did: [{"from": s["from"], "shares": s.get("shares", [])}
                                 for s in segs] for did, segs in districts.items()}}
    return {"timeline": {did: [s.to_json() for s in segs]
                         for did, segs in view.timeline.items()}}


def render(view: ViewData, on_report: Callable[[dict[str, Any]], None],
           height: int = MAP_HEIGHT) -> None:
    """Draw the map; `on_report` gets what the user chose inside it, before the rerun."""
    # Registered on every run (about 0.1 ms), not only when the map is built: the registry
    # belongs to the running server, and a cached map may be older than it.
    root, static_url = map_assets.register()
    frame = _map(view, view.version, loaders.get_store().url, str(root), static_url, date.today(),
                 loaders.record_key(view))
    focus = st.session_state.get(FOCUS_KEY)

    def reported() -> None:
        value = st.session_state.get(MAP_KEY)
        if isinstance(value, dict):
            on_report(value)

    map_frame.show(frame, key=MAP_KEY, height=height, center=focus,
                   zoom=FOCUS_ZOOM if focus else None, on_change=reported)


def changes_from(report: dict[str, Any], view: ViewData) -> dict[str, Any]:
    """The view-state changes a map report asks for; anything malformed is ignored.

    The report comes from the browser, so any JSON may arrive (a forged one too): only a
    date string inside the page's span and a known district id (or None) count."""
    changes: dict[str, Any] = {}
    if not isinstance(report, dict):
        return changes
    raw_date = report.get("date")
    if isinstance(raw_date, str):
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            day = None
        lo, hi = page_span(view)
        if day and lo <= day <= hi:
            changes["date"] = day
    district = report.get("district")
    if "district" in report and (district is None
                                 or (isinstance(district, str) and district in view.names)):
        changes["district"] = district
    return changes
