"""District build checks on tiny synthetic admin-1 frames (explicit CRS), the town correction,
and the shipped districts around the corrected towns."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from geodata.build_districts import (
    BuildError,
    build_backdrop,
    build_districts,
    check_district,
    correct_towns,
)
from geodata.district_spec import DISTRICTS, SHUSHA_TOWN_CODE, SHUSHA_TOWN_NAME, TOWN_DISC_M


def square_km(lat: float, lon: float, km2: float):
    """A square of about km2 around (lat, lon), in degrees."""
    side_km = km2**0.5
    dlat = side_km / 111.0 / 2
    dlon = side_km / (111.0 * 0.766) / 2  # cos(40°)
    return box(lon - dlon, lat - dlat, lon + dlon, lat + dlat)


def synthetic_admin1(**overrides) -> gpd.GeoDataFrame:
    """One square per expected district, at its expected centre and mid-range area."""
    rows = []
    for spec in DISTRICTS:
        lat, lon = overrides.get(spec.id, spec.centre)
        geom = square_km(lat, lon, sum(spec.area_km2) / 2)
        if spec.id == "AZ-SUS":
            geom = geom.difference(Point(lon, lat).buffer(0.01))
        rows.append({"iso_3166_2": spec.source_code, "name": spec.source_name,
                     "iso_a2": "AZ", "geometry": geom})
    lat, lon = overrides.get("AZ-SUS", next(d for d in DISTRICTS if d.id == "AZ-SUS").centre)
    rows.append({"iso_3166_2": SHUSHA_TOWN_CODE, "name": SHUSHA_TOWN_NAME, "iso_a2": "AZ",
                 "geometry": Point(lon, lat).buffer(0.01)})
    rows.append({"iso_3166_2": "AM-SU", "name": "Syunik", "iso_a2": "AM",
                 "geometry": square_km(39.4, 46.0, 4000)})
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def test_build_fixes_labels_and_merges_shusha():
    districts, towns = build_districts(synthetic_admin1())
    by_id = districts.set_index("id")
    assert by_id.loc["AZ-LAC", "name"] == "Lachin"
    assert by_id.loc["AZ-LAC", "source_code"] == "AZ-LAN"
    assert not isinstance(by_id.loc["AZ-LAC", "wikidata"], str)
    assert by_id.loc["AZ-XA", "kind"] == "city"
    assert "Khankendi" in by_id.loc["AZ-XA", "alt_names"]
    # Shusha: district and town are one polygon, and the town is kept apart.
    assert by_id.loc["AZ-SUS"].geometry.contains(towns.geometry.iloc[0].centroid)
    assert towns["id"].tolist() == ["shusha-town"]
    assert districts.crs.to_epsg() == 4326


def test_build_fails_when_a_polygon_moves():
    # "Lankaran" relabelled onto a polygon on the Caspian coast must not pass as Lachin.
    with pytest.raises(BuildError, match="AZ-LAC: centroid"):
        build_districts(synthetic_admin1(**{"AZ-LAC": (38.75, 48.85)}))


def test_build_fails_when_a_district_is_missing():
    admin1 = synthetic_admin1()
    admin1 = admin1[admin1["iso_3166_2"] != "AZ-KAL"]
    with pytest.raises(BuildError, match="AZ-KAL"):
        build_districts(admin1)


def test_check_district_flags_area():
    problems = check_district("X", square_km(40.0, 47.0, 100), (40.0, 47.0), (800, 1200))
    assert len(problems) == 1 and "area 10" in problems[0]
    assert check_district("X", square_km(40.0, 47.0, 1000), (40.0, 47.0), (800, 1200)) == []


def test_backdrop_dissolves_countries():
    backdrop = build_backdrop(synthetic_admin1())
    assert sorted(backdrop["id"]) == ["AM", "AZ"]
    assert backdrop.set_index("id").loc["AZ", "name"] == "Azerbaijan"
    assert all(backdrop.geometry.is_valid)


@dataclass(frozen=True)
class Town:
    id: str
    lat: float
    lon: float
    district_id: str | None
    kind: str = "town"
    name: str = "Town"


def _metric(geom):
    return gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(32638).iloc[0]


def test_a_town_outside_its_district_takes_a_disc_from_the_neighbour():
    geoms = {"A": box(46.0, 39.0, 46.2, 39.2), "B": box(46.2, 39.0, 46.4, 39.2)}
    town = Town("t", 39.1, 46.205, "A")  # 0.4 km into B
    fixed, notes = correct_towns(geoms, [town])
    pt = _metric(Point(town.lon, town.lat))
    assert _metric(fixed["A"]).contains(pt.buffer(TOWN_DISC_M - 10))
    assert _metric(fixed["B"]).distance(pt) > TOWN_DISC_M - 10
    moved = _metric(geoms["B"]).area - _metric(fixed["B"]).area
    assert moved == pytest.approx(_metric(fixed["A"]).area - _metric(geoms["A"]).area, rel=1e-3)
    assert 10e6 < moved < 20e6  # about half the disc
    assert "3 km disc around Town" in notes["A"][0] and "taken from B" in notes["A"][0]
    assert "moved to A" in notes["B"][0]


def test_only_towns_near_an_edge_are_corrected():
    geoms = {"A": box(46.0, 39.0, 46.2, 39.2), "B": box(46.2, 39.0, 46.4, 39.2)}
    near = Town("near", 39.1, 46.19, "A")  # 0.9 km inside A: corrected
    far = Town("far", 39.1, 46.1, "A")  # 8.6 km from B: left alone
    monastery = Town("m", 39.1, 46.21, "A", kind="monastery")  # not a settlement
    fixed, notes = correct_towns(geoms, [far, monastery])
    assert fixed["A"].equals(geoms["A"]) and notes == {"A": [], "B": []}
    fixed, _ = correct_towns(geoms, [near])
    assert _metric(fixed["A"]).contains(_metric(Point(near.lon, near.lat)).buffer(2900))
    # the disc stays inside the layer: nothing is added beyond the districts' outer edge
    total = _metric(geoms["A"]).area + _metric(geoms["B"]).area
    assert _metric(fixed["A"]).area + _metric(fixed["B"]).area == pytest.approx(total, rel=1e-6)


def test_overlapping_discs_of_two_districts_fail_the_build():
    geoms = {"A": box(46.0, 39.0, 46.2, 39.2), "B": box(46.2, 39.0, 46.4, 39.2)}
    with pytest.raises(BuildError, match="overlap"):
        correct_towns(geoms, [Town("a", 39.1, 46.199, "A"), Town("b", 39.1, 46.201, "B")])


def test_shipped_districts_hold_their_towns_with_a_margin():
    """Gazetteer points and other common coordinates (Wikipedia's) of the corrected towns."""
    from geodata.districts import load_districts

    shipped = load_districts().set_index("id").geometry
    for did, lat, lon in (("AZ-CAB", 39.39917, 47.02835), ("AZ-CAB", 39.4, 47.02611),
                          ("AZ-LAC", 39.63742, 46.54977), ("AZ-LAC", 39.64083, 46.54694),
                          ("AZ-XA", 39.8177, 46.7528), ("AZ-XA", 39.81528, 46.75194),
                          ("AZ-SUS", 39.76006, 46.74989), ("AZ-SUS", 39.7583, 46.7483)):
        others = [i for i in shipped.index if i != did]
        pt = _metric(Point(lon, lat))
        assert _metric(shipped[did]).contains(pt.buffer(2500)), (did, lat, lon)
        assert all(_metric(shipped[o]).distance(pt) > 2500 for o in others), (did, lat, lon)
