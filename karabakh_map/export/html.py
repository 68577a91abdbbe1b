"""The map as ONE self-contained HTML file: opens from file:// and loads nothing.

The same map as the dashboard's (build_map + timemap.js) in its standalone mode: Leaflet,
timemap.js/.css, the GeoJSON layers and the config are all inline, so the date slider,
the key-date buttons, the popups and the legend work offline in any browser. Untrusted
text only travels inside the config JSON (escaped for <script> by script_json) and is put
on the page as text by timemap.js.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import mapping

from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts
from karabakh_map.dataversion import data_as_of
from karabakh_map.export.files import HTML_MARK, atomic_path
from karabakh_map.mapview.build import build_map
from karabakh_map.mapview.element import RawHtml
from karabakh_map.store import Engine
from karabakh_map.urlstate import DEFAULT_DATE
from karabakh_map.views import (
    WINDOW_2020,
    ViewData,
    build_view_data,
    district_timeline_json,
    event_overlaps,
    peacekeeping_area,
    zone_timeline_json,
)

TITLE = "Control of the districts around Nagorno-Karabakh"
COORD_DIGITS = 5  # about a metre: far below what the map can show


def _round(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(coords, COORD_DIGITS)
    return [_round(c) for c in coords]


def layer_geojson(gdf: gpd.GeoDataFrame, tolerance: float = 0.0) -> dict[str, Any]:
    """A layer as a GeoJSON dict with rounded coordinates; with `tolerance` (degrees) the
    polygons are simplified as one coverage, so neighbours keep one shared border."""
    geoms = list(gdf.geometry)
    if tolerance > 0:
        geoms = list(shapely.coverage_simplify(geoms, tolerance))
    props = gdf.drop(columns=gdf.geometry.name)
    features = []
    for geom, (_, row) in zip(geoms, props.iterrows(), strict=True):
        gj = mapping(geom)
        features.append({"type": "Feature",
                         "properties": json.loads(row.to_json(date_format="iso")),
                         "geometry": {"type": gj["type"],
                                      "coordinates": _round(gj["coordinates"])}})
    return {"type": "FeatureCollection", "features": features}


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _control(view: ViewData, zones: gpd.GeoDataFrame | None,
             tolerance: float) -> dict[str, Any]:
    """What the map shades, as the dashboard's map panel gives it: the control zones with
    their segments and each district's shares when the view has zones, else the districts'
    own segments."""
    if view.zone_timeline and zones is not None:
        shares = {did: [{"from": s["from"], "shares": s.get("shares", [])} for s in segs]
                  for did, segs in district_timeline_json(view).items()}
        return {"timeline": zone_timeline_json(view), "shares": shares,
                "zones": layer_geojson(zones, tolerance)}
    return {"timeline": {did: [s.to_json() for s in segs]
                         for did, segs in view.timeline.items()}}


def stamp_text(version: str, data_day: date | None, record_day: date | None,
               confirmed_only: bool = False) -> str:
    """The legend's stamp: data date and version, the record date of an --as-of view, and
    whether it shows confirmed events only."""
    stamp = f"Data as of {_long(data_day)} \u00b7 version {version}" if data_day else (
        f"Data version {version}")
    if record_day:
        stamp += f" \u00b7 record as known on {_long(record_day)}"
    if confirmed_only:
        stamp += " \u00b7 confirmed events only"
    return stamp + " \u00b7 exported from karabakh-map"


def render_html(view: ViewData, districts: gpd.GeoDataFrame, corridor: gpd.GeoDataFrame,
                backdrop: gpd.GeoDataFrame, *, version: str, as_of: date | None = None,
                start: date | None = None, end: date | None = None,
                opening: date | None = None, tolerance: float = 0.0,
                zones: gpd.GeoDataFrame | None = None) -> str:
    """The whole self-contained page, as text.

    start / end limit the slider and the events included (the control timelines stay
    whole, so the first day shows who held what then); without them the slider spans the
    store's dates and opens zoomed on 2020. opening: the date the map opens on (default
    20 November 2020, moved into the range). version / as_of: the data stamp shown in the
    legend (see data_version, data_as_of), with the view's record date when it has one.
    zones: the control zones layer (geodata.zones.load_zones), shaded per zone as in the
    dashboard. tolerance: geometry simplification in degrees.
    """
    lo, hi = start or view.span[0], end or view.span[1]
    if lo > hi:
        raise ValueError(f"the range is empty: {lo.isoformat()} is after {hi.isoformat()}")
    if opening is not None and not lo <= opening <= hi:
        raise ValueError(f"the opening date {opening.isoformat()} is outside "
                         f"{lo.isoformat()}..{hi.isoformat()}")
    day = opening or min(max(DEFAULT_DATE, lo), hi)
    limited = start is not None or end is not None
    events: Sequence[Mapping[str, Any]] = (
        [e for e in view.events if event_overlaps(e, lo, hi)] if limited else view.events)
    district_gj = layer_geojson(districts, tolerance)
    m = build_map(
        district_gj, layer_geojson(corridor), layer_geojson(backdrop, tolerance),
        **_control(view, zones, tolerance),
        key_dates=[d for d in view.key_dates if lo <= d <= hi], span=(lo, hi),
        initial_date=day, slider_window=None if limited else WINDOW_2020, events=events,
        peacekeeping=peacekeeping_area(view, district_gj), standalone=True,
        stamp=stamp_text(version, as_of, view.as_of,
                         view.confirmed_only),
    )
    root = m.get_root()
    # First in <head>, so that a later export recognises the file as ours (export.files).
    root.header.add_child(RawHtml(HTML_MARK), name="kbm_generator",  # type: ignore[attr-defined]
                          index=0)
    title = html.escape(f"{TITLE} ({lo.isoformat()} to {hi.isoformat()})")
    root.title = title  # type: ignore[attr-defined]  # the root is a Figure, with a title
    return root.render()


def store_html(engine: Engine, *, start: date | None = None, end: date | None = None,
               opening: date | None = None, view: ViewData | None = None) -> str:
    """The page for the store's current content, with the shipped geodata."""
    from geodata.zones import load_zones

    districts, corridor, backdrop = load_districts(), load_corridor(), load_backdrop()
    view = view or build_view_data(engine, districts, corridor)
    return render_html(view, districts, corridor, backdrop, version=view.data_version,
                       as_of=data_as_of(engine), start=start, end=end, opening=opening,
                       zones=load_zones())


def write_html(engine: Engine, path: Path, *, start: date | None = None,
               end: date | None = None, opening: date | None = None,
               view: ViewData | None = None) -> Path:
    """Write the store's page (see store_html) to `path`, atomically: the whole page or,
    on any failure, the previous file unchanged. The folder must exist."""
    page = store_html(engine, start=start, end=end, opening=opening, view=view)
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
