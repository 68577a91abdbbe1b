"""Dashboard view data over the demo catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from geodata.corridor import load_corridor
from geodata.districts import load_districts
from karabakh_map import views


@pytest.fixture
def view(demo_engine):
    return views.build_view_data(demo_engine, load_districts(), load_corridor())


def by_id(rows):
    return {r["id"]: r for r in rows}


def test_control_rows_change_across_handover_dates(view):
    before = by_id(views.control_rows(view, date(2020, 11, 19)))
    after = by_id(views.control_rows(view, date(2020, 11, 20)))
    assert before["AZ-AGM"]["controller"] == "Armenian forces"
    assert before["AZ-AGM"]["handover due"] == date(2020, 11, 20)
    assert after["AZ-AGM"]["controller"] == "Azerbaijan"
    assert after["AZ-AGM"]["handover due"] is None
    assert after["lachin-corridor"]["controller"] == "Russian peacekeepers"
    assert len(before) == 13


def test_kalbajar_and_lachin_on_25_november(view):
    rows = by_id(views.control_rows(view, date(2020, 11, 25)))
    assert rows["AZ-KAL"]["controller"] == "Azerbaijan"
    assert rows["AZ-LAC"]["controller"] == "Armenian forces"
    assert rows["AZ-LAC"]["handover due"] == date(2020, 12, 1)


def test_events_window(view):
    window = views.events_in_window(view, date(2020, 11, 20), 0)
    assert any(e["type"] == "transfer_of_territory" and e["district"] == "AZ-AGM"
               for e in window)
    assert all(e["date_earliest"] <= "2020-11-20" <= e["date_latest"] for e in window)
    wider = views.events_in_window(view, date(2020, 11, 20), 14)
    assert len(wider) > len(window)


def test_compare_and_history(view):
    rows = views.compare_rows(view, date(2020, 11, 19), date(2020, 12, 1))
    *districts, total = rows
    assert {r["district"] for r in districts} == {"Aghdam", "Kalbajar", "Lachin"}
    assert all(r["km² changed"] > 700 for r in districts)  # the zones that changed hands
    assert total["district"] == "Total"
    assert total["km² changed"] == pytest.approx(sum(r["km² changed"] for r in districts))
    assert total["gained km²"].startswith("Azerbaijan +")
    zones = views.compare_zones(view, date(2020, 11, 19), date(2020, 12, 1))
    assert "AZ-AGM/held_1994" in zones["zone_ids"]
    assert "AZ-AGM/held_1994+nkao_1991+postwar_area" not in zones["zone_ids"]
    assert zones["total_km2"] == total["km² changed"]
    history = views.history_rows(view, "AZ-LAC")
    assert [h["controller"] for h in history][:2] == ["Azerbaijan", "Armenian forces"]
    assert history[1]["from"] == date(1992, 5, 18)
    assert [h["from"] for h in history if h["from"].year == 2020] == [
        date(2020, 11, 10), date(2020, 12, 1)]  # the corridor, then the handover
    assert history[-1]["sources"]


def test_step_key_date(view):
    assert views.step_key_date(view, date(2020, 11, 21), 1) == date(2020, 11, 25)
    assert views.step_key_date(view, date(2020, 11, 21), -1) == date(2020, 11, 20)
    last = view.key_dates[-1]
    assert views.step_key_date(view, last, 1) == last


def test_event_rows_are_plain_text(view):
    rows = views.event_rows(view.events, view.names)
    assert rows and all(isinstance(r["note"], str) for r in rows)
    assert any(r["disputed"] == "yes" for r in rows)


def test_quotes_come_from_stored_text_only(engine):
    from karabakh_map.model import EventType
    from karabakh_map.store import write_article
    from tests.conftest import article, ev, fake_resolver

    text = "Intro. Troops entered Aghdam on <b>20 November</b> ${x}. Outro."
    start = text.index("Troops")
    end = text.index(" Outro")
    write_article(engine, article(text), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", place_id="aghdam",
           controller="Azerbaijan", start=start, end=end)], resolve_place=fake_resolver)
    write_article(engine, article(None, title="stub", source="Other"), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", place_id="aghdam",
           controller="Azerbaijan")], resolve_place=fake_resolver)
    view = views.build_view_data(engine, load_districts(), load_corridor())
    (event,) = [e for e in view.events if e["type"] == "transfer_of_territory"]
    quotes = sorted((s["quote"] or "") for s in event["sources"])
    assert quotes == ["", "Troops entered Aghdam on <b>20 November</b> ${x}."]


def test_peacekeeping_area_is_derived_from_events(view):
    geo = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": i},
         "geometry": {"type": "Polygon", "coordinates": [[[x, 39], [x + 0.1, 39],
                                                          [x + 0.1, 39.1], [x, 39]]]}}
        for x, i in ((46.0, "AZ-XCI"), (46.5, "AZ-SUS"), (47.0, "AZ-AGM"))]}
    area = views.peacekeeping_area(view, geo)
    (feature,) = area["features"]
    props = feature["properties"]
    assert props["approximate"] is True and props["valid_from"] == "2020-11-10"
    # Armenian forces held most of Khojaly and the largest share of Shusha (its post-war
    # part) on 10 Nov; Aghdam is outside the former oblast.
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert sorted(p[0][0][0] for p in feature["geometry"]["coordinates"]) in (
        [46.0, 46.5], [46.1, 46.6])


def test_quotes_of_a_recapture_come_from_the_capture(engine):
    from karabakh_map.model import EventType
    from karabakh_map.store import write_article
    from tests.conftest import article, ev, fake_resolver

    body = " ".join(f"Paragraph {i} says nothing of note about the region." for i in range(40))
    short = body + " Troops entered Aghdam on 20 November."
    longer = body + " Troops entered Aghdam on 20 November. Kalbajar followed on 25 November."
    write_article(engine, article(short), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", place_id="aghdam",
           controller="Azerbaijan", start=short.index("Troops"), end=len(short))],
        resolve_place=fake_resolver)
    start = longer.index("Kalbajar")
    write_article(engine, article(longer), [
        ev(EventType.TRANSFER, "2020-11-25", "AZ-KAL", place_id="kalbajar",
           controller="Azerbaijan", start=start, end=len(longer))],
        resolve_place=fake_resolver)
    view = views.build_view_data(engine, load_districts(), load_corridor())
    (kal,) = [e for e in view.events if e["district"] == "AZ-KAL"]
    expected = [longer[start:].strip()]  # the offsets index the capture's own text
    assert [s["capture_id"] is not None for s in kal["sources"]] == [True]  # a re-capture
    assert [s["quote"] for s in kal["sources"]] == expected
    assert expected[0] and expected[0].startswith("Kalbajar followed")


def test_a_write_between_the_view_reads_is_not_mixed_in(engine, monkeypatch):
    """An ingest committing while the view is read: the view is read again, whole."""
    from karabakh_map.model import EventType
    from karabakh_map.store import query_events, store_version, write_article
    from tests.conftest import article, ev, fake_resolver

    write_article(engine, article("First report."), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan")],
        resolve_place=fake_resolver)
    calls = []

    def racing_query(eng, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # the timeline is already read; a writer lands now
            write_article(engine, article("Second report."), [
                ev(EventType.TRANSFER, "2020-11-25", "AZ-KAL", controller="Azerbaijan")],
                resolve_place=fake_resolver)
        return query_events(eng, **kwargs)

    monkeypatch.setattr(views, "query_events", racing_query)
    view = views.build_view_data(engine, load_districts(), load_corridor())
    assert len(calls) == 2
    with engine.connect() as conn:
        assert view.version == store_version(conn)
    # timeline and event list are from the same state: both know Kalbajar's handover
    assert {e["district"] for e in view.events} == {"AZ-AGM", "AZ-KAL"}
    assert view.timeline["AZ-KAL"][-1].controller == "Azerbaijan"


def test_zone_and_district_json_for_the_map(view):
    import json

    zones = views.zone_timeline_json(view)
    assert set(zones) == {z.zone_id for z in view.zones.zones}
    seg = zones["AZ-SUS/held_1994+nkao_1991"][2]  # Shusha town: the claim of 8 Nov
    assert {"from", "controller", "since", "since_text", "denied", "uncertain", "uncertain_to",
            "scheduled", "event_ids"} <= set(seg)
    assert (seg["from"], seg["controller"], seg["denied"]) == ("2020-11-08", "Azerbaijan", True)
    districts = views.district_timeline_json(view)
    last = districts["AZ-AGM"][-1]
    assert {s["controller"] for s in last["shares"]} == {"Azerbaijan"}
    assert {"km2", "pct", "since_text", "notes"} <= set(last["shares"][0])
    info = views.zone_rows(view)["AZ-AGM/held_1994"]
    assert info["district"] == "Aghdam" and info["area_km2"] > 700
    json.dumps([zones, districts, views.zone_rows(view)])  # JSON-ready as it is


def test_the_events_a_state_rests_on_and_background_events_apart(view):
    resting, background = views.state_events(view, date(2020, 11, 21))
    assert any(e["type"] == "transfer_of_territory" and e["district"] == "AZ-AGM"
               and e["date"] == "2020-11-20" for e in resting)
    assert all(e["id"] not in {r["id"] for r in resting} for e in background)
    assert any(e["type"] == "destruction_of_property" for e in background)  # 1992-2020


def test_key_dates_and_span_cover_1991_to_2024(view):
    assert view.span[0] <= date(1991, 8, 30) and view.span[1] >= date(2024, 6, 12)
    for day in ("1991-08-30", "1992-05-08", "1993-04-02", "2020-10-04", "2020-11-10",
                "2022-08-30", "2022-12-12", "2023-04-23", "2023-09-20", "2023-09-28"):
        assert date.fromisoformat(day) in view.key_dates, day
    # a date after the last event shows the last state
    rows = {r["id"]: r for r in views.control_rows(view, date(2030, 1, 1))}
    assert rows["AZ-XA"]["controller"] == "Azerbaijan"
