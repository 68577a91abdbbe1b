"""The geodata validator: the shipped layers pass, broken ones fail with named problems."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pytest
import shapely
from shapely.affinity import translate

from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts, load_towns
from geodata.validate import (
    check_corridor,
    check_districts,
    check_geometries,
    check_places,
    validate,
)
from geodata.validate_zones import check_zone_places
from geodata.zones import load_zones


@dataclass(frozen=True)
class P:
    id: str
    lat: float
    lon: float
    district_id: str | None


AGHDAM_TOWN = P("aghdam", 39.9929, 46.9302, "AZ-AGM")
# Natural Earth's line put this point 1.7 km into Shusha district; the district layer moves a
# 3 km disc around the town into Lachin district (district_spec.TOWN_DISC_M).
LACHIN_TOWN = P("lachin", 39.6383, 46.5461, "AZ-LAC")


@pytest.fixture
def layers():
    return load_districts(), load_corridor(), load_towns(), load_backdrop()


def test_shipped_layers_pass(layers):
    districts, corridor, towns, backdrop = layers
    report = validate(districts, corridor, towns, backdrop, [AGHDAM_TOWN, LACHIN_TOWN])
    assert report.problems == []
    width = report.figures["corridor_width_km"]
    assert 4.5 <= width["median"] <= 5.5
    assert report.figures["max_overlap_km2"] < 0.1
    assert report.figures["places_outside_polygon_km"] == {}


def test_a_place_outside_its_district_is_reported(layers):
    khankendi_in_shusha = P("khankendi", 39.8177, 46.7528, "AZ-SUS")
    problems, figures = check_places([khankendi_in_shusha, AGHDAM_TOWN], layers[0])
    assert len(problems) == 1 and "place khankendi:" in problems[0]
    assert "outside its district AZ-SUS" in problems[0]
    assert set(figures["places_outside_polygon_km"]) == {"khankendi"}


def test_only_polygons_pass():
    square = shapely.box(46.0, 39.0, 46.1, 39.1)
    line = shapely.LineString([(46.1, 39.0), (46.2, 39.0)])
    layer = gpd.GeoDataFrame({"id": ["a", "b"], "zone_id": ["a", "b"]}, crs=4326, geometry=[
        shapely.GeometryCollection([square, line]), shapely.MultiPolygon([square])])
    problems = check_geometries("zone", layer)
    assert problems == ["zone a: GeometryCollection, expected Polygon or MultiPolygon"]


def test_the_zone_listing_a_place_must_contain_it():
    zones = load_zones()
    assert check_zone_places(zones, [AGHDAM_TOWN, LACHIN_TOWN]) == []
    far = P("aghdam", 39.75, 47.3, "AZ-AGM")  # listed by Aghdam's zone, but not in it
    [problem] = check_zone_places(zones, [far])
    assert "does not contain its point" in problem


def test_invalid_geometry_is_reported(layers):
    districts, corridor, towns, backdrop = layers
    bowtie = shapely.Polygon([(46, 39), (47, 40), (47, 39), (46, 40), (46, 39)])
    districts.loc[districts["id"] == "AZ-TAR", "geometry"] = bowtie
    report = validate(districts, corridor, towns, backdrop, [])
    assert any("district AZ-TAR: invalid geometry" in p for p in report.problems)


def test_overlapping_districts_are_reported(layers):
    districts = layers[0]
    moved = translate(districts.set_index("id").geometry["AZ-AGM"], xoff=-0.05)
    districts.loc[districts["id"] == "AZ-AGM", "geometry"] = moved
    problems, figures = check_districts(districts)
    assert any("overlap" in p and "AZ-AGM" in p for p in problems)
    assert figures["max_overlap_km2"] > 1


def test_wrong_stated_area_and_missing_district(layers):
    districts = layers[0]
    districts.loc[districts["id"] == "AZ-FUZ", "area_km2"] = 99.0
    districts = districts[districts["id"] != "AZ-ZAN"]
    problems, _ = check_districts(districts)
    assert any("AZ-FUZ: stated area 99.0" in p for p in problems)
    assert any("missing ['AZ-ZAN']" in p for p in problems)


def test_place_far_from_its_district(layers):
    baku_in_aghdam = P("baku", 40.4093, 49.8671, "AZ-AGM")
    problems, _ = check_places([baku_in_aghdam, P("x", 40, 47, "AZ-NOPE")], layers[0])
    assert any(p.startswith("place baku:") for p in problems)
    assert any("unknown district AZ-NOPE" in p for p in problems)


def test_corridor_too_wide_is_reported(layers):
    districts, corridor, towns, _ = layers
    wide = corridor.copy()
    wide["geometry"] = gpd.GeoSeries(corridor.geometry, crs=corridor.crs).to_crs(32638).buffer(
        1500).to_crs(4326)
    problems, figures = check_corridor(wide, districts, towns)
    assert any("median width" in p for p in problems)
    assert figures["corridor_width_km"]["median"] > 7


def test_corridor_over_shusha_and_outside_azerbaijan(layers):
    districts, corridor, towns, _ = layers
    town = towns.geometry.iloc[0]
    spread = corridor.iloc[[0]].copy()
    # Cover the town, and push a piece across the border into Armenia (west of Lachin).
    armenia_piece = shapely.box(46.30, 39.50, 46.38, 39.55)
    spread["geometry"] = [shapely.union_all([corridor.geometry.iloc[0], town, armenia_piece])]
    problems, _ = check_corridor(spread, districts, towns)
    assert any("corridor 2020: covers" in p and "Shusha town" in p for p in problems)
    assert any("outside Azerbaijan" in p for p in problems)


def test_a_relabelled_polygon_fails_validation(layers):
    districts = layers[0]
    # Swap two districts' polygons: names no longer match their places.
    ids = districts.set_index("id")
    districts.loc[districts["id"] == "AZ-ZAN", "geometry"] = ids.geometry["AZ-TAR"]
    districts.loc[districts["id"] == "AZ-TAR", "geometry"] = ids.geometry["AZ-ZAN"]
    problems, _ = check_districts(districts)
    assert any(p.startswith("AZ-ZAN: centroid") for p in problems)
    assert any(p.startswith("AZ-TAR: centroid") for p in problems)
