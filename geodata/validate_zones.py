"""Checks over the control zones: properties, tiling of each district, places, figures."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import geopandas as gpd
import shapely

from geodata.paths import METRIC_CRS
from geodata.placelike import PlaceLike
from geodata.zones_spec import FLAGS

TILE_TOLERANCE_KM2 = 0.1  # union of a district's zones vs the district (rounding to ~1 m)
ZONE_OVERLAP_TOLERANCE_KM2 = 0.01
REQUIRED = ("zone_id", "district_id", "district", "area_km2", *FLAGS, "places", "approximate",
            "derivation")


def check_zone_properties(zones: gpd.GeoDataFrame) -> list[str]:
    """Every zone has the required properties, an id '<district_id>/<slug>', unique."""
    missing = [c for c in REQUIRED if c not in zones.columns]
    if missing:
        return [f"zones: features lack the properties {missing}"]
    problems = []
    for row in zones.drop(columns="geometry").to_dict("records"):
        zid = row["zone_id"]
        if not str(zid).startswith(f"{row['district_id']}/"):
            problems.append(f"zone {zid}: id does not start with its district "
                            f"{row['district_id']}/")
        if not row["derivation"]:
            problems.append(f"zone {zid}: no derivation")
        if not isinstance(row["places"], list):
            problems.append(f"zone {zid}: places is not a list")
    dupes = zones["zone_id"][zones["zone_id"].duplicated()].tolist()
    if dupes:
        problems.append(f"zones: duplicate zone ids {sorted(set(dupes))}")
    return problems


def check_tiling(zones: gpd.GeoDataFrame, districts: gpd.GeoDataFrame
                 ) -> tuple[list[str], dict[str, object]]:
    """Each district's zones cover it (symmetric difference under a tolerance), no overlaps,
    stated areas as measured; every district has zones and every zone a known district."""
    problems: list[str] = []
    zm = zones.to_crs(METRIC_CRS)
    # An invalid district is reported by the district checks; compare with its repaired form.
    dm = districts.to_crs(METRIC_CRS).set_index("id").geometry.make_valid()
    unknown = sorted(set(zm["district_id"]) - set(dm.index))
    if unknown:
        problems.append(f"zones: unknown districts {unknown}")
    worst_gap, worst_overlap = 0.0, 0.0
    for did, district in dm.items():
        mine = zm[zm["district_id"] == did]
        if mine.empty:
            problems.append(f"district {did}: no zones")
            continue
        geoms = [shapely.make_valid(g) for g in mine.geometry]
        gap = shapely.union_all(geoms).symmetric_difference(district).area / 1e6
        worst_gap = max(worst_gap, gap)
        if gap > TILE_TOLERANCE_KM2:
            problems.append(f"district {did}: its zones differ from it by {gap:.3f} km² "
                            f"(tolerance {TILE_TOLERANCE_KM2} km²)")
        for (ia, a), (ib, b) in itertools.combinations(zip(mine["zone_id"], geoms,
                                                               strict=True), 2):
            overlap = a.intersection(b).area / 1e6 if a.intersects(b) else 0.0
            worst_overlap = max(worst_overlap, overlap)
            if overlap > ZONE_OVERLAP_TOLERANCE_KM2:
                problems.append(f"zones {ia} and {ib} overlap by {overlap:.3f} km²")
    for zid, stated, geom in zip(zm["zone_id"], zm["area_km2"], zm.geometry, strict=True):
        measured = geom.area / 1e6
        if abs(measured - stated) > max(0.2, 0.01 * measured):
            problems.append(f"zone {zid}: stated area {stated} km² but measures "
                            f"{measured:.1f} km²")
    return problems, {"zones_max_gap_km2": round(worst_gap, 4),
                      "zones_max_overlap_km2": round(worst_overlap, 5)}


def check_zone_places(zones: gpd.GeoDataFrame, places: Iterable[PlaceLike]) -> list[str]:
    """Each gazetteer place of a zoned district is listed by exactly one zone of that district,
    and that zone contains the place's point (a place missing means zones.geojson predates the
    gazetteer: rerun build_zones; a point outside means the district layer misplaces it)."""
    problems = []
    listed: dict[str, list[tuple[str, shapely.Geometry]]] = {}
    for did, ids, geom in zip(zones["district_id"], zones["places"], zones.geometry,
                              strict=True):
        for pid in ids or []:
            listed.setdefault(pid, []).append((did, geom))
    zoned = set(zones["district_id"])
    for place in places:
        if place.district_id not in zoned:
            continue
        found = listed.get(place.id, [])
        if [did for did, _ in found] != [place.district_id]:
            problems.append(f"place {place.id}: listed by zones of "
                            f"{[did for did, _ in found] or 'no district'}, expected one zone "
                            f"of {place.district_id} (rebuild: python -m geodata.build_zones)")
        elif not found[0][1].covers(shapely.Point(place.lon, place.lat)):
            problems.append(f"place {place.id}: the zone listing it does not contain its point "
                            f"({place.lat}, {place.lon})")
    return problems


def zone_figures(zones: gpd.GeoDataFrame) -> dict[str, object]:
    """Per district: km² and share held before the war and in the post-war area; totals."""
    per: dict[str, dict[str, float]] = {}
    for did, group in zones.groupby("district_id", sort=False):
        total = float(group["area_km2"].sum())
        held = float(group.loc[group["held_1994"].astype(bool), "area_km2"].sum())
        post = float(group.loc[group["postwar_area"].astype(bool), "area_km2"].sum())
        per[str(did)] = {"area_km2": round(total, 1), "zones": len(group),
                         "held_1994_km2": round(held, 1),
                         "held_1994_pct": round(100 * held / total, 1),
                         "postwar_area_km2": round(post, 1),
                         "postwar_area_pct": round(100 * post / total, 1)}
    return {"zone_shares": per, "zone_count": len(zones),
            "postwar_area_total_km2": round(sum(d["postwar_area_km2"] for d in per.values()), 1),
            "held_1994_total_km2": round(sum(d["held_1994_km2"] for d in per.values()), 1)}


def check_zones(zones: gpd.GeoDataFrame, districts: gpd.GeoDataFrame,
                places: Iterable[PlaceLike]) -> tuple[list[str], dict[str, object]]:
    """Every zone check, and the zone figures."""
    problems = check_zone_properties(zones)
    if problems:
        return problems, {}
    tiling, figures = check_tiling(zones, districts)
    problems += tiling + check_zone_places(zones, places)
    figures.update(zone_figures(zones))
    return problems, figures
