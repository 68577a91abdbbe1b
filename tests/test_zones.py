"""The shipped control zones: reported facts, the zone table and the event selection rule."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geodata.build_zones import DEFAULT_SOURCE, main
from geodata.paths import ZONES_FILE
from geodata.validate import validate_shipped
from geodata.zones import (
    ZoneInfo,
    corridor_version_on,
    district_shares,
    load_zones,
    zone_table,
    zones_for,
)
from geodata.zones_spec import FLAGS

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / \
    "districts_reference.geojson"

# (lat, lon): gazetteer points, and Wikipedia's for villages the gazetteer lacks.
POINTS = {
    "shusha": (39.76006, 46.74989), "talish": (40.38139, 46.74083),
    "madagiz": (40.33139, 46.72944), "hadrut": (39.5167, 47.03),
    "khankendi": (39.8177, 46.7528), "khojaly": (39.91361, 46.79213),
    "lachin": (39.63742, 46.54977), "hin_tagher": (39.5075, 46.82361),
    "martakert": (40.2153, 46.8128), "aghdam": (39.99096, 46.92736),
}


@pytest.fixture(scope="module")
def zones() -> gpd.GeoDataFrame:
    return load_zones()


@pytest.fixture(scope="module")
def table() -> tuple[ZoneInfo, ...]:
    return zone_table()


def _zone_at(zones: gpd.GeoDataFrame, name: str) -> gpd.GeoSeries:
    lat, lon = POINTS[name]
    hits = zones[zones.geometry.contains(shapely.Point(lon, lat))]
    assert len(hits) == 1, f"{name}: in {hits['zone_id'].tolist()}"
    return hits.iloc[0]


def test_shipped_zones_validate():
    report = validate_shipped()
    assert report.problems == []
    assert report.figures["zones_max_gap_km2"] < 0.1


def test_prewar_shares_match_reports(table):
    held = {d: pct for d, (_, pct) in district_shares(table, "held_1994").items()}
    assert 70 <= held["AZ-AGM"] <= 80  # reported about 77 %
    assert 25 <= held["AZ-FUZ"] <= 45  # reported about a third
    for district in ("AZ-CAB", "AZ-ZAN", "AZ-QBI", "AZ-LAC", "AZ-KAL"):
        assert held[district] >= 95, district
    # Our Tartar polygon is mostly the former Mardakert district (NKAO), held before the war;
    # the part outside the NKAO was mostly Azerbaijani.
    tar = [z for z in table if z.district_id == "AZ-TAR"]
    outside_nkao = sum(z.area_km2 for z in tar if "nkao_1991" not in z.flags)
    held_outside = sum(z.area_km2 for z in tar
                       if "held_1994" in z.flags and "nkao_1991" not in z.flags)
    assert held_outside / outside_nkao < 0.4


def test_postwar_area_is_about_three_thousand_km2(table):
    total = sum(z.area_km2 for z in table if "postwar_area" in z.flags)
    assert 2500 <= total <= 4000
    khojavend = district_shares(table, "postwar_area")["AZ-XVD"][1]
    assert khojavend < 50  # "well under half" after the war


@pytest.mark.parametrize("name", ["shusha", "talish", "madagiz", "hadrut", "hin_tagher"])
def test_places_taken_in_the_war_are_outside_the_postwar_area(zones, name):
    assert not _zone_at(zones, name)["postwar_area"]


@pytest.mark.parametrize("name", ["khankendi", "khojaly", "martakert"])
def test_places_kept_after_the_war_are_inside(zones, name):
    assert _zone_at(zones, name)["postwar_area"]


def test_pocket_and_lachin_town(zones, table):
    assert _zone_at(zones, "hin_tagher")["pocket_2020"]
    lachin = [z for z in table if "lachin" in z.places]
    assert len(lachin) == 1 and "corridor_2020" in lachin[0].flags
    assert "corridor_2022" not in lachin[0].flags
    assert not _zone_at(zones, "aghdam")["postwar_area"] and _zone_at(zones, "aghdam")["held_1994"]


def test_every_zone_has_its_properties(zones):
    for column in ("zone_id", "district_id", "district", "area_km2", *FLAGS, "places",
                   "approximate", "derivation"):
        assert column in zones.columns
    assert zones["zone_id"].is_unique
    assert (zones["zone_id"].str.split("/").str[0] == zones["district_id"]).all()
    shusha = zones[zones["zone_id"] == "AZ-SUS/held_1994+nkao_1991"].iloc[0]
    assert "shusha-town carve-out" in shusha["derivation"]


# Towns checked by point in polygon with two sets of coordinates: the gazetteer's and another
# commonly published one (Wikipedia's infobox in English or another language; Hadrut's to the
# minute, de.wikipedia; Martakert's from it.wikipedia via Tripomatic; Sugovushan's from
# ru.wikipedia). Talish has no second coordinate: every wiki gives the gazetteer's.
TOWNS: dict[str, tuple[str, tuple[tuple[float, float], ...]]] = {
    "khankendi": ("AZ-XA", ((39.8177, 46.7528), (39.81528, 46.75194))),
    "shusha": ("AZ-SUS", ((39.76006, 46.74989), (39.7583, 46.7483))),
    "khojaly": ("AZ-XCI", ((39.91361, 46.79213), (39.91111, 46.78917))),
    "aghdam": ("AZ-AGM", ((39.99096, 46.92736), (39.99306, 46.93056))),
    "fuzuli": ("AZ-FUZ", ((39.60094, 47.14529), (39.60028, 47.14306))),
    "zangilan": ("AZ-ZAN", ((39.08371, 46.65988), (39.06556, 46.69694))),
    "qubadli": ("AZ-QBI", ((39.34441, 46.58183), (39.34389, 46.57972))),
    "kalbajar": ("AZ-KAL", ((40.10984, 46.04446), (40.10667, 46.03833))),
    "hadrut": ("AZ-XVD", ((39.5167, 47.03), (39.51667, 47.03333))),
    "martakert": ("AZ-TAR", ((40.2153, 46.8128), (40.21202, 46.82428))),
    "tartar": ("AZ-TAR", ((40.34201, 46.93161), (40.345, 46.92889))),
    "talish": ("AZ-TAR", ((40.38139, 46.74083),)),
    "sugovushan": ("AZ-TAR", ((40.33139, 46.72944), (40.3275, 46.75222))),
    "jabrayil": ("AZ-CAB", ((39.39917, 47.02835), (39.4, 47.02611))),
    "lachin": ("AZ-LAC", ((39.63742, 46.54977), (39.64083, 46.54694))),
}


@pytest.mark.parametrize("place", sorted(TOWNS))
def test_towns_lie_in_the_zone_of_their_district_that_lists_them(zones, place):
    district, points = TOWNS[place]
    [listing] = zones[zones["places"].map(lambda ids: place in ids)]["zone_id"]
    for lat, lon in points:
        hits = zones[zones.geometry.contains(shapely.Point(lon, lat))]
        assert hits["zone_id"].tolist() == [listing], (place, lat, lon)
        assert hits["district_id"].iloc[0] == district


def test_zones_are_polygons(zones):
    assert set(zones.geom_type) <= {"Polygon", "MultiPolygon"}


def test_compound_parts(table):
    old_road = zones_for(table, "AZ-SUS", part="corridor_2020+!corridor_2022+!postwar_area")
    assert old_road and all("corridor_2020" in z.flags and not {"corridor_2022", "postwar_area"}
                            & z.flags for z in old_road)
    assert sum(z.area_km2 for z in old_road) < 5
    same = zones_for(table, "AZ-XVD", part="outside_postwar+!pocket_2020")
    assert same == [z for z in zones_for(table, "AZ-XVD", part="outside_postwar")
                    if "pocket_2020" not in z.flags]
    assert zones_for(table, "AZ-XVD", part="!postwar_area") == \
        zones_for(table, "AZ-XVD", part="outside_postwar")
    for bad in ("held_1994+west_bank", "held_1994+!held_1994", "!nowhere"):
        with pytest.raises(ValueError):
            zones_for(table, "AZ-AGM", part=bad)


def test_zones_for_follows_the_selection_rule(table):
    agm = zones_for(table, "AZ-AGM")
    assert {z.district_id for z in agm} == {"AZ-AGM"} and len(agm) > 1
    assert all("held_1994" in z.flags for z in zones_for(table, "AZ-AGM", part="held_1994"))
    outside = zones_for(table, "AZ-TAR", part="outside_postwar")
    assert outside and all("postwar_area" not in z.flags for z in outside)
    assert [z.zone_id for z in zones_for(table, "AZ-SUS", place_id="shusha")] == \
        ["AZ-SUS/held_1994+nkao_1991"]
    # An unknown place falls back to the whole district.
    assert len(zones_for(table, "AZ-SUS", place_id="nowhere")) == \
        len(zones_for(table, "AZ-SUS"))
    c2020 = zones_for(table, "lachin-corridor", on="2021-06-01")
    c2022 = zones_for(table, "lachin-corridor", on="2023-01-01")
    assert all("corridor_2020" in z.flags for z in c2020)
    assert all("corridor_2022" in z.flags for z in c2022)
    assert zones_for(table, "lachin-corridor", on="2019-01-01") == []
    with pytest.raises(ValueError):
        zones_for(table, "AZ-AGM", part="west_bank")


def test_corridor_version_on():
    assert corridor_version_on("2020-11-09") is None
    assert corridor_version_on("2020-11-10") == "2020"
    assert corridor_version_on("2022-08-30") == "2022"
    assert corridor_version_on("2023-10-01") is None


def test_zone_table_is_plain_data(table):
    record = table[0].as_dict()
    assert set(record) == {"zone_id", "district_id", "district", "area_km2", "flags",
                           "places", "approximate"}
    assert isinstance(record["flags"], list)


def test_shipped_file_is_what_the_build_writes(tmp_path):
    if not DEFAULT_SOURCE.is_dir():
        pytest.skip(f"Natural Earth source not found at {DEFAULT_SOURCE}")
    out = tmp_path / "zones.geojson"
    assert main(["--out", str(out)]) == 0
    assert out.read_bytes() == ZONES_FILE.read_bytes(), \
        "zones.geojson is stale: run python -m geodata.build_zones"


def test_prewar_area_against_the_reference_districts(zones):
    # Validation only: the independent districts give similar Aghdam and Fuzuli shares.
    if not REFERENCE.is_file():
        pytest.skip(f"reference outlines not found at {REFERENCE}")
    ref = gpd.read_file(REFERENCE).to_crs(32638).set_index("name").geometry
    held = zones[zones["held_1994"]].to_crs(32638).union_all()
    agm = ref["Aghdam"].intersection(held).area / ref["Aghdam"].area
    fuz = ref["Fuzuli"].intersection(held).area / ref["Fuzuli"].area
    assert 0.6 <= agm <= 0.9 and 0.2 <= fuz <= 0.5
