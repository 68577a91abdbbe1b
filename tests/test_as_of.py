"""'As known on' a day through the shipped record: only articles published by then and
corrections made by then count (CLI state, events and exports; the views)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from karabakh_map.cli import main


@pytest.fixture
def demo_url(file_url: str, fake_gazetteer: None) -> str:
    result = CliRunner().invoke(main, ["db", "load-demo", "--db", file_url])
    assert result.exit_code == 0, result.output
    return file_url


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def kalbajar_due(url: str, *args: str) -> str | None:
    rows = json.loads(run("state", "--format", "json", "--db", url, *args))
    (row,) = [r for r in rows if r["id"] == "AZ-KAL"]
    return row["scheduled"]


def test_kalbajar_due_on_15_nov_as_known_on_14_nov_and_on_25_nov_from_16_nov(demo_url):
    # The postponement (15 Nov) and its new deadline were reported from 15 Nov on.
    assert kalbajar_due(demo_url, "--as-of", "2020-11-14") == "2020-11-15"
    assert kalbajar_due(demo_url, "--as-of", "2020-11-16") == "2020-11-25"
    # The same day seen with what was known before: the passed deadline still stands.
    assert kalbajar_due(demo_url, "--date", "2020-11-16", "--as-of", "2020-11-14") == (
        "2020-11-15")
    assert kalbajar_due(demo_url, "--date", "2020-11-16") == "2020-11-25"


def test_state_needs_a_day(demo_url):
    result = CliRunner().invoke(main, ["state", "--db", demo_url])
    assert result.exit_code == 2 and "--date D (or --as-of D)" in result.output


def test_events_as_known_on_a_day(demo_url):
    def postponements(*args: str) -> list[dict]:
        return json.loads(run("events", "--type", "postponement", "--place", "Kalbajar",
                              "--format", "json", "--db", demo_url, *args))

    assert postponements("--as-of", "2020-11-14") == []
    (known,) = postponements("--as-of", "2020-11-15")
    assert known["deadline"] == "2020-11-25" and not known["disputed"]
    assert {s["published"] for s in known["sources"]} == {"2020-11-15"}
    (now,) = postponements()
    assert now["disputed"] and len(now["sources"]) == 7  # later articles said 7 or 10 days


def test_a_correction_counts_from_the_day_it_was_made(demo_url):
    from karabakh_map.demo import open_with_demo
    from karabakh_map.store import query_events
    from karabakh_map.store.edits import retract

    engine = open_with_demo(demo_url).engine
    (postponement,) = query_events(engine, types=["postponement"], place_ids=["kalbajar"])
    retract(engine, postponement.id, reason="test", by="t", at=datetime(2021, 1, 10, 12))
    assert kalbajar_due(demo_url, "--date", "2020-11-16", "--as-of", "2021-01-09") == (
        "2020-11-25")
    # Without the postponement the first deadline stands (the later scheduled handover
    # for 25 Nov still counts from its own announcement).
    assert kalbajar_due(demo_url, "--date", "2020-11-16", "--as-of", "2021-01-10") == (
        "2020-11-15")


def test_exports_carry_the_record_date_and_what_they_include(demo_url, tmp_path):
    out = run("export", "--events-geojson", str(tmp_path / "e.geojson"), "--state-geojson",
              str(tmp_path / "s.geojson"), "--date", "2020-11-16", "--as-of", "2020-11-14",
              "--db", demo_url)
    assert "included: confirmed and unreviewed events (retracted ones left out); the " \
           "record as known on 2020-11-14" in out
    events = json.loads((tmp_path / "e.geojson").read_text())
    state = json.loads((tmp_path / "s.geojson").read_text())
    assert events["as_of"] == state["as_of"] == "2020-11-14"
    assert all(f["properties"]["review"] for f in events["features"])
    latest = max(s["published"] for f in events["features"]
                 for s in f["properties"]["sources"])
    assert latest <= "2020-11-14"
    kalbajar = [f["properties"] for f in state["features"]
                if f["properties"]["district_id"] == "AZ-KAL"]
    assert {k["scheduled"] for k in kalbajar} == {"2020-11-15"}


def test_as_of_applies_to_the_zones_over_time(demo_url, tmp_path):
    def kalbajar_taken(*args: str) -> list[str]:
        path = tmp_path / "z.geojson"
        run("export", "--zones-geojson", str(path), "--db", demo_url, *args)
        collection = json.loads(path.read_text())
        assert collection["data_version"] and collection["record"]
        return [f["properties"]["valid_from"] for f in collection["features"]
                if f["properties"]["zone_id"] == "AZ-KAL/held_1994"
                and f["properties"]["controller"] == "Azerbaijan"]

    # The handover of 25 Nov was not known on 16 Nov: the zone stays Armenian-held.
    assert kalbajar_taken("--as-of", "2020-11-16") == ["1991-08-30"]
    assert kalbajar_taken() == ["1991-08-30", "2020-11-25"]


def test_views_as_known_on_a_day(demo_engine):
    from geodata.corridor import load_corridor
    from geodata.districts import load_districts
    from karabakh_map.views import build_view_data, control_rows

    day = date(2020, 11, 16)
    views = {as_of: build_view_data(demo_engine, load_districts(), load_corridor(),
                                    as_of=as_of) for as_of in (None, date(2020, 11, 14))}
    due = {as_of: [r["handover due"] for r in control_rows(v, day) if r["id"] == "AZ-KAL"]
           for as_of, v in views.items()}
    assert due == {None: [date(2020, 11, 25)], date(2020, 11, 14): [date(2020, 11, 15)]}
    old = views[date(2020, 11, 14)]
    assert len(old.events) < len(views[None].events)
    assert old.record_note().endswith("the record as known on 2020-11-14")
    assert max(s["published"] for e in old.events for s in e["sources"]) <= "2020-11-14"


def test_as_known_today_is_the_whole_record(demo_engine):
    from karabakh_map.areas import zone_table
    from karabakh_map.store import control_index, query_events
    from karabakh_map.store.edits import effective_index

    far = date(2100, 1, 1)
    assert query_events(demo_engine, as_of=far) == query_events(demo_engine)
    table = zone_table()
    assert effective_index(demo_engine, table, as_of=far).segments == (
        control_index(demo_engine, table).segments)
