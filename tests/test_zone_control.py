"""The per-zone control rules (store/control.py) on a small synthetic zone table."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map.model import EventType, Stance
from karabakh_map.store import (
    CorridorVersion,
    Zone,
    ZoneTable,
    control_at,
    control_index,
    write_article,
)
from tests.conftest import article, ev

AZ, ARM, RUS = {"controller": "Azerbaijan"}, {"controller": "Armenian forces"}, {
    "controller": "Russian peacekeepers"}
TABLE = ZoneTable((
    Zone("D/held", "D", 600.0, frozenset({"held_1994"}), ("town",)),
    Zone("D/held+postwar", "D", 300.0, frozenset({"held_1994", "postwar_area"})),
    Zone("D/held+pocket", "D", 20.0, frozenset({"held_1994", "pocket_2020"})),
    Zone("D/outside", "D", 80.0),
    Zone("D/road20", "D", 10.0, frozenset({"held_1994", "corridor_2020"})),
    Zone("D/road22", "D", 5.0, frozenset({"held_1994", "corridor_2022"})),
), (CorridorVersion("corridor_2020", date(2020, 11, 10), date(2022, 8, 30)),
    CorridorVersion("corridor_2022", date(2022, 8, 30), None)))


def at(engine, zone: str, day: str):
    return control_index(engine, TABLE).at(zone, date.fromisoformat(day))


def write(engine, *events, published=date(2024, 1, 1)):
    write_article(engine, article(" ".join(map(str, events)), published=published), events)


def test_the_selection_rules_and_broad_to_narrow_on_one_day(engine):
    write(engine, ev(EventType.TRANSFER, "1991-08-30", "D", **AZ),
          ev(EventType.CAPTURE, "1993-04-02", "D", part="held_1994", **ARM),
          # one day: the district's part outside the post-war area, the pocket (smaller,
          # same kind: after it) and the corridor (narrowest)
          ev(EventType.TRANSFER, "2020-11-10", "lachin-corridor", **RUS),
          ev(EventType.TRANSFER, "2020-11-10", "D", part="pocket_2020", **ARM),
          ev(EventType.TRANSFER, "2020-11-10", "D", part="outside_postwar", **AZ))
    day = "2020-11-10"
    assert at(engine, "D/outside", "1992-01-01").controller == "Azerbaijan"
    assert at(engine, "D/outside", "2000-01-01").controller == "Azerbaijan"  # never held
    assert at(engine, "D/held", "2000-01-01").controller == "Armenian forces"
    assert at(engine, "D/held", day).controller == "Azerbaijan"
    assert at(engine, "D/held+postwar", day).controller == "Armenian forces"
    assert at(engine, "D/held+pocket", day).controller == "Armenian forces"
    assert at(engine, "D/road20", day).controller == "Russian peacekeepers"
    assert at(engine, "D/road22", day).controller == "Azerbaijan"  # not the 2020 route
    assert at(engine, "D/held", "1991-01-01").controller == "unknown"  # before the record
    assert at(engine, "D/held", "2035-01-01").controller == "Azerbaijan"  # carried forward


def test_a_town_event_and_the_corridor_of_the_day(engine):
    write(engine, ev(EventType.TRANSFER, "2020-11-10", "D", **ARM),
          ev(EventType.CAPTURE, "2020-11-12", "D", place_id="town", **AZ),
          ev(EventType.TRANSFER, "2022-08-30", "lachin-corridor", **RUS))
    assert at(engine, "D/held", "2020-11-12").controller == "Azerbaijan"
    assert at(engine, "D/outside", "2020-11-12").controller == "Armenian forces"
    assert at(engine, "D/road22", "2022-08-30").controller == "Russian peacekeepers"
    assert at(engine, "D/road20", "2022-08-30").controller == "Armenian forces"


def test_a_denied_claim_is_disputed_until_a_later_control_event(engine):
    write(engine, ev(EventType.TRANSFER, "1991-09-02", "D", **ARM))
    write(engine, ev(EventType.CAPTURE, "2020-11-08", "D", place_id="town",
                     stance=Stance.CLAIMS, **AZ))
    write(engine, ev(EventType.CAPTURE, "2020-11-08", "D", place_id="town",
                     stance=Stance.DENIES, **AZ))
    claim = at(engine, "D/held", "2020-11-08")
    assert claim.controller == "Azerbaijan" and claim.denied
    assert len(claim.event_ids) == 1  # the claim and its denial are one event
    assert at(engine, "D/held", "2020-11-30").denied  # nothing since: still disputed
    write(engine, ev(EventType.TRANSFER, "2020-12-01", "D", part="held_1994", **AZ))
    later = at(engine, "D/held", "2020-12-01")
    assert later.controller == "Azerbaijan" and not later.denied
    assert later.since == date(2020, 11, 8)  # the run began with the claim


def test_a_range_dated_change_shows_the_previous_controller_as_uncertain(engine):
    write(engine, ev(EventType.TRANSFER, "1991-09-02", "D", **ARM),
          ev(EventType.CAPTURE, "2020-10-09/2020-11-10", "D", place_id="town", **AZ))
    assert not at(engine, "D/held", "2020-10-08").uncertain
    during = at(engine, "D/held", "2020-10-20")
    assert during.controller == "Armenian forces" and during.uncertain
    assert (during.uncertain_from, during.uncertain_to) == (date(2020, 10, 9),
                                                            date(2020, 11, 10))
    assert during.uncertain_text() == "2020-10-09/2020-11-10"
    done = at(engine, "D/held", "2020-11-10")
    assert done.controller == "Azerbaijan" and not done.uncertain
    assert done.since_text() == "2020-10-09/2020-11-10"
    assert not at(engine, "D/outside", "2020-10-20").uncertain  # not selected


def test_a_district_deadline_applies_to_zones_not_held_by_its_side_until_done(engine):
    write(engine, ev(EventType.TRANSFER, "1991-08-30", "D", part="outside_postwar", **AZ),
          ev(EventType.TRANSFER, "1993-01-01", "D", part="held_1994", **ARM),
          ev(EventType.SCHEDULED, "2020-11-25", "D", announced=date(2020, 11, 10), **AZ))
    assert at(engine, "D/held", "2020-11-10").scheduled == date(2020, 11, 25)
    assert at(engine, "D/held+postwar", "2020-11-10").scheduled == date(2020, 11, 25)
    assert at(engine, "D/held", "2020-11-09").scheduled is None  # not yet known
    write(engine, ev(EventType.TRANSFER, "2020-11-25", "D", part="outside_postwar", **AZ),
          published=date(2020, 11, 25))
    assert at(engine, "D/held", "2020-11-25").scheduled is None
    # the handover took place: the part left out of it has no overdue deadline
    assert at(engine, "D/held+postwar", "2020-12-31").scheduled is None


def test_district_shares_and_rows(engine):
    write(engine, ev(EventType.TRANSFER, "1991-08-30", "D", **AZ),
          ev(EventType.CAPTURE, "1993-04-02", "D", part="held_1994", **ARM))
    [d] = control_at(engine, date(2000, 1, 1), [("D", "District")], TABLE)
    assert d.controller == "Armenian forces" and d.area_km2 == 1015.0
    assert {s.controller: (s.km2, s.pct) for s in d.shares} == {
        "Armenian forces": (935.0, 92.1), "Azerbaijan": (80.0, 7.9)}
    assert d.share_of("Azerbaijan").since == date(1991, 8, 30)
    assert d.since == date(1993, 4, 2)  # the split of today since the capture
    json_row = d.to_json()
    assert json_row["shares"][0]["zone_ids"] == ["D/held", "D/held+postwar", "D/held+pocket",
                                                 "D/road20", "D/road22"]
    # A share that grew dates from when it reached its extent, not from its oldest zone.
    write(engine, ev(EventType.TRANSFER, "2020-11-20", "D", part="held_1994", **AZ))
    [d] = control_at(engine, date(2021, 1, 1), [("D", "District")], TABLE)
    assert [(s.controller, s.pct, s.since) for s in d.shares] == [
        ("Azerbaijan", 100.0, date(2020, 11, 20))]


def test_compound_parts_require_and_exclude_flags(engine):
    def ids(part: str) -> list[str]:
        return [z.zone_id for z in TABLE.select("D", part, None, None)[1]]

    assert ids("held_1994+!corridor_2020+!corridor_2022+!pocket_2020") == [
        "D/held", "D/held+postwar"]
    assert ids("outside_postwar+!pocket_2020") == [
        "D/held", "D/outside", "D/road20", "D/road22"]
    assert ids("corridor_2020+!postwar_area") == ["D/road20"]
    assert ids("corridor_2020+corridor_2022") == [z.zone_id for z in TABLE.zones]  # none: all
    write(engine, ev(EventType.TRANSFER, "2020-11-10", "D", **ARM),
          ev(EventType.TRANSFER, "2022-08-30", "D", part="held_1994+!postwar_area", **AZ))
    assert at(engine, "D/held", "2022-08-30").controller == "Azerbaijan"
    assert at(engine, "D/held+postwar", "2022-08-30").controller == "Armenian forces"
    assert at(engine, "D/outside", "2022-08-30").controller == "Armenian forces"


def test_the_store_selects_zones_as_geodata_does():
    """The store's copy of the ZONES.md rule agrees with geodata.zones.zones_for on the
    shipped record."""
    from geodata import zones as gz
    from karabakh_map.areas import zone_table
    from karabakh_map.demo import read_catalogue
    from karabakh_map.store.merge import parse_date

    table, info = zone_table(), gz.zone_table()
    for item in read_catalogue()["events"]:
        if not item.get("district_id"):
            continue
        day = parse_date(item["reports"][0]["date"]).earliest
        _, mine = table.select(item["district_id"], item.get("part"), item.get("place_id"), day)
        theirs = gz.zones_for(info, item["district_id"], item.get("part"),
                              item.get("place_id"), day.isoformat() if day else None)
        assert [z.zone_id for z in mine] == [z.zone_id for z in theirs], item["note"]


@pytest.mark.parametrize("day", ["2020-11-10", "2022-08-29", "2022-08-30", "2023-09-30"])
def test_corridor_versions(day):
    from karabakh_map.areas import zone_table

    flags = {v.flag for v in zone_table().corridor if v.valid_on(date.fromisoformat(day))}
    assert flags == ({"corridor_2020"} if day < "2022-08-30" else {"corridor_2022"})
