"""What the dashboard shows, as plain data: built once per store version, sliced per date.

No Streamlit here; pages call these functions and render the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import geopandas as gpd
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from karabakh_map import timeline as tl
from karabakh_map.dataversion import data_version
from karabakh_map.model import Controller, EventType, overlaps
from karabakh_map.store import Engine, current_version, query_events, source_texts

DEFAULT_SPAN = (date(2020, 9, 1), date(2020, 12, 31))
WINDOW_2020 = DEFAULT_SPAN  # where the date slider opens
# The former autonomous oblast's districts: where the peacekeepers' area can lie.
NK_DISTRICTS = ("AZ-XCI", "AZ-XVD", "AZ-XA", "AZ-SUS")
QUOTE_CHARS = 400
VIEW_READ_ATTEMPTS = 3


@dataclass(frozen=True)
class ViewData:
    """Everything the dashboard needs from the store and geodata, for one store version."""

    version: int  # the store's write counter (cache key)
    data_version: str  # hash of the content shown (stamps): karabakh_map.dataversion
    names: dict[str, str]  # district id -> label (districts, then the corridor)
    areas: dict[str, float]  # district id -> km²
    timeline: dict[str, list[tl.Segment]]
    key_dates: list[date]
    span: tuple[date, date]
    events: list[dict[str, Any]]  # EventRow.to_json() of every event, in date order

    def event(self, event_id: int) -> dict[str, Any] | None:
        return next((e for e in self.events if e["id"] == event_id), None)


def build_view_data(engine: Engine, districts: gpd.GeoDataFrame,
                    corridor: gpd.GeoDataFrame) -> ViewData:
    """Read the store once: timelines, key dates, the event list, names and areas."""
    names = dict(zip(districts["id"], districts["name"], strict=True))
    names.update(zip(corridor["id"], corridor["name"], strict=True))
    metric = gpd.GeoDataFrame(
        {"id": [*districts["id"], *corridor["id"]]},
        geometry=[*districts.geometry, *corridor.geometry], crs=districts.crs).to_crs(32638)
    areas = dict(zip(metric["id"], (metric.area / 1e6).round(1), strict=True))
    # The view comes from several reads; an ingest committing between them would mix two
    # states of the store. Every write bumps the store version, so read it before and after
    # and read again on a change. After the last attempt the older version is kept, so the
    # next caller sees the store moved on and rebuilds.
    for _ in range(VIEW_READ_ATTEMPTS):
        version = current_version(engine)
        timeline = tl.control_timeline(engine, list(names.items()))
        events = [e.to_json() for e in query_events(engine)]
        add_quotes(engine, events)
        span = tl.date_span(engine) or DEFAULT_SPAN
        view = ViewData(version, data_version(engine), names, areas, timeline,
                        tl.key_dates(engine, timeline), span, events)
        if current_version(engine) == version:
            break
    return view


def add_quotes(engine: Engine, events: list[dict[str, Any]],
               max_chars: int = QUOTE_CHARS) -> None:
    """Give each source its supporting passage, where the article's text is in the store."""
    linked = [s for e in events for s in e["sources"] if s["end"] > s["start"]]
    # Offsets point into the capture the link came from, else into the article's own text.
    article_text, capture_text = source_texts(
        engine, (s["article_id"] for s in linked if s.get("capture_id") is None),
        (s["capture_id"] for s in linked if s.get("capture_id") is not None))
    for event in events:
        for src in event["sources"]:
            text = (capture_text.get(src["capture_id"]) if src.get("capture_id") is not None
                    else article_text.get(src["article_id"]))
            if text and src["end"] > src["start"]:
                quote = text[src["start"]:src["end"]].strip()
                src["quote"] = quote if len(quote) <= max_chars else quote[:max_chars] + "…"
            else:
                src["quote"] = None


def peacekeeping_area(view: ViewData, districts: dict[str, Any]) -> dict[str, Any] | None:
    """An approximate Russian peacekeeping area, derived from events.

    From the first peacekeeper deployment, the districts of the former oblast that Armenian
    forces still held that day. The real zone followed the contact line inside them, so
    this outline is approximate and says so.
    """
    deployments = [e for e in view.events if e["type"] == EventType.PEACEKEEPERS
                   and e["date_latest"]]
    if not deployments:
        return None
    start = min(date.fromisoformat(e["date_latest"]) for e in deployments)
    state = tl.state_on(view.timeline, start)
    held = {d for d in NK_DISTRICTS
            if (seg := state.get(d)) and seg.controller == Controller.ARMENIAN_FORCES}
    features = [f for f in districts["features"] if f["properties"]["id"] in held]
    if not features:
        return None
    shapes = unary_union([shape(f["geometry"]) for f in features])
    return {"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": mapping(shapes),
        "properties": {"id": "peacekeeping-area", "name": "Russian peacekeeping area",
                       "valid_from": start.isoformat(), "approximate": True,
                       "derivation": "districts of the former oblast held by Armenian forces "
                                     "on the day peacekeepers deployed"}}]}


def control_rows(view: ViewData, day: date) -> list[dict[str, Any]]:
    """One row per district: controller on `day`, since when, any handover due."""
    state = tl.state_on(view.timeline, day)
    rows = []
    for did, seg in state.items():
        rows.append({
            "id": did, "district": view.names.get(did, did),
            "controller": seg.controller if seg else Controller.UNKNOWN.value,
            "since": seg.since_text() if seg else "",
            "handover due": seg.scheduled if seg else None,
            "area km²": view.areas.get(did),
            "events": ", ".join(str(i) for i in seg.event_ids) if seg else "",
        })
    return rows


def event_overlaps(event: Mapping[str, Any], lo: date, hi: date) -> bool:
    """Whether a dated event meets [lo, hi]; undated or half-dated events never do."""
    first, last = event.get("date_earliest"), event.get("date_latest")
    if not first or not last:
        return False
    return overlaps(date.fromisoformat(str(first)), date.fromisoformat(str(last)), lo, hi)


def events_in_window(view: ViewData, day: date, window_days: int) -> list[dict[str, Any]]:
    """Events whose date overlaps the `window_days` days up to and including `day`."""
    lo = day - timedelta(days=window_days)
    return [e for e in view.events if event_overlaps(e, lo, day)]


def event_rows(events: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    """Table rows for events (plain text; the table widget shows it as text, not HTML)."""
    return [{
        "id": e["id"], "date": e["date"], "precision": e["date_precision"],
        "type": e["type"].replace("_", " "), "place": e.get("place") or "",
        "district": names.get(e.get("district") or "", e.get("district") or ""),
        "disputed": "yes" if e["disputed"] else "",
        "note": e["note"], "sources": len(e["sources"]),
    } for e in events]


def history_rows(view: ViewData, district_id: str) -> list[dict[str, Any]]:
    """Every change of control of one district, with the events and sources behind it."""
    rows = []
    for seg in tl.district_history(view.timeline, district_id):
        sources = []
        for eid in seg.event_ids:
            event = view.event(eid)
            if event:
                sources += [f"{s.get('publisher') or 'unnamed'}, {s.get('published') or 'n.d.'}"
                            for s in event["sources"]]
        rows.append({"from": seg.start, "controller": seg.controller,
                     "since": seg.since_text(),
                     "events": ", ".join(str(i) for i in seg.event_ids),
                     "sources": "; ".join(dict.fromkeys(sources))})
    return rows


def compare_rows(view: ViewData, first: date, second: date) -> list[dict[str, Any]]:
    """Districts that changed hands between two dates, with their areas."""
    return [{"district": c.name, "on " + first.isoformat(): c.before,
             "on " + second.isoformat(): c.after, "area km²": c.area_km2,
             "events": ", ".join(str(i) for i in c.event_ids)}
            for c in tl.changes_between(view.timeline, view.names, view.areas, first, second)]


def step_key_date(view: ViewData, day: date, direction: int) -> date:
    """The previous (-1) or next (+1) key date from `day`; stays put at either end."""
    if direction > 0:
        later = [d for d in view.key_dates if d > day]
        return later[0] if later else day
    earlier = [d for d in view.key_dates if d < day]
    return earlier[-1] if earlier else day
