from datetime import date

from karabakh_map.model import EventType
from karabakh_map.store import query_events, write_article
from tests.conftest import BOTH, article, ev, fake_resolver

STORE_BACKENDS = BOTH  # every test using a store runs on SQLite and PostgreSQL


def _ids(rows):
    return [r.note for r in rows]


def _fill(engine):
    write_article(engine, article("q " * 40), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", place_id="aghdam", controller="Azerbaijan",
           note="aghdam"),
        ev(EventType.CAPTURE, "2020-09-27/2020-11-10", "AZ-FUZ", place_id="fuzuli",
           controller="Azerbaijan", note="fuzuli"),
        ev(EventType.DESTRUCTION, "1992-05-18/2020-12-01", "AZ-LAC", actor1="x", note="long"),
        ev(EventType.CAPTURE, "1993", "AZ-AGM", place_id="aghdam", controller="Armenian forces",
           note="1993"),
        ev(EventType.POLITICAL, None, None, place_id="yerevan", note="undated"),
    ], resolve_place=fake_resolver)


def test_window_returns_overlapping_events_including_long_spans(engine):
    _fill(engine)
    assert _ids(query_events(engine, start=date(2020, 11, 20), end=date(2020, 11, 20))) == [
        "long", "aghdam"]
    assert _ids(query_events(engine, start=date(2020, 10, 1), end=date(2020, 10, 1))) == [
        "long", "fuzuli"]
    assert _ids(query_events(engine, start=date(1993, 6, 1), end=date(1993, 6, 1))) == [
        "long", "1993"]
    assert _ids(query_events(engine, start=date(1990, 1, 1), end=date(1991, 1, 1))) == []


def test_no_window_lists_everything_undated_last(engine):
    _fill(engine)
    assert _ids(query_events(engine))[-1] == "undated"
    assert len(query_events(engine)) == 5


def test_filters_by_place_district_and_type(engine):
    _fill(engine)
    assert _ids(query_events(engine, place_ids=["aghdam"])) == ["1993", "aghdam"]
    assert _ids(query_events(engine, district_ids=["AZ-LAC"])) == ["long"]
    assert _ids(query_events(engine, types=["military_capture"])) == ["1993", "fuzuli"]
    # the district of a resolved place is filled in by the store
    assert _ids(query_events(engine, district_ids=["AZ-FUZ"])) == ["fuzuli"]


def test_json_shape(engine):
    _fill(engine)
    [row] = query_events(engine, place_ids=["fuzuli"])
    j = row.to_json()
    keys = ("date", "date_precision", "type", "place", "district", "disputed")
    assert {k: j[k] for k in keys} == {
        "date": "2020-09-27/2020-11-10", "date_precision": "range", "type": "military_capture",
        "place": "Fuzuli", "district": "AZ-FUZ", "disputed": False}
    assert j["sources"][0]["publisher"] == "Test Wire"
    assert j["sources"][0]["published"] == "2020-11-20"


def test_a_located_event_keeps_its_place_and_every_source(engine):
    _fill(engine)
    write_article(engine, article("r " * 40), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", place_id="aghdam", controller="Azerbaijan",
           note="aghdam")], resolve_place=fake_resolver)
    aghdam = next(e for e in query_events(engine, start=date(2020, 11, 20)) if e.note == "aghdam")
    assert len(aghdam.sources) == 2
    assert (aghdam.location, aghdam.latitude) == ("Aghdam", 39.99)


def test_limit_keeps_the_first_events_in_order_with_all_their_sources(engine):
    _fill(engine)
    write_article(engine, article("s " * 40), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", place_id="aghdam", controller="Azerbaijan",
           note="aghdam")], resolve_place=fake_resolver)
    everything = query_events(engine)
    first = query_events(engine, limit=3)
    assert first == everything[:3]
    aghdam = query_events(engine, place_ids=["aghdam"], types=["transfer_of_territory"], limit=1)
    assert [(e.note, len(e.sources)) for e in aghdam] == [("aghdam", 2)]
    # the same filters with other values reuse the statement but not the values
    assert _ids(query_events(engine, place_ids=["fuzuli"], limit=1)) == ["fuzuli"]
