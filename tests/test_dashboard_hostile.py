"""The dashboard against hostile or odd input (issue 14) and the search and undated events
of issue 12, under Streamlit's AppTest on a store holding the demo catalogue."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dashboard.map_panel import changes_from
from dashboard.place_search import MAX_QUERY_CHARS
from karabakh_map.model import EventType
from karabakh_map.store import open_store, write_article
from tests.conftest import article, ev
from tests.support.dashboard_app import app

ROOT = Path(__file__).resolve().parent.parent
VIEW: Any = SimpleNamespace(span=(date(1991, 1, 1), date(2020, 12, 1)),
                            names={"AZ-AGM": "Aghdam", "AZ-KAL": "Kalbajar"})


@pytest.mark.parametrize("report", [
    {"district": ["AZ-KAL"]}, {"district": {"id": "AZ-KAL"}}, {"district": 7},
    {"date": ["2020-11-20"]}, {"date": 20201120}, {"date": "2020-11-20" * 1000},
    {"date": None, "district": None, "seq": "x"}, [], "AZ-KAL", None, 3.5,
])
def test_a_forged_map_report_is_ignored(report):
    """Wrong types from the map's frame ask for nothing (documented in changes_from)."""
    changes = changes_from(report, VIEW)  # type: ignore[arg-type]
    assert changes in ({}, {"district": None})


def test_a_well_formed_map_report_still_counts():
    assert changes_from({"date": "2020-11-20", "district": "AZ-KAL"}, VIEW) == {
        "date": date(2020, 11, 20), "district": "AZ-KAL"}


def test_every_text_input_is_bounded(demo_db):
    at = app()
    inputs = list(at.text_input)
    at.switch_page("screens/events_page.py").run()
    inputs += list(at.text_input)
    assert inputs and all(0 < (t.max_chars or 0) <= MAX_QUERY_CHARS for t in inputs)


def test_a_long_query_is_cut_before_the_gazetteer(demo_db):
    at = app()
    at.text_input[0].set_value("Karvachar" + " " * 5 + "x" * 50_000).run()
    assert not at.exception


def test_websocket_messages_are_limited_in_both_configs():
    for path in (ROOT / ".streamlit" / "config.toml",):
        server = tomllib.loads(path.read_text())["server"]
        assert 1 <= server["maxMessageSize"] <= 5, path


def test_an_error_shows_a_friendly_message_not_a_traceback(demo_db, monkeypatch):
    def broken(*_: object) -> None:
        raise RuntimeError("no such table: /srv/secret/store.sqlite SELECT * FROM events")

    monkeypatch.setattr("karabakh_map.views.control_rows", broken)
    at = app({"date": "2020-11-20"})
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Something went wrong" in shown and "reference" in shown
    assert "secret" not in shown and "SELECT" not in shown
    assert any("Find a place" in m.value for m in at.markdown)  # the rest of the page is there


def test_place_search_suggests_near_names(demo_db):
    at = app()
    at.text_input[0].input("Karvachr").run()
    assert any("No place by that name. Did you mean" in t.value for t in at.text)
    near = [b for b in at.button if b.label.startswith("Karvachar")]
    assert near
    near[0].click().run()
    assert at.query_params.get("district") == "AZ-KAL"  # the map goes to Kalbajar


def test_events_page_suggests_and_takes_the_choice(demo_db):
    at = app()
    at.switch_page("screens/events_page.py").run()
    at.text_input[0].input("Stepanakrt").run()
    assert len(at.dataframe[0].value) == 0
    next(b for b in at.button if b.label.startswith("Stepanakert")).click().run()
    assert at.text_input[0].value == "Stepanakert"
    assert len(at.dataframe[0].value) > 0


@pytest.fixture
def with_undated(demo_db):
    store = open_store(demo_db)
    write_article(store.engine, article("Aghdam was taken, a blog says, on a day it does "
                                        "not give.", published=date(2024, 1, 1)),
                  [ev(EventType.CAPTURE, None, "AZ-AGM", controller="Armenian forces",
                      note="UNDATED-MARK")])
    store.engine.dispose()
    return demo_db


def test_undated_events_are_visible(with_undated):
    at = app({"date": "2020-11-20"})
    toggle = next(t for t in at.toggle if t.label.startswith("Undated events too"))
    toggle.set_value(True).run()
    assert any("UNDATED-MARK" in set(df.value.get("note", [])) for df in at.dataframe)
    at.switch_page("screens/events_page.py").run()
    at.selectbox(key="dates_shown").set_value("undated only").run()
    assert list(at.dataframe[0].value["note"]) == ["UNDATED-MARK"]
    at.selectbox(key="dates_shown").set_value("between the dates").run()
    assert "UNDATED-MARK" not in set(at.dataframe[0].value["note"])


def test_about_page_shows_both_corridors_zones_and_sources(demo_db):
    at = app()
    at.switch_page("screens/about_page.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "2020 route" in text and "2022 route" in text and "zones in 12 districts" in text
    assert "articles in the record" in text
    assert "derivation" in at.dataframe[0].value.columns
    assert "publisher" in at.table[0].value.columns
