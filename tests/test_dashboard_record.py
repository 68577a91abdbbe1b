"""The map page's record date ("as known on", ?as_of=) and review filter under AppTest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.page_parts import marked
from dashboard.share_panel import OPEN_KEY
from karabakh_map.mapview.build import map_events

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def app(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def due(at: AppTest, district: str) -> str:
    """The control table's "handover due" cell of a district."""
    return str(at.table[0].value.loc[district, "handover due"])


def test_as_of_shows_the_record_as_it_stood(demo_db):
    """Before the postponement was known Kalbajar was due on 15 Nov; after, on 25 Nov."""
    before = app({"date": "2020-11-16", "as_of": "2020-11-14"})
    assert not before.exception and not before.warning
    assert "2020-11-15" in due(before, "Kalbajar")
    assert any("as known on 2020-11-14" in c.value for c in before.caption)
    after = app({"date": "2020-11-16", "as_of": "2020-11-16"})
    assert "2020-11-25" in due(after, "Kalbajar")
    assert after.query_params["as_of"] == "2020-11-16"
    assert "2020-11-25" in due(app({"date": "2020-11-16"}), "Kalbajar")


def test_record_date_picked_on_the_page_goes_to_the_url(demo_db):
    at = app({"date": "2020-11-16"})
    picker = next(d for d in at.date_input if d.label == "Record as known on")
    picker.set_value(date(2020, 11, 14)).run()
    assert at.query_params["as_of"] == "2020-11-14"
    assert "2020-11-15" in due(at, "Kalbajar")


@pytest.mark.parametrize("raw", ["2020-11-31", "2999-01-01", "<script>"])
def test_a_bad_as_of_warns_and_is_ignored(demo_db, raw):
    at = app({"date": "2020-11-16", "as_of": raw})
    assert not at.exception
    assert len(at.warning) == 1 and "Ignored as" in at.warning[0].value
    assert "2020-11-25" in due(at, "Kalbajar")
    assert "as_of" not in at.query_params


def test_confirmed_only_toggle(demo_db):
    at = app({"date": "2020-11-25"})
    at.toggle(key="confirmed_only").set_value(True).run()
    assert at.query_params["reviews"] == "confirmed"
    assert any("confirmed events only" in c.value for c in at.caption)


def test_permalink_carries_record_date_and_data_version(demo_db):
    at = app({"date": "2020-11-16", "as_of": "2020-11-14"})
    at.session_state[OPEN_KEY] = True
    at.run()
    codes = [c.value for c in at.code]
    assert any("as_of=2020-11-14" in c and "v=" in c for c in codes)
    assert any(c.startswith("<iframe ") and "as_of=2020-11-14" in c for c in codes)
    assert any("record as known on 2020-11-14 · data version" in c.value for c in at.caption)


def test_unreviewed_events_are_marked():
    assert marked([{"review": "extracted"}, {"review": "confirmed"}]) == [
        {"review": "unreviewed"}, {"review": "confirmed"}]
    event = {"id": 1, "date_earliest": "2020-11-01", "date_latest": "2020-11-01",
             "latitude": 40.0, "longitude": 46.0, "type": "capture", "review": "extracted"}
    assert map_events([event])[0]["unreviewed"] is True
    assert map_events([event | {"review": "confirmed"}])[0]["unreviewed"] is False
