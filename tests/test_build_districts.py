"""District build checks on tiny synthetic admin-1 frames (explicit CRS)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from geodata.build_districts import BuildError, build_backdrop, build_districts, check_district
from geodata.district_spec import DISTRICTS, SHUSHA_TOWN_CODE, SHUSHA_TOWN_NAME


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
