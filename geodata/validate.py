"""Checks over the geodata layers. Each check returns a list of problems (empty = fine).

Used by `karabakh-map geodata validate` and by the tests, which also feed it broken layers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import shapely

from geodata import paths
from geodata.build_districts import check_district
from geodata.corridor import measure_width
from geodata.district_spec import DISTRICTS
from geodata.gazetteer import GazetteerError, load_gazetteer
from geodata.paths import METRIC_CRS, WGS84
from geodata.placelike import PlaceLike
from geodata.readers import GeodataError, read_layer
from geodata.validate_zones import check_zones

OVERLAP_TOLERANCE_KM2 = 0.1
# Every place with a district lies inside it: the district layer is corrected around towns
# that Natural Earth's generalised lines left outside (district_spec.TOWN_DISC_M).
PLACE_TOLERANCE_KM = 0.0
CORRIDOR_WIDTH_KM = 5.0
CORRIDOR_WIDTH_TOLERANCE = 0.10
OUTSIDE_TOLERANCE_KM2 = 0.05
# Everything we ship lies in the South Caucasus; coordinates outside this box (lon, lat) mean
# swapped axes or projected metres written as degrees.
REGION_BOUNDS = (40.0, 36.0, 52.0, 44.0)
POLYGONAL = ("Polygon", "MultiPolygon")
REQUIRED_COLUMNS = {"district": ("id", "name", "area_km2"),
                    "corridor": ("id", "version", "valid_from", "valid_to"),
                    "town": ("id",), "backdrop": ("id",), "zone": ("id", "zone_id")}


@dataclass
class ValidationReport:
    """What the validator found: problems (empty when all is well) and the measured figures."""

    problems: list[str] = field(default_factory=list)
    figures: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_geometries(name: str, gdf: gpd.GeoDataFrame) -> list[str]:
    """Every geometry present, non-empty and valid; ids unique."""
    problems = []
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        problems.append(f"{name}: CRS is {gdf.crs}, expected EPSG:4326")
    for fid, geom in zip(gdf["id"], gdf.geometry, strict=True):
        if geom is None or geom.is_empty:
            problems.append(f"{name} {fid}: empty geometry")
        elif not geom.is_valid:
            problems.append(f"{name} {fid}: invalid geometry ({shapely.is_valid_reason(geom)})")
        elif geom.geom_type not in POLYGONAL:
            problems.append(f"{name} {fid}: {geom.geom_type}, expected Polygon or MultiPolygon")
    # Versioned layers (the corridor) repeat an id once per version.
    keys = gdf["id"].astype(str)
    if "version" in gdf:
        keys = keys + "@" + gdf["version"].astype(str)
    dupes = keys[keys.duplicated()].tolist()
    if dupes:
        problems.append(f"{name}: duplicate ids {sorted(set(dupes))}")
    missing = [c for c in REQUIRED_COLUMNS.get(name, ()) if c not in gdf.columns]
    if missing:
        problems.append(f"{name}: features lack the properties {missing}")
    if len(gdf) and not gdf.geometry.isna().all():
        x0, y0, x1, y1 = gdf.total_bounds
        bx0, by0, bx1, by1 = REGION_BOUNDS
        if x0 < bx0 or y0 < by0 or x1 > bx1 or y1 > by1:
            problems.append(f"{name}: coordinates reach ({x0:.2f}, {y0:.2f})-({x1:.2f}, {y1:.2f}), "
                            f"outside the region {REGION_BOUNDS} (lon/lat swapped, or not "
                            f"degrees?)")
    return problems


def check_districts(districts: gpd.GeoDataFrame) -> tuple[list[str], dict[str, object]]:
    """Required districts present, areas as stated, no overlaps beyond the tolerance."""
    problems = []
    missing = {d.id for d in DISTRICTS} - set(districts["id"])
    if missing:
        problems.append(f"districts: missing {sorted(missing)}")
    # The same location and area checks the build applies, so a hand-edited file fails too.
    specs = {d.id: d for d in DISTRICTS}
    for fid, geom in zip(districts["id"], districts.geometry, strict=True):
        spec = specs.get(fid)
        if spec is not None and geom is not None and geom.is_valid and not geom.is_empty:
            problems += check_district(fid, geom, spec.centre, spec.area_km2)
    metric = districts.to_crs(METRIC_CRS)
    areas = dict(zip(metric["id"], (metric.area / 1e6).round(1), strict=True))
    if "area_km2" in districts:
        for fid, stated in zip(districts["id"], districts["area_km2"], strict=True):
            if abs(areas[fid] - stated) > max(0.5, 0.01 * stated):
                problems.append(f"district {fid}: stated area {stated} km² but geometry "
                                f"measures {areas[fid]} km²")
    worst = 0.0
    valid = metric[metric.geometry.is_valid & ~metric.geometry.is_empty]
    pairs = itertools.combinations(zip(valid["id"], valid.geometry, strict=True), 2)
    for (ia, a), (ib, b) in pairs:
        if not a.intersects(b):
            continue
        overlap = a.intersection(b).area / 1e6
        worst = max(worst, overlap)
        if overlap > OVERLAP_TOLERANCE_KM2:
            problems.append(f"districts {ia} and {ib} overlap by {overlap:.2f} km² "
                            f"(tolerance {OVERLAP_TOLERANCE_KM2} km²)")
    return problems, {"district_areas_km2": areas, "max_overlap_km2": round(worst, 4)}


def check_places(places: Iterable[PlaceLike], districts: gpd.GeoDataFrame
                 ) -> tuple[list[str], dict[str, object]]:
    """Every place with a district lies inside it (within PLACE_TOLERANCE_KM)."""
    problems = []
    metric = districts.to_crs(METRIC_CRS).set_index("id").geometry
    distances: dict[str, float] = {}
    for place in places:
        if place.district_id is None:
            continue
        if place.district_id not in metric.index:
            problems.append(f"place {place.id}: unknown district {place.district_id}")
            continue
        point = gpd.GeoSeries.from_xy([place.lon], [place.lat], crs=WGS84).to_crs(METRIC_CRS)
        km = float(metric[place.district_id].distance(point.iloc[0])) / 1000
        distances[place.id] = round(km, 2)
        if km > PLACE_TOLERANCE_KM:
            problems.append(f"place {place.id}: {km:.2f} km outside its district "
                            f"{place.district_id} (tolerance {PLACE_TOLERANCE_KM:g} km)")
    outside = {k: v for k, v in distances.items() if v > 0}
    return problems, {"places_checked": len(distances), "places_outside_polygon_km": outside}


def check_corridor(corridor: gpd.GeoDataFrame, districts: gpd.GeoDataFrame,
                   towns: gpd.GeoDataFrame) -> tuple[list[str], dict[str, object]]:
    """Each corridor version: 5 km wide (±10 %), clear of Shusha town, inside Azerbaijan,
    dated; the versions' validity intervals do not overlap."""
    problems: list[str] = []
    if len(corridor) == 0:
        return ["corridor: no features"], {}
    town = towns.set_index("id").geometry.get("shusha-town")
    if town is None:
        problems.append("towns: no shusha-town outline to check the corridor against")
    # The districts share Natural Earth's Azerbaijan border, at full resolution, so the part
    # of the corridor outside all of them lies outside Azerbaijan.
    land = shapely.union_all(shapely.make_valid(districts.to_crs(METRIC_CRS).geometry.values))
    versions = corridor["version"] if "version" in corridor else ["2020"] * len(corridor)
    per_version: dict[str, dict[str, object]] = {}
    for name, (_, row) in zip(versions, corridor.iterrows(), strict=True):
        label = f"corridor {name}"
        figs, found = _check_one_corridor(label, row.geometry, str(name), town, land)
        problems += found
        if not row.get("valid_from"):
            problems.append(f"{label}: no valid_from date")
        per_version[str(name)] = figs
    problems += check_intervals(corridor)
    first = per_version[str(next(iter(versions)))]
    figures: dict[str, object] = {f"corridor_{k}": v for k, v in first.items()}
    figures["corridor_versions"] = per_version
    return problems, figures


def _check_one_corridor(label: str, geom: shapely.Geometry, route: str,
                        town: shapely.Geometry | None, land: shapely.Geometry
                        ) -> tuple[dict[str, object], list[str]]:
    problems: list[str] = []
    width = measure_width(geom, keep_clear_of=town, route=route)
    lo = CORRIDOR_WIDTH_KM * (1 - CORRIDOR_WIDTH_TOLERANCE)
    hi = CORRIDOR_WIDTH_KM * (1 + CORRIDOR_WIDTH_TOLERANCE)
    if width.samples == 0:
        problems.append(f"{label}: the route does not run through it; width not measurable")
    elif not lo <= width.median_km <= hi:
        problems.append(f"{label}: median width {width.median_km:.2f} km outside {lo}-{hi} km")
    metric = gpd.GeoSeries([geom], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
    figures: dict[str, object] = {
        "area_km2": round(metric.area / 1e6, 1),
        "width_km": {"samples": width.samples, "min": round(width.min_km, 3),
                     "median": round(width.median_km, 3), "max": round(width.max_km, 3)},
    }
    if town is not None:
        town_m = gpd.GeoSeries([town], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
        inside_town = metric.intersection(town_m).area / 1e6
        figures["in_shusha_town_km2"] = round(inside_town, 4)
        if inside_town > 0.01:
            problems.append(f"{label}: covers {inside_town:.2f} km² of Shusha town")
    outside = metric.difference(land).area / 1e6
    figures["outside_azerbaijan_km2"] = round(outside, 4)
    if outside > OUTSIDE_TOLERANCE_KM2:
        problems.append(f"{label}: {outside:.2f} km² lies outside Azerbaijan")
    return figures, problems


def check_intervals(layer: gpd.GeoDataFrame, key: str = "id") -> list[str]:
    """Rows sharing `key` have half-open [valid_from, valid_to) intervals that never overlap."""
    if "valid_from" not in layer:
        return []
    problems = []
    ends = layer["valid_to"] if "valid_to" in layer else [None] * len(layer)
    spans: dict[str, list[tuple[str, str]]] = {}
    for k, start, end in zip(layer[key], layer["valid_from"], ends, strict=True):
        if start is None or start != start:  # missing or NaN
            continue
        stop = "9999-12-31" if end is None or end != end else str(end)
        if stop <= str(start):
            problems.append(f"{k}: valid_to {stop} is not after valid_from {start}")
        spans.setdefault(str(k), []).append((str(start), stop))
    for k, items in spans.items():
        items.sort()
        for (s1, e1), (s2, e2) in itertools.pairwise(items):
            if s2 < e1:
                problems.append(f"{k}: validity [{s1}, {e1}) overlaps [{s2}, {e2})")
    return problems


def validate(districts: gpd.GeoDataFrame, corridor: gpd.GeoDataFrame, towns: gpd.GeoDataFrame,
             backdrop: gpd.GeoDataFrame, places: Iterable[PlaceLike],
             zones: gpd.GeoDataFrame | None = None) -> ValidationReport:
    """Run every check over the given layers (the zone checks when `zones` is given)."""
    report = ValidationReport()
    places = list(places)
    layers = [("district", districts), ("corridor", corridor), ("town", towns),
              ("backdrop", backdrop)] + ([("zone", zones)] if zones is not None else [])
    for name, gdf in layers:
        report.problems += check_geometries(name, gdf)
    checks = [lambda: check_districts(districts),
              lambda: check_places(places, districts),
              lambda: check_corridor(corridor, districts, towns)]
    if zones is not None:
        checks.append(lambda: check_zones(zones, districts, places))
    for check in checks:
        problems, figures = check()
        report.problems += problems
        report.figures.update(figures)
    return report


def validate_shipped(data_dir: Path | None = None) -> ValidationReport:
    """Validate the shipped layers, or the same six files in `data_dir`.

    A file that is missing or unreadable is reported as a problem, not raised, so one run
    lists everything wrong with a directory.
    """
    folder = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    files = {"district": paths.DISTRICTS_FILE, "corridor": paths.CORRIDOR_FILE,
             "town": paths.TOWNS_FILE, "backdrop": paths.BACKDROP_FILE,
             "zone": paths.ZONES_FILE}
    layers: dict[str, gpd.GeoDataFrame] = {}
    report = ValidationReport()
    for name, default in files.items():
        try:
            layers[name] = read_layer(folder / default.name)
        except GeodataError as exc:
            report.problems.append(f"{name}: {exc}")
    try:
        gazetteer_path = None if data_dir is None else folder / paths.GAZETTEER_FILE.name
        places = list(load_gazetteer(gazetteer_path).places.values())
    except GazetteerError as exc:
        report.problems.append(f"gazetteer: {exc}")
        places = []
    if len(layers) < len(files):
        return report
    checked = validate(layers["district"], layers["corridor"], layers["town"],
                       layers["backdrop"], places, layers["zone"])
    checked.problems[:0] = report.problems
    return checked
