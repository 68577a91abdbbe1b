"""Data exports: control on a date per zone as GeoJSON, the zones over time (GeoJSON and
GeoPackage for QGIS's temporal controller), events as ACLED CSV and as GeoJSON.

Every export is of the record as corrected (the edit log replayed), optionally as known on
a day (`as_of`) and limited to some review states (`reviews`), and says so: GeoJSON files
carry `as_of`, `record` (what they include, in words) and `data_version` as members of the
collection; the CSV and the GeoPackage carry them as columns."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from karabakh_map.csvsafe import write_csv
from karabakh_map.dataversion import data_version
from karabakh_map.export.files import GENERATOR, atomic_path
from karabakh_map.store import Engine, ZoneState, ZoneTable, query_events
from karabakh_map.store.acled import ACLED_COLUMNS, EARLIER_COLUMNS, acled_row
from karabakh_map.store.edits import effective_index
from karabakh_map.store.review import SHOWN
from karabakh_map.views import record_note

# The events CSV: ACLED's columns, then each event's review state and the record it is from.
CSV_COLUMNS = [*ACLED_COLUMNS, "review", "as_of", "data_version"]
# Headers of our events CSVs, this one and the earlier ones (ACLED's columns before its 2023
# change; with and without the record's columns), so that a new export replaces an old one
# without --force (export.files.is_ours).
CSV_HEADERS = tuple(",".join(columns) for columns in (
    CSV_COLUMNS, [*EARLIER_COLUMNS, "review"], [*EARLIER_COLUMNS, "review", "as_of",
                                                "data_version"]))


def record_members(engine: Engine, as_of: date | None, reviews: Sequence[str],
                   version: str | None = None) -> dict[str, Any]:
    """What a file says about the record it holds: the record date (None: the whole
    record), what it includes in words, and the data version (computed when not given)."""
    return {"generator": GENERATOR, "as_of": as_of.isoformat() if as_of else None,
            "record": record_note(as_of, reviews),
            "data_version": version or data_version(engine)}


def _layers(zones: gpd.GeoDataFrame | None,
            table: ZoneTable | None) -> tuple[gpd.GeoDataFrame, ZoneTable]:
    from geodata.zones import load_zones
    from karabakh_map.areas import zone_table

    return (load_zones() if zones is None else zones,
            zone_table() if table is None else table)


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The polygons of a geometry: a collection left by the overlay (a polygon and a
    zero-area line) becomes a (multi)polygon, as GIS tools expect of an area layer."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts: list[Polygon] = []
    for g in getattr(geom, "geoms", ()):
        g = polygonal(g)
        parts += list(g.geoms) if isinstance(g, MultiPolygon) else [g] if isinstance(
            g, Polygon) else []
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def zone_properties(row: Any, st: ZoneState) -> dict[str, Any]:
    """A zone's properties with its state: who holds it, since when, how sure; `disputed`
    covers denied claims and uncorroborated ones (`claimed_by`, `claim_event_ids`)."""
    return {
        "zone_id": row["zone_id"], "district_id": row["district_id"],
        "district": row["district"], "area_km2": float(row["area_km2"]),
        "controller": st.controller, "since": st.since_text() or None,
        "disputed": st.denied, "denied_note": st.notes()[0] if st.denied else None,
        "uncertain": st.uncertain, "uncertain_range": st.uncertain_text(),
        "approximate": bool(row["approximate"]),
        "scheduled": st.scheduled.isoformat() if st.scheduled else None,
        "event_ids": list(st.event_ids),
        # An uncorroborated claim against a corroborated state: shown, not counted.
        "claimed_by": st.claimed_by, "claim_event_ids": list(st.claim_ids),
    }


def state_geojson(engine: Engine, day: date, zones: gpd.GeoDataFrame | None = None,
                  table: ZoneTable | None = None, *, as_of: date | None = None,
                  reviews: Sequence[str] = SHOWN, version: str | None = None
                  ) -> dict[str, Any]:
    """Every control zone with its state on `day` (the zones of a district cover all of
    it): controller, district (display name), district_id, since, disputed (a denied claim),
    uncertain (a range-dated change under way), approximate, event_ids, zone_id; with the
    record's members (record_members)."""
    gdf, table = _layers(zones, table)
    index = effective_index(engine, table, as_of=as_of, reviews=reviews)
    features = []
    for row, geom in zip(gdf.drop(columns="geometry").to_dict("records"), gdf.geometry,
                         strict=True):
        st = index.at(str(row["zone_id"]), day)
        features.append({"type": "Feature", "id": row["zone_id"],
                         "properties": zone_properties(row, st),
                         "geometry": mapping(polygonal(geom))})
    return {"type": "FeatureCollection", "date": day.isoformat(),
            **record_members(engine, as_of, reviews, version), "features": features}


def zones_over_time(engine: Engine, zones: gpd.GeoDataFrame | None = None,
                    table: ZoneTable | None = None, *, as_of: date | None = None,
                    reviews: Sequence[str] = SHOWN) -> gpd.GeoDataFrame:
    """One feature per zone and run of one state (controller, denial, range under way), with
    `valid_from` (inclusive) and `valid_to` (exclusive; empty: still so): for QGIS's
    temporal controller ("separate fields for start and end")."""
    gdf, table = _layers(zones, table)
    index = effective_index(engine, table, as_of=as_of, reviews=reviews)
    records, geoms = [], []
    for row, geom in zip(gdf.drop(columns="geometry").to_dict("records"), gdf.geometry,
                         strict=True):
        runs: list[tuple[ZoneState, date | None]] = []
        for st in index.segments.get(str(row["zone_id"]), []):
            key = (st.controller, st.denied, st.uncertain)
            if runs and (runs[-1][0].controller, runs[-1][0].denied,
                         runs[-1][0].uncertain) == key:
                continue
            runs.append((st, None))
        for i, (st, _) in enumerate(runs):
            end = runs[i + 1][0].start if i + 1 < len(runs) else None
            props = zone_properties(row, st)
            props["event_ids"] = ",".join(map(str, st.event_ids))
            props["claim_event_ids"] = ",".join(map(str, st.claim_ids))
            props.update(valid_from=st.start, valid_to=end)
            records.append(props)
            geoms.append(polygonal(geom))
    frame = gpd.GeoDataFrame(records, geometry=geoms, crs=gdf.crs)
    for col in ("valid_from", "valid_to"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def write_zones_over_time(engine: Engine, path: Path, *, as_of: date | None = None,
                          reviews: Sequence[str] = SHOWN) -> Path:
    """Write zones_over_time as GeoPackage (.gpkg, layer "zone_control") or GeoJSON,
    atomically (see export.files.atomic_path): the previous file stays on a failure."""
    path = Path(path)
    with atomic_path(path) as tmp:
        write_zones_file(engine, tmp, as_of=as_of, reviews=reviews)
    return path


def write_zones_file(engine: Engine, path: Path, *, as_of: date | None = None,
                     reviews: Sequence[str] = SHOWN, version: str | None = None) -> None:
    """zones_over_time into `path` as it is (GeoPackage by the .gpkg suffix, with the
    record's date and data version as columns; else GeoJSON with record_members);
    write_zones_over_time is the safe way to a user's file."""
    frame = zones_over_time(engine, as_of=as_of, reviews=reviews)
    members = record_members(engine, as_of, reviews, version)
    if path.suffix.lower() == ".gpkg":
        path.unlink(missing_ok=True)  # the driver creates the file itself
        frame = frame.assign(as_of=members["as_of"], data_version=members["data_version"])
        frame.to_file(path, layer="zone_control", driver="GPKG", engine="pyogrio")
        return
    out = frame.copy()
    for col in ("valid_from", "valid_to"):
        out[col] = out[col].dt.strftime("%Y-%m-%d").where(out[col].notna(), None)
    collection = json.loads(out.to_json(drop_id=True, ensure_ascii=False))
    path.write_text(json.dumps({"type": "FeatureCollection", **members, **collection},
                               ensure_ascii=False), encoding="utf-8")


def events_acled_csv(engine: Engine, district_names: dict[str, str], *,
                     as_of: date | None = None, reviews: Sequence[str] = SHOWN,
                     version: str | None = None) -> str:
    """The events as ACLED CSV (ACLED's columns in its order), then `review` (confirmed or
    extracted), `as_of` (the record date; empty: the whole record) and `data_version`."""
    members = record_members(engine, as_of, reviews, version)
    stamp = {"as_of": members["as_of"] or "", "data_version": members["data_version"]}
    rows = [{**acled_row(ev, district_names), "review": ev.review, **stamp}
            for ev in query_events(engine, as_of=as_of, reviews=reviews)]
    return write_csv(CSV_COLUMNS, rows)


def events_geojson(engine: Engine, *, as_of: date | None = None,
                   reviews: Sequence[str] = SHOWN, version: str | None = None
                   ) -> dict[str, Any]:
    """Every located event as a point feature (EventRow.to_json as properties: its
    sources, its `review`), with the record's members (record_members)."""
    features = [{"type": "Feature", "id": ev.id,
                 "geometry": {"type": "Point", "coordinates": [ev.longitude, ev.latitude]},
                 "properties": ev.to_json()}
                for ev in query_events(engine, as_of=as_of, reviews=reviews)
                if ev.latitude is not None and ev.longitude is not None]
    return {"type": "FeatureCollection", **record_members(engine, as_of, reviews, version),
            "features": features}
