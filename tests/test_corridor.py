"""The corridor derivation on synthetic shapes (explicit CRS), and its width measure."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geodata.corridor import (
    CORRIDOR_ID,
    build_corridor,
    corridor_on,
    load_corridor,
    measure_width,
    route_line,
)
from geodata.corridor_spec import VERSIONS
from geodata.paths import METRIC_CRS, WGS84
from geodata.validate import check_intervals

# A synthetic "Azerbaijan" whose western edge cuts the route at 46.5 E, and a small
# synthetic "town" sitting on the route.
AZ = box(46.5, 39.4, 47.2, 40.0)
TOWN = shapely.Point(46.70, 39.765).buffer(0.01)


@pytest.fixture(scope="module")
def corridor() -> gpd.GeoDataFrame:
    return build_corridor(AZ, TOWN)


def test_corridor_has_two_dated_versions(corridor):
    assert corridor.crs.to_epsg() == 4326
    assert corridor["id"].tolist() == [CORRIDOR_ID, CORRIDOR_ID]
    assert corridor["version"].tolist() == ["2020", "2022"]
    for geom in corridor.geometry:
        assert geom.is_valid and not geom.is_empty
    assert corridor["valid_from"].tolist() == ["2020-11-10", "2022-08-30"]
    assert corridor["valid_to"].tolist() == ["2022-08-30", "2023-10-01"]
    assert corridor["approximate"].all()
    assert check_intervals(corridor) == []


def test_corridor_on_picks_the_version_of_the_day(corridor):
    assert corridor_on(corridor, "2020-11-09").empty
    assert corridor_on(corridor, "2020-11-10")["version"].tolist() == ["2020"]
    assert corridor_on(corridor, "2022-08-29")["version"].tolist() == ["2020"]
    assert corridor_on(corridor, "2022-08-30")["version"].tolist() == ["2022"]
    assert corridor_on(corridor, "2023-09-30")["version"].tolist() == ["2022"]
    assert corridor_on(corridor, "2024-01-01").empty


def test_overlapping_versions_are_reported(corridor):
    bad = corridor.copy()
    bad.loc[1, "valid_from"] = "2022-01-01"
    assert any("overlaps" in p for p in check_intervals(bad))


def test_shipped_2022_route_bypasses_lachin_town_and_2020_route_passes_it():
    # Lachin town (gazetteer point) in the 2020 band, outside the 2022 band.
    shipped = load_corridor().set_index("version").geometry
    lachin = shapely.Point(46.54977, 39.63742)
    zabukh = shapely.Point(46.5433, 39.5897)
    assert shipped["2020"].contains(lachin) and shipped["2020"].contains(zabukh)
    assert not shipped["2022"].contains(lachin) and not shipped["2022"].contains(zabukh)
    assert [v.version for v in VERSIONS] == ["2020", "2022"]


def test_the_2020_route_runs_through_sus_between_lachin_town_and_zabukh():
    labels = [w.label for w in VERSIONS[0].waypoints]
    i = labels.index("Sus")
    assert labels[i - 1].startswith("Lachin town") and labels[i + 1].startswith("Zabukh")
    shipped = gpd.GeoSeries(load_corridor().set_index("version").geometry["2020"], crs=WGS84)
    sus = gpd.GeoSeries([shapely.Point(46.51278, 39.62694)], crs=WGS84).to_crs(METRIC_CRS)
    band = shipped.to_crs(METRIC_CRS).iloc[0]
    assert band.contains(sus.iloc[0]) and band.boundary.distance(sus.iloc[0]) > 2000


@pytest.mark.parametrize("row", [0, 1])
def test_corridor_is_clipped_to_the_country(corridor, row):
    # Straight edges of the lon/lat box curve slightly in UTM: allow a sliver of 0.05 km².
    geom, az = gpd.GeoSeries([corridor.geometry.iloc[row], AZ], crs=WGS84).to_crs(METRIC_CRS)
    assert geom.difference(az).area / 1e6 < 0.05
    assert geom.area / 1e6 > 100
    assert corridor.geometry.iloc[row].bounds[0] == pytest.approx(46.5, abs=0.001)


@pytest.mark.parametrize("row", [0, 1])
def test_corridor_leaves_the_town_out(corridor, row):
    geom = corridor.geometry.iloc[row]
    assert geom.intersection(TOWN).area < 1e-10
    # The town sits on the route: without the cut the band would cover it.
    assert route_line(corridor["version"].iloc[row]).intersects(TOWN)


@pytest.mark.parametrize("row", [0, 1])
def test_width_is_five_km_away_from_the_town(corridor, row):
    version = corridor["version"].iloc[row]
    stats = measure_width(corridor.geometry.iloc[row], keep_clear_of=TOWN, route=version)
    assert stats.samples > 10
    assert stats.median_km == pytest.approx(5.0, rel=0.02)


def test_width_measure_sees_a_narrower_band():
    line_m = gpd.GeoSeries([route_line()], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
    narrow = gpd.GeoSeries([line_m.buffer(1000, cap_style="flat")], crs=METRIC_CRS)
    stats = measure_width(narrow.to_crs(WGS84).iloc[0])
    assert stats.median_km == pytest.approx(2.0, rel=0.02)
