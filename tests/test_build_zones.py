"""The zone overlay on synthetic squares (explicit metric CRS), and the build's determinism."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geodata.build_zones import DEFAULT_SOURCE, main
from geodata.validate_zones import check_tiling
from geodata.zones_overlay import clean_flag, merge_small, partition, split, zone_slug

# A 10 km x 10 km "district" in UTM 38N, metres.
CRS = "EPSG:32638"
D = box(500_000, 4_400_000, 510_000, 4_410_000)
WEST = box(490_000, 4_390_000, 504_000, 4_420_000)  # covers the western 4 km
NORTH = box(495_000, 4_406_000, 515_000, 4_415_000)  # covers the northern 4 km


def _km2(g) -> float:
    return round(g.area / 1e6, 3)


def test_split_tiles_the_district():
    pieces = split(D, {"a": WEST, "b": NORTH})
    assert sorted((zone_slug(on, ["a", "b"]), _km2(g)) for on, g in pieces) == [
        ("a", 24.0), ("a+b", 16.0), ("b", 24.0), ("outside", 36.0)]
    union = shapely.union_all([g for _, g in pieces])
    assert union.symmetric_difference(D).area < 1e-3
    total = sum(g.area for _, g in pieces)
    assert total == pytest.approx(D.area, rel=1e-9)  # no overlaps


def test_thin_slivers_are_opened_away_both_ways():
    sliver = box(509_900, 4_400_000, 511_000, 4_410_000)  # a 100 m strip along the east edge
    assert clean_flag(D, sliver, 250).is_empty
    almost = box(500_100, 4_400_000, 511_000, 4_410_000)  # all but a 100 m strip in the west
    assert clean_flag(D, almost, 250).symmetric_difference(D).area < 1e-3
    assert _km2(clean_flag(D, WEST, 250)) == 40.0


def test_small_parts_join_their_longest_neighbour():
    dot = box(505_000, 4_405_000, 505_500, 4_405_500)  # 0.25 km² inside the district
    pieces = merge_small(split(D, {"dot": dot}), 0.5e6)
    assert [(sorted(on), _km2(g)) for on, g in pieces] == [([], 100.0)]


def test_partition_is_ordered_and_tiles():
    pieces = partition(D, {"a": WEST, "b": NORTH}, sliver_m=250, min_area_m2=0.5e6)
    assert [zone_slug(on, ["a", "b"]) for on, _ in pieces] == ["a", "a+b", "b", "outside"]
    zones = gpd.GeoDataFrame({"zone_id": [f"X/{i}" for i in range(4)], "district_id": "X",
                              "area_km2": [_km2(g) for _, g in pieces]},
                             geometry=[g for _, g in pieces], crs=CRS).to_crs(4326)
    districts = gpd.GeoDataFrame({"id": ["X"]}, geometry=[D], crs=CRS).to_crs(4326)
    problems, figures = check_tiling(zones, districts)
    assert problems == [] and figures["zones_max_overlap_km2"] < 0.001


def test_tiling_check_sees_a_gap_and_an_overlap():
    a, b = box(500_000, 4_400_000, 506_000, 4_410_000), box(505_000, 4_400_000, 509_000,
                                                             4_410_000)
    zones = gpd.GeoDataFrame({"zone_id": ["X/a", "X/b"], "district_id": "X",
                              "area_km2": [60.0, 40.0]}, geometry=[a, b], crs=CRS)
    districts = gpd.GeoDataFrame({"id": ["X"]}, geometry=[D], crs=CRS)
    problems, _ = check_tiling(zones, districts)
    assert any("differ from it by" in p for p in problems)
    assert any("X/a and X/b overlap" in p for p in problems)


def test_build_is_deterministic(tmp_path: Path):
    if not DEFAULT_SOURCE.is_dir():
        pytest.skip(f"Natural Earth source not found at {DEFAULT_SOURCE}")
    one, two = tmp_path / "one.geojson", tmp_path / "two.geojson"
    assert main(["--out", str(one)]) == 0
    assert main(["--source", str(DEFAULT_SOURCE), "--out", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()
