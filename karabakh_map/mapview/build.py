"""Build the dashboard's folium map: offline assets, date-driven district colours, events.

`build_map` prepares the GeoJSON layers as small static files (content-hashed names,
written by `assets.publish`), or inline in its config (rounded; the dashboard: no fetches
before the first paint), and a JSON config that static/timemap.js reads: it loads the layers
once, then restyles the districts for any date from the control timeline, so stepping the
date re-sends nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import folium
from branca.element import Figure
from shapely.geometry import shape

from karabakh_map.mapview.element import RawHtml, TimeMap
from karabakh_map.mapview.files import inline_assets
from karabakh_map.mapview.layers import DEFAULT_LAYERS, LAYERS
from karabakh_map.mapview.style import palette, style_config
from karabakh_map.model import Controller

# Where a Streamlit app's own static/ folder is served (server.enableStaticServing); the
# dashboard passes its cache folder's URL instead (dashboard/map_assets.py).
STATIC_URL = "/app/static/kbm/"
ATTRIBUTION = (
    "Boundaries: Natural Earth (public domain)",
    "Lachin corridor approximate",
    "karabakh-map",
)
ONLINE_TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": "\u00a9 OpenStreetMap contributors",
}
DISTRICT_PROPS = ("id", "name", "name_az", "alt_names", "area_km2")
ZONE_PROPS = ("id", "zone_id", "district_id", "district", "area_km2", "approximate")
# What the browser reads of a segment (karabakh_map.timeline.Segment.to_json() and the zone
# segments): it looks the segment of a day up and shows it as it is, deciding nothing.
SEGMENT_FIELDS = ("controller", "scheduled", "since_text", "denied", "denied_note",
                  "uncertain")
EVENT_SOURCE_FIELDS = ("publisher", "title", "published", "url", "quote")
INLINE_DIGITS = 4  # decimals of a degree: about 10 m


def rounded(collection: Mapping[str, Any], digits: int) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with every coordinate rounded to `digits` decimals
    (shared edges stay shared: equal coordinates round alike)."""
    def walk(c: Any) -> Any:
        if isinstance(c, (int, float)):
            return round(c, digits)
        return [walk(x) for x in c]
    return {**collection, "features": [
        {**f, "geometry": {**f["geometry"], "coordinates": walk(f["geometry"]["coordinates"])}
         if f.get("geometry") and "coordinates" in f["geometry"] else f.get("geometry")}
        for f in collection["features"]]}


def _geojson_file(stem: str, collection: Mapping[str, Any]) -> tuple[str, bytes]:
    payload = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
    return f"{stem}-{hashlib.sha256(payload).hexdigest()[:12]}.geojson", payload


def _slim_districts(districts: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Districts with only the properties the map shows, and their label points."""
    features, labels = [], []
    for f in districts["features"]:
        props = f.get("properties") or {}
        if not props.get("id"):
            raise ValueError("every district feature needs an 'id' property")
        keep = {k: props[k] for k in DISTRICT_PROPS if k in props}
        features.append({"type": "Feature", "properties": keep, "geometry": f["geometry"]})
        point = shape(f["geometry"]).representative_point()
        labels.append({"id": keep["id"], "name": keep.get("name", keep["id"]),
                       "area_km2": keep.get("area_km2"),
                       "lat": round(point.y, 5), "lon": round(point.x, 5)})
    return {"type": "FeatureCollection", "features": features}, labels


def _iso(d: date | str | None) -> str | None:
    return d.isoformat() if isinstance(d, date) else d


def _slim_zones(zones: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": f["geometry"],
         "properties": {k: f["properties"][k] for k in ZONE_PROPS if k in f["properties"]}}
        for f in zones["features"]]}


def browser_segments(timeline: Mapping[str, Sequence[Mapping[str, Any]]]
                     ) -> dict[str, list[dict[str, Any]]]:
    """The segments as the browser gets them: `from` and SEGMENT_FIELDS (those set)."""
    # A segment without a start (a zone's state before any event) is no segment.
    return {aid: [{"from": _iso(s["from"]),
                   **{k: _iso(s[k]) if k == "scheduled" else s[k]
                      for k in SEGMENT_FIELDS if s.get(k)}} for s in segs if s.get("from")]
            for aid, segs in timeline.items()}


def _window(window: tuple[date, date] | None, span: tuple[date, date]) -> list[str] | None:
    if window is None:
        return None
    lo, hi = max(window[0], span[0]), min(window[1], span[1])
    if lo > hi or (lo, hi) == span:
        return None
    return [lo.isoformat(), hi.isoformat()]


def _window_label(window: tuple[date, date] | None) -> str | None:
    if window is None:
        return None
    lo, hi = window
    return str(lo.year) if lo.year == hi.year else f"{lo.year}-{hi.year}"


def map_events(events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The fields of store events (EventRow.to_json()) the map's markers and popups use.

    Events without coordinates or dates are left out (the tables beside the map list them).
    Text stays raw here: timemap.js inserts it as text, never as HTML.
    """
    out = []
    for e in events:
        if e.get("latitude") is None or e.get("longitude") is None:
            continue
        if not e.get("date_earliest") or not e.get("date_latest"):
            continue
        out.append({
            "id": e.get("id"), "date": str(e.get("date") or e["date_latest"]),
            "earliest": _iso(e["date_earliest"]), "latest": _iso(e["date_latest"]),
            "precision": e.get("date_precision"),
            "type": str(e.get("type") or "").replace("_", " "),
            "place": e.get("place"), "lat": float(e["latitude"]), "lon": float(e["longitude"]),
            "disputed": bool(e.get("disputed")), "dispute_note": e.get("dispute_note"),
            "note": e.get("note") or "",
            "unreviewed": e.get("review") == "extracted",  # store.review.EXTRACTED
            "sources": [{k: _iso(s.get(k)) for k in EVENT_SOURCE_FIELDS if s.get(k)}
                        for s in e.get("sources") or []],
        })
    return out


def build_map(
    districts: Mapping[str, Any],
    corridor: Mapping[str, Any] | None,
    backdrop: Mapping[str, Any] | None,
    *,
    timeline: Mapping[str, Sequence[Mapping[str, Any]]],
    key_dates: Sequence[date | str],
    span: tuple[date, date],
    initial_date: date,
    slider_window: tuple[date, date] | None = None,
    events: Sequence[Mapping[str, Any]] = (),
    peacekeeping: Mapping[str, Any] | None = None,
    zones: Mapping[str, Any] | None = None,
    shares: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    layers: Iterable[str] = DEFAULT_LAYERS,
    window_days: int = 7,
    selected: str | None = None,
    follow_url: bool = True,
    static_url: str = STATIC_URL,
    tiles: Mapping[str, str] | None = None,
    standalone: bool = False,
    inline_geometry: bool = False,
    stamp: str | None = None,
) -> folium.Map:
    """A folium map of district control that timemap.js restyles by date in the browser.

    districts / corridor / backdrop / peacekeeping: GeoJSON FeatureCollections (EPSG:4326);
    districts need `id` and `name` properties; corridor and peacekeeping features may carry
    `valid_from` / `valid_to` (ISO dates), outside which they are hidden.
    timeline: area id (a district, or a zone when `zones` is given) -> control segments in
    date order, each {"from": ISO date, "controller": str, "scheduled": ISO deadline or None,
    "since_text", "denied", "uncertain": text or None} (karabakh_map.timeline.Segment.to_json()
    and the zone segments); the browser shows the segment of a day as it is.
    zones: GeoJSON of control zones (zone_id, district_id): shaded by `timeline`, with the
    districts drawn above them as outlines. shares: district id -> segments whose `shares`
    list each side's {"controller", "km2", "pct", "since_text", "notes"} (the tooltip).
    span: the slider's whole range; slider_window: the range it opens on (a button switches
    between the two), e.g. the 2020 window when the events go back to 1991.
    events: store events (EventRow.to_json()); see map_events.
    follow_url: the map reads ?date=, ?layers=, ?window= and ?district= from the page URL
    (karabakh_map.urlstate's format) at start and follows later changes to them.
    static_url: where assets.publish's files are served (an absolute path ending in /).
    standalone: one self-contained page for file:// (the HTML export): Leaflet, timemap.js/.css
    and the GeoJSON go inline in the page, nothing is fetched, no online tiles, and the map
    talks to no parent page (it reads ?date= of its own URL once). inline_geometry: the
    GeoJSON goes in the config, coordinates rounded to INLINE_DIGITS (about 10 m, below
    the 1:10m boundaries' accuracy), so the map paints without fetching its five layers
    after its scripts (the dashboard). stamp: a line of text for the legend, e.g. the data
    version.
    """
    unknown_layers = set(layers) - set(LAYERS)
    if unknown_layers:
        raise ValueError(f"unknown map layers: {sorted(unknown_layers)}")
    slim, labels = _slim_districts(districts)
    files: dict[str, bytes] = {}
    geometry: dict[str, Any] = {}
    for stem, data in (("districts", slim), ("backdrop", backdrop), ("corridor", corridor),
                       ("peacekeepers", peacekeeping),
                       ("zones", _slim_zones(zones) if zones else None)):
        if data is None or standalone:
            geometry[stem] = data
            continue
        if inline_geometry:
            geometry[stem] = rounded(data, INLINE_DIGITS)
            continue
        name, payload = _geojson_file(stem, data)
        files[name] = payload
        geometry[stem] = static_url + name
    if standalone:
        layers = set(layers) - {"tiles"}
    controllers = [seg["controller"] for segs in timeline.values() for seg in segs]
    segments = browser_segments(timeline)
    for did, segs in (shares or {}).items():
        segments["share:" + did] = [{"from": _iso(s["from"]), "shares": s["shares"]}
                                    for s in segs if s.get("from")]
    config = {
        "geometry": geometry,  # URLs, or (standalone) the GeoJSON objects themselves
        "districts": labels,
        "timeline": segments,
        "shares": {did: True for did in shares or {}},
        "legend": {k: any(s.get(k) for segs in timeline.values() for s in segs)
                   for k in ("denied", "uncertain")} | {"changed": follow_url and not standalone},
        "controllers": palette(controllers),
        "unknown": Controller.UNKNOWN.value,  # the controllers key of a district with no record
        "styles": style_config(),
        "key_dates": sorted({d.isoformat() if isinstance(d, date) else d for d in key_dates}),
        "min_date": span[0].isoformat(), "max_date": span[1].isoformat(),
        "date": min(max(initial_date, span[0]), span[1]).isoformat(),
        "slider_window": _window(slider_window, span),
        "slider_window_label": _window_label(slider_window),
        "events": map_events(events),
        "window_days": int(window_days),
        "layers": sorted(set(layers)),
        "selected": selected,
        "follow_url": follow_url and not standalone,
        "standalone": standalone,
        "stamp": stamp,
        "attribution": list(ATTRIBUTION),
        "tiles": None if standalone else dict(tiles or ONLINE_TILES),
    }
    lat = sum(p["lat"] for p in labels) / len(labels) if labels else 39.8
    lon = sum(p["lon"] for p in labels) / len(labels) if labels else 46.7
    # Quarter zoom steps let the map fit the districts snugly (whole steps leave them small).
    m = folium.Map(location=[lat, lon], zoom_start=8, tiles=None, control_scale=True,
                   prefer_canvas=False, zoom_snap=0.25)
    if standalone:
        m.default_js, m.default_css = [], []
        root = m.get_root()
        assert isinstance(root, Figure)
        root.header.add_child(RawHtml(inline_assets()), name="kbm_inline_assets")
        TimeMap(config, files, None).add_to(m)
        return m
    # Leaflet from the installed package, served by Streamlit: no CDN, no jQuery/Bootstrap.
    m.default_js = [("leaflet", f"{static_url}leaflet/leaflet.js")]
    m.default_css = [("leaflet_css", f"{static_url}leaflet/leaflet.css")]
    TimeMap(config, files, static_url).add_to(m)
    return m

