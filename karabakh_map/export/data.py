"""Data exports: control on a date as GeoJSON, events as ACLED CSV and as GeoJSON."""

from __future__ import annotations

from datetime import date
from typing import Any

import geopandas as gpd
from shapely.geometry import mapping

from geodata.corridor import corridor_on
from karabakh_map.csvsafe import write_csv
from karabakh_map.store import Engine, control_at, query_events
from karabakh_map.store.acled import ACLED_COLUMNS, acled_rows


def state_geojson(engine: Engine, day: date, districts: gpd.GeoDataFrame,
                  corridor: gpd.GeoDataFrame) -> dict[str, Any]:
    """District (and corridor) polygons with their controller on `day` as properties."""
    geoms: dict[str, Any] = {}
    names: dict[str, str] = {}
    # One feature per area: of an area with versions (the corridor), the one in force on
    # `day`, else its first.
    on_day = corridor_on(corridor, day.isoformat())
    for gdf in (districts, on_day, corridor):
        for i, n, g in zip(gdf["id"], gdf["name"], gdf.geometry, strict=True):
            geoms.setdefault(i, g)
            names.setdefault(i, n)
    rows = control_at(engine, day, list(names.items()))
    return {"type": "FeatureCollection", "date": day.isoformat(), "features": [
        {"type": "Feature", "id": r.id, "properties": r.to_json(),
         "geometry": mapping(geoms[r.id])} for r in rows]}


def events_acled_csv(engine: Engine, district_names: dict[str, str]) -> str:
    """Every event as ACLED CSV (columns in ACLED's order)."""
    return write_csv(ACLED_COLUMNS, acled_rows(query_events(engine), district_names))


def events_geojson(engine: Engine) -> dict[str, Any]:
    """Every event with coordinates as a point feature; its sources as a property."""
    features = []
    for event in query_events(engine):
        if event.latitude is None or event.longitude is None:
            continue
        features.append({"type": "Feature", "id": event.id,
                         "geometry": {"type": "Point",
                                      "coordinates": [event.longitude, event.latitude]},
                         "properties": event.to_json()})
    return {"type": "FeatureCollection", "features": features}
