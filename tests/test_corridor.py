"""The corridor derivation on synthetic shapes (explicit CRS), and its width measure."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geodata.corridor import CORRIDOR_ID, build_corridor, measure_width, route_line
from geodata.paths import METRIC_CRS, WGS84

# A synthetic "Azerbaijan" whose western edge cuts the route at 46.5 E, and a small
# synthetic "town" sitting on the route.
AZ = box(46.5, 39.4, 47.2, 40.0)
TOWN = shapely.Point(46.70, 39.765).buffer(0.01)


@pytest.fixture(scope="module")
def corridor() -> gpd.GeoDataFrame:
    return build_corridor(AZ, TOWN)


def test_corridor_is_one_valid_polygon_with_dates(corridor):
    assert corridor.crs.to_epsg() == 4326
    assert corridor["id"].tolist() == [CORRIDOR_ID]
    geom = corridor.geometry.iloc[0]
    assert geom.is_valid and not geom.is_empty
    assert corridor["valid_from"].iloc[0] == "2020-11-10"
    assert bool(corridor["approximate"].iloc[0]) is True


def test_corridor_is_clipped_to_the_country(corridor):
    # Straight edges of the lon/lat box curve slightly in UTM: allow a sliver of 0.05 km².
    geom, az = gpd.GeoSeries([corridor.geometry.iloc[0], AZ], crs=WGS84).to_crs(METRIC_CRS)
    assert geom.difference(az).area / 1e6 < 0.05
    assert geom.area / 1e6 > 100
    assert corridor.geometry.iloc[0].bounds[0] == pytest.approx(46.5, abs=0.001)


def test_corridor_leaves_the_town_out(corridor):
    geom = corridor.geometry.iloc[0]
    assert geom.intersection(TOWN).area < 1e-10
    # The town sits on the route: without the cut the band would cover it.
    assert route_line().intersects(TOWN)


def test_width_is_five_km_away_from_the_town(corridor):
    stats = measure_width(corridor.geometry.iloc[0], keep_clear_of=TOWN)
    assert stats.samples > 10
    assert stats.median_km == pytest.approx(5.0, rel=0.02)


def test_width_measure_sees_a_narrower_band():
    line_m = gpd.GeoSeries([route_line()], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
    narrow = gpd.GeoSeries([line_m.buffer(1000, cap_style="flat")], crs=METRIC_CRS)
    stats = measure_width(narrow.to_crs(WGS84).iloc[0])
    assert stats.median_km == pytest.approx(2.0, rel=0.02)
