"""Control timelines and key dates, on a tiny synthetic store."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map import timeline as tl
from karabakh_map.model import EventType
from karabakh_map.store import ZoneTable, write_article
from tests.conftest import article, ev, fake_resolver

DISTRICTS = [("AZ-AGM", "Aghdam"), ("AZ-KAL", "Kalbajar"), ("AZ-TAR", "Tartar")]
TABLE = ZoneTable.districts([d for d, _ in DISTRICTS], {"AZ-AGM": 1067.5})


def timelines(engine):
    """(zone timeline, district timeline) with each district one zone."""
    zones = tl.zone_timeline(engine, TABLE)
    return zones, tl.district_timeline(zones, TABLE, DISTRICTS)
AZ = {"controller": "Azerbaijan"}
ARM = {"controller": "Armenian forces"}


@pytest.fixture
def store(engine):
    write_article(engine, article("a " * 30, published=date(1993, 8, 1)), [
        ev(EventType.CAPTURE, "1993-07-23", "AZ-AGM", place_id="aghdam", **ARM),
        ev(EventType.CAPTURE, "1993-04-03", "AZ-KAL", place_id="kalbajar", **ARM),
    ], resolve_place=fake_resolver)
    write_article(engine, article("b " * 30, published=date(2020, 11, 10)), [
        ev(EventType.AGREEMENT, "2020-11-10", None, actor1="Armenia"),
        ev(EventType.SCHEDULED, "2020-11-20", "AZ-AGM", place_id="aghdam",
           announced=date(2020, 11, 10), **AZ),
    ], resolve_place=fake_resolver)
    write_article(engine, article("c " * 30, published=date(2020, 11, 21)), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", place_id="aghdam", **AZ),
    ], resolve_place=fake_resolver)
    return engine


def test_segments_follow_the_events(store):
    zones, timeline = timelines(store)
    agm = [(s.start, s.controller, s.scheduled) for s in timeline["AZ-AGM"]]
    assert (date(1993, 7, 23), "Armenian forces", None) in agm
    assert (date(2020, 11, 10), "Armenian forces", date(2020, 11, 20)) in agm
    assert agm[-1] == (date(2020, 11, 20), "Azerbaijan", None)
    assert zones["AZ-TAR"] == []  # no events: no segments of its own
    assert all(s.controller == "unknown" for s in timeline["AZ-TAR"])
    assert [s.controller for s in zones["AZ-AGM"]] == [
        s.controller for s in timeline["AZ-AGM"] if s.controller != "unknown"]


def test_state_and_controller_on_a_date(store):
    _, timeline = timelines(store)
    def controller(day: date) -> str | None:
        seg = tl.state_on(timeline, day)["AZ-AGM"]
        return seg.controller if seg else None

    assert controller(date(2020, 11, 19)) == "Armenian forces"
    assert controller(date(2020, 11, 20)) == "Azerbaijan"
    assert controller(date(1980, 1, 1)) is None  # before the district's first segment
    state = tl.state_on(timeline, date(2020, 11, 15))
    assert state["AZ-AGM"].scheduled == date(2020, 11, 20)


def test_key_dates_hold_changes_agreements_and_deadlines(store):
    zones, _ = timelines(store)
    keys = tl.key_dates(store, zones)
    assert {date(1993, 7, 23), date(1993, 4, 3), date(2020, 11, 10),
            date(2020, 11, 20)} <= set(keys)
    assert date(2020, 11, 21) not in keys  # a publication date alone is not a key date
    assert keys == sorted(keys)


def test_changes_between_and_history(store):
    zones, timeline = timelines(store)
    changes = tl.changes_between(zones, TABLE, dict(DISTRICTS), date(2020, 11, 19),
                                 date(2020, 11, 25))
    assert [(c.id, c.before, c.after, c.area_km2, c.zone_ids) for c in changes] == [
        ("AZ-AGM", "Armenian forces", "Azerbaijan", 1067.5, ("AZ-AGM",))]
    assert changes[0].gained == {"Azerbaijan": 1067.5, "Armenian forces": -1067.5}
    history = tl.district_history(timeline, "AZ-AGM")
    assert [h.controller for h in history][-2:] == ["Armenian forces", "Azerbaijan"]


def test_date_span_runs_from_1991_to_today(store, engine):
    assert tl.date_span(store, today=date(2024, 5, 1)) == (date(1991, 1, 1), date(2024, 5, 1))
    assert tl.date_span(store, today=date(2019, 1, 1))[1] == date(2020, 11, 20)


def test_since_keeps_the_precision_of_the_first_event(engine):
    write_article(engine, article("d " * 30, published=date(1994, 6, 1)), [
        ev(EventType.CAPTURE, "1993", "AZ-AGM", place_id="aghdam", **ARM),
        ev(EventType.CAPTURE, "2020-09-27/2020-11-10", "AZ-KAL", place_id="kalbajar", **AZ),
    ], resolve_place=fake_resolver)
    state = tl.state_on(timelines(engine)[1], date(2020, 12, 1))
    assert state["AZ-AGM"].since_text() == "1993"
    assert state["AZ-KAL"].since_text() == "2020-09-27/2020-11-10"
