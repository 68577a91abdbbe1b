"""Dated facts on the shipped record and zones, read as a user reads them: towns by point in
polygon on `karabakh-map state --format geojson`, district shares from `--format json`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from typing import Any

import pytest
from click.testing import CliRunner
from shapely.geometry import Point, shape

from karabakh_map.cli import main
from karabakh_map.demo import open_with_demo
from tests.test_zones import TOWNS

ARM, AZ, RUS = "Armenian forces", "Azerbaijan", "Russian peacekeepers"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("record") / "store.sqlite"
    store = open_with_demo(f"sqlite:///{path}", load_demo=True)
    store.engine.dispose()
    return f"sqlite:///{path}"


def cli_json(url: str, day: str, fmt: str) -> Any:
    result = CliRunner().invoke(main, ["state", "--date", day, "--format", fmt, "--db", url])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@cache
def _geojson(url: str, day: str) -> dict[str, Any]:
    return cli_json(url, day, "geojson")


@cache
def _place(place_id: str) -> Point:
    from geodata.gazetteer import load_gazetteer

    p = load_gazetteer().places[place_id]
    return Point(p.lon, p.lat)


def town(url: str, place_id: str, day: str) -> dict[str, Any]:
    """The properties of the zone holding the town's point on `day`."""
    point = _place(place_id)
    [props] = [f["properties"] for f in _geojson(url, day)["features"]
               if shape(f["geometry"]).contains(point)]
    return props


def listed(url: str, place_id: str, day: str) -> dict[str, Any]:
    """The properties of the zone whose `places` list the town (the store's selection)."""
    from karabakh_map.areas import zone_table

    [zone] = [z.zone_id for z in zone_table().zones if place_id in z.places]
    [props] = [f["properties"] for f in _geojson(url, day)["features"] if f["id"] == zone]
    return props


def shares(url: str, day: str) -> dict[str, dict[str, dict[str, float]]]:
    """District id -> controller -> {"km2", "pct"}."""
    return {r["id"]: {s["controller"]: s for s in r["shares"]}
            for r in cli_json(url, day, "json")}


@pytest.mark.parametrize("place, day, controller", [
    ("shusha", "2020-11-07", ARM),
    ("shusha", "2020-11-10", AZ),
    ("jabrayil", "2020-10-03", ARM),
    ("jabrayil", "2020-10-04", AZ),
    ("fuzuli", "2020-10-17", AZ),
    ("lachin", "2021-06-01", RUS),
    ("lachin", "2022-09-01", AZ),
    ("khankendi", "2021-01-01", ARM),
    ("khankendi", "2021-12-31", ARM),
    ("khankendi", "2023-10-15", AZ),
    ("kalbajar", "2020-11-24", ARM),
    ("kalbajar", "2020-11-26", AZ),
    ("kalbajar", "1993-03-01", AZ),
    ("kalbajar", "1993-04-03", ARM),
    ("shusha", "1992-05-09", ARM),
    ("khojaly", "1992-02-26", ARM),
    ("tartar", "2019-01-01", AZ),
    ("aghdam", "2020-11-20", AZ),
])
def test_towns_on_dates(url, place, day, controller):
    assert listed(url, place, day)["controller"] == controller
    assert town(url, place, day)["controller"] == controller


@pytest.mark.parametrize("place", sorted(TOWNS))
def test_towns_by_their_common_coordinates(url, place):
    """Each town's gazetteer point and a second published coordinate fall in the zone of its
    own district that lists it, on dates before, during and after the war."""
    district, points = TOWNS[place]
    for day in ("1995-01-01", "2021-06-01", "2022-09-01"):
        zone = listed(url, place, day)
        for lat, lon in points:
            [props] = [f["properties"] for f in _geojson(url, day)["features"]
                       if shape(f["geometry"]).contains(Point(lon, lat))]
            assert props["district_id"] == district, (place, lat, lon)
            assert props == zone, (place, lat, lon, day)


def test_the_old_corridor_road_leaves_the_postwar_area_alone(url):
    """30 Aug 2022: the 2020 band off the new road passes to Azerbaijan in Lachin district and
    outside the post-war area in Shusha district; the new road goes to the peacekeepers."""
    zones = {f["id"]: f["properties"] for f in _geojson(url, "2022-09-01")["features"]}
    assert zones["AZ-LAC/held_1994+corridor_2020"]["controller"] == AZ
    assert zones["AZ-SUS/held_1994+corridor_2020"]["controller"] == AZ
    assert zones["AZ-LAC/held_1994+corridor_2020+corridor_2022"]["controller"] == RUS
    inside = zones["AZ-SUS/held_1994+nkao_1991+postwar_area+corridor_2020"]
    assert inside["controller"] != AZ
    pocket = _geojson(url, "2020-11-10")["features"]
    [hin_tagher] = [f["properties"] for f in pocket if "pocket" in f["id"]]
    assert hin_tagher["controller"] == ARM


def test_denied_claims_are_disputed_until_a_later_control_event(url):
    hadrut = town(url, "hadrut", "2020-10-10")
    assert hadrut["controller"] == AZ and hadrut["disputed"] is True
    assert town(url, "shusha", "2020-11-08")["disputed"] is True
    assert town(url, "shusha", "2020-11-09")["disputed"] is False  # the confirmation
    assert listed(url, "jabrayil", "2020-10-04")["disputed"] is True
    assert listed(url, "jabrayil", "2020-11-10")["disputed"] is False  # the 10 Nov line


def test_a_range_dated_change_is_uncertain_over_its_range(url):
    lachin = listed(url, "lachin", "2022-08-25")  # Azerbaijani sources 26 Aug, Armenian 25
    assert lachin["controller"] == RUS and lachin["uncertain"] is True
    assert listed(url, "lachin", "2022-08-26")["uncertain"] is False
    pocket = listed(url, "hin-tagher", "2020-12-12")  # taken over 12-13 Dec
    assert pocket["controller"] == ARM and pocket["uncertain"] is True
    assert listed(url, "hin-tagher", "2020-12-13")["controller"] == AZ
    assert listed(url, "hin-tagher", "2020-11-11")["controller"] == ARM  # the pocket


def test_shares_before_the_war(url):
    before = shares(url, "2019-01-01")
    assert 70 <= before["AZ-AGM"][ARM]["pct"] <= 80
    assert 25 <= before["AZ-FUZ"][ARM]["pct"] <= 40  # about a third
    assert before["AZ-KAL"][ARM]["pct"] == 100 and before["AZ-LAC"][ARM]["pct"] == 100
    assert set(before["AZ-XVD"]) == {ARM, AZ}  # the oblast's edge east of the line


def test_tartar_is_never_unknown_after_1991(url):
    for day in ("1991-09-01", "1993-01-01", "2000-01-01", "2020-10-04", "2021-01-01",
                "2023-10-01", "2024-06-01"):
        tartar = shares(url, day)["AZ-TAR"]
        assert "unknown" not in tartar, day
        assert tartar[AZ]["pct"] > 0, day
    assert shares(url, "1993-01-01")["AZ-TAR"][AZ]["pct"] == 100  # before the 1993 capture


def test_shares_after_the_war(url):
    after = shares(url, "2020-11-11")
    assert after["AZ-XVD"][ARM]["pct"] < 35  # well under half
    assert after["AZ-FUZ"][AZ]["pct"] == 100
    new_year = shares(url, "2021-01-01")
    held = sum(s.get(ARM, {}).get("km2", 0) + s.get(RUS, {}).get("km2", 0)
               for did, s in new_year.items() if did != "lachin-corridor")
    assert 2500 <= held <= 4000
    assert new_year["AZ-XVD"][ARM]["pct"] < 35
    assert ARM not in new_year["AZ-FUZ"] and ARM not in new_year["AZ-CAB"]


def test_everything_azerbaijani_in_2024(url):
    for did, sides in shares(url, "2024-01-02").items():
        assert set(sides) == {AZ}, did
    assert {f["properties"]["controller"] for f in _geojson(url, "2024-01-02")["features"]} == {AZ}


def test_the_zones_of_a_district_cover_it_on_every_date(url):
    from karabakh_map.areas import zone_table

    table = zone_table()
    for day in ("1991-01-01", "2020-11-10", "2023-09-25"):
        features = _geojson(url, day)["features"]
        assert sorted(f["id"] for f in features) == sorted(z.zone_id for z in table.zones)
        assert all(f["properties"]["district"] for f in features)


def test_district_history_from_1991(url):
    from karabakh_map import views

    store = open_with_demo(url)
    from geodata.corridor import load_corridor
    from geodata.districts import load_districts

    view = views.build_view_data(store.engine, load_districts(), load_corridor())
    firsts = {did: [(h["from"], h["controller"]) for h in views.history_rows(view, did)]
              for did in ("AZ-SUS", "AZ-KAL", "AZ-LAC")}
    assert firsts["AZ-SUS"][:2] == [(date(1991, 8, 30), AZ), (date(1992, 5, 8), ARM)]
    assert firsts["AZ-KAL"][:2] == [(date(1991, 8, 30), AZ), (date(1993, 4, 2), ARM)]
    assert (date(1992, 5, 18), ARM) in firsts["AZ-LAC"]
    assert view.span[0].year == 1991 and view.span[1] >= date.today()
    # every control change on any zone rests on events with sources
    for zid, segs in view.zone_timeline.items():
        for prev, seg in zip([None, *segs], segs, strict=False):
            if prev is None or prev.controller != seg.controller:
                events = [view.event(i) for i in seg.event_ids]
                assert events and all(e and e["sources"] for e in events), (zid, seg.start)
                for e in events:
                    for src in e["sources"]:
                        assert src["publisher"] and src["title"] and src["published"]
    store.engine.dispose()


def test_validity_intervals_never_overlap_for_one_zone(url):
    from karabakh_map.export.data import zones_over_time

    store = open_with_demo(url)
    frame = zones_over_time(store.engine)
    store.engine.dispose()
    for zid, runs in frame.groupby("zone_id"):
        runs = runs.sort_values("valid_from")
        starts, ends = list(runs["valid_from"]), list(runs["valid_to"])
        for (s0, e0), s1 in zip(zip(starts, ends, strict=True), starts[1:], strict=False):
            assert e0 == s1 and s0 < e0, zid
        assert ends[-1] != ends[-1] or ends[-1] is None  # NaT: the last run is open
    later = shares(url, (date.today() + timedelta(days=30)).isoformat())
    assert all(set(s) == {AZ} for s in later.values())  # the last state carries forward
