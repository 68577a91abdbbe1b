"""Build geodata/data/zones.geojson: each district cut into control zones.

Reads Natural Earth's pre-war area, NKAO ring and schematic 2020 ceasefire ring from
`--source` (default ../shared/data/natural-earth beside the repository), the shipped districts,
Shusha town's outline, the versioned corridor and the gazetteer; applies the dated corrections
of zones_spec.py; overlays everything in UTM 38N (EPSG:32638); writes EPSG:4326 with rounded
coordinates and sorted keys, so the same inputs give the same bytes.

    python -m geodata.build_zones [--source DIR] [--out geodata/data/zones.geojson]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geodata import zones_spec as spec
from geodata.corridor import load_corridor
from geodata.districts import load_districts, load_towns
from geodata.gazetteer import load_gazetteer
from geodata.paths import DATA_DIR, METRIC_CRS, WGS84
from geodata.zones_overlay import partition, zone_slug

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "natural-earth"
ZONES_OUT = DATA_DIR / "zones.geojson"
NE_FILES = {"held": ("ne4_10m_karabakh_breakaway_and_borders.geojson", "breakaway_area_pre2020"),
            "nkao": ("ne5_karabakh_rings.geojson", "nkao_1991"),
            "ceasefire": ("ne5_karabakh_rings.geojson", "ne_ceasefire_area_2020_schematic")}
SOURCE_NOTE = ("Natural Earth 10m (public domain): pre-war area from ne_10m_admin_0_disputed_areas "
               "(NE 4.x, B38); NKAO c. 1991 and 2020 ceasefire rings assembled from "
               "ne_10m_admin_0_boundary_lines_disputed_areas (NE 5.x); see "
               "../shared/data/natural-earth/README.md")
PRECISION = 5  # decimal places of degrees in the output (about 1 m)


class ZoneBuildError(RuntimeError):
    """The sources are missing or do not look as expected."""


def read_sources(source: Path) -> dict[str, BaseGeometry]:
    """The three Natural Earth areas, in the metric CRS."""
    out = {}
    for key, (name, kind) in NE_FILES.items():
        path = source / name
        if not path.is_file():
            raise ZoneBuildError(f"Natural Earth file not found: {path}")
        layer = gpd.read_file(path)
        rows = layer[layer["kind"] == kind]
        if len(rows) != 1:
            raise ZoneBuildError(f"{path}: expected one feature of kind {kind}, got {len(rows)}")
        out[key] = rows.to_crs(METRIC_CRS).geometry.iloc[0]
    return out


def _metric_points(points: list[tuple[float, float]]) -> gpd.GeoSeries:
    return gpd.GeoSeries.from_xy([lon for _, lon in points], [lat for lat, _ in points],
                                 crs=WGS84).to_crs(METRIC_CRS)


def carve_geometry(carve: spec.CarveOut, town_m: BaseGeometry) -> BaseGeometry:
    """A carve-out's area: the hull of circles around its points (plus the town outline)."""
    circles = _metric_points([(lat, lon) for lat, lon, _ in carve.points]).buffer(carve.radius_m)
    parts = list(circles.values)
    if carve.include_town_outline:
        parts.append(town_m.buffer(carve.radius_m))
    return shapely.union_all(parts).convex_hull


def east_line_cut(held: BaseGeometry, land: BaseGeometry) -> BaseGeometry:
    """The band east of the pre-war line that the correction gives back, before clipping.

    The line of contact is the part of the pre-war boundary away from the outer edge of the
    shipped districts (which there follows borders with Armenia, Iran and other districts).
    """
    contact = held.boundary.difference(land.boundary.buffer(1500))
    return contact.buffer(spec.EAST_LINE_SHIFT_M).intersection(held)


def flag_areas(did: str, district: BaseGeometry, ne: dict[str, BaseGeometry],
               corridor: dict[str, BaseGeometry], carves: dict[str, BaseGeometry],
               east_cut: BaseGeometry) -> tuple[dict[str, BaseGeometry], list[str]]:
    """The area of each flag within one district, and notes saying how each was made."""
    empty = shapely.Polygon()
    notes = []
    held = ne["held"]
    if did in spec.WHOLLY_HELD:
        held = district
        notes.append(f"held_1994: whole district ({spec.WHOLLY_HELD[did]}; "
                     f"{spec.WHOLLY_HELD_SOURCE}), NE's pre-war polygon cuts a few % off")
    elif did in spec.EAST_LINE_DISTRICTS:
        held = held.difference(east_cut)
        notes.append(f"held_1994: NE pre-war polygon B38 with the eastern line moved "
                     f"{spec.EAST_LINE_SHIFT_M / 1000:g} km west ({spec.EAST_LINE_SOURCE})")
    else:
        notes.append("held_1994: NE pre-war polygon B38")
    nkao = empty if did in spec.NOT_NKAO else ne["nkao"]
    notes.append("nkao_1991: none (NE's ring only grazes this district)" if did in spec.NOT_NKAO
                 else "nkao_1991: NE NKAO c. 1991 ring")
    post = ne["ceasefire"]
    if did in spec.NOT_POSTWAR:
        post = empty
        notes.append(f"postwar_area: none ({spec.NOT_POSTWAR[did]})")
    else:
        notes.append("postwar_area: NE schematic 2020 ceasefire ring")
    pocket = empty
    for carve in spec.CARVE_OUTS:
        if carve.district_id != did:
            continue
        geom = carves[carve.id]
        post = post.difference(geom)
        if carve.effect == "pocket_2020":
            pocket = geom.difference(ne["ceasefire"])
        notes.append(f"{carve.id} carve-out: {carve.fact}")
    if not district.intersection(post.difference(held)).is_empty:
        # What Armenian forces kept after the war they held before it.
        held = held.union(post)
    flags = {"held_1994": held, "nkao_1991": nkao, "postwar_area": post,
             "corridor_2020": corridor.get("2020", empty),
             "corridor_2022": corridor.get("2022", empty), "pocket_2020": pocket}
    if not district.intersection(flags["corridor_2020"]).is_empty:
        notes.append("corridor_2020 / corridor_2022: our corridor bands (corridor.geojson)")
    return flags, notes


def assign_places(zones: gpd.GeoDataFrame, places: list[Any]) -> dict[str, list[str]]:
    """Place ids per zone: the zone of the place's own district that contains it, or the
    nearest one (NE's generalised outlines miss some towns by 1-2 km)."""
    out: dict[str, list[str]] = {z: [] for z in zones["zone_id"]}
    for place in places:
        if place.district_id is None:
            continue
        mine = zones[zones["district_id"] == place.district_id]
        if mine.empty:
            continue
        point = _metric_points([(place.lat, place.lon)]).iloc[0]
        best = min(zip(mine["zone_id"], mine.geometry, strict=True),
                   key=lambda z: (z[1].distance(point), z[0]))
        out[best[0]].append(place.id)
    return {k: sorted(v) for k, v in out.items()}


def build_zones(districts: gpd.GeoDataFrame, towns: gpd.GeoDataFrame,
                corridor: gpd.GeoDataFrame, places: list[Any],
                ne: dict[str, BaseGeometry]) -> gpd.GeoDataFrame:
    """All zones (EPSG:4326), one row per (district, flag combination)."""
    dm = districts.to_crs(METRIC_CRS)
    town_m = towns.to_crs(METRIC_CRS).set_index("id").geometry["shusha-town"]
    cm = corridor.to_crs(METRIC_CRS)
    bands = dict(zip(cm["version"].astype(str), cm.geometry, strict=True))
    carves = {c.id: carve_geometry(c, town_m) for c in spec.CARVE_OUTS}
    land = shapely.union_all(dm.geometry.values)
    east_cut = east_line_cut(ne["held"], land)
    rows = []
    for did, name, geom in zip(dm["id"], dm["name"], dm.geometry, strict=True):
        flags, notes = flag_areas(did, geom, ne, bands, carves, east_cut)
        pieces = partition(geom, flags, sliver_m=spec.SLIVER_M,
                           min_area_m2=spec.MIN_PIECE_KM2 * 1e6)
        for on, piece in pieces:
            rows.append({
                "zone_id": f"{did}/{zone_slug(on, spec.FLAGS)}", "district_id": did,
                "district": name, "area_km2": round(piece.area / 1e6, 1),
                **{f: f in on for f in spec.FLAGS},
                "approximate": len(pieces) > 1,
                "derivation": "; ".join(notes) if len(pieces) > 1 else
                "the whole district (" + "; ".join(notes) + ")",
                "geometry": piece,
            })
    zones = gpd.GeoDataFrame(rows, crs=METRIC_CRS)
    zones["places"] = zones["zone_id"].map(assign_places(zones, places))
    zones["id"] = zones["zone_id"]
    out = zones.to_crs(WGS84)
    rounded = shapely.make_valid(shapely.transform(
        out.geometry.values, lambda xy: xy.round(PRECISION)))
    out["geometry"] = [polygonal(g) for g in rounded]
    return out


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the areas of a geometry, as a Polygon or MultiPolygon: rounding and make_valid can
    leave zero-area lines beside them in a GeometryCollection."""
    polys = [p for part in shapely.get_parts(geom) for p in shapely.get_parts(part)
             if p.geom_type == "Polygon" and not p.is_empty]
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def write_zones(zones: gpd.GeoDataFrame, path: Path) -> None:
    """GeoJSON with a metadata member; sorted keys and fixed separators for stable bytes."""
    collection: dict[str, Any] = json.loads(zones.to_json(drop_id=True))
    collection["metadata"] = {
        "description": "Control zones: each district cut by the lines its control was divided "
                       "along; zones tile their district. Flags say which areas a zone lies in.",
        "flags": {k: {"meaning": m, "from": a, "to": b}
                  for k, (m, a, b) in spec.FLAG_MEANING.items()},
        "source": SOURCE_NOTE, "licence": "public domain (Natural Earth); derivation MIT",
        "built_by": "python -m geodata.build_zones", "crs": WGS84,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":"),
                               sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="folder with the Natural Earth GeoJSON files")
    parser.add_argument("--out", type=Path, default=ZONES_OUT, help="zones file to write")
    args = parser.parse_args(argv)
    zones = build_zones(load_districts(), load_towns(), load_corridor(),
                        list(load_gazetteer().places.values()), read_sources(args.source))
    write_zones(zones, args.out)
    print(f"zones: {args.out} ({len(zones)} zones, {args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
