"""The dashboard's pages under Streamlit's AppTest, on a store holding the demo catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.share_panel import OPEN_KEY
from karabakh_map.demo import open_with_demo

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture
def demo_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    return url


def app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def control(at: AppTest) -> dict[str, str]:
    table = at.table[0].value
    return dict(zip(table.index, table["controller"], strict=True))


def test_slider_across_20_november_hands_aghdam_over(demo_db):
    at = app()
    assert not at.exception
    at.slider(key="date_slider").set_value(date(2020, 11, 19)).run()
    assert control(at)["Aghdam"] == "Armenian forces"
    at.slider(key="date_slider").set_value(date(2020, 11, 20)).run()
    assert control(at)["Aghdam"] == "Azerbaijan"
    assert at.query_params["date"] == "2020-11-20"


def test_url_date_opens_that_day(demo_db):
    at = app({"date": "2020-11-25"})
    rows = control(at)
    assert rows["Kalbajar"] == "Azerbaijan"
    assert rows["Lachin"] == "Armenian forces"
    assert any("25 November 2020" in m.value for m in at.markdown)


def test_key_date_buttons_step(demo_db):
    at = app({"date": "2020-11-21"})
    at.button(key="next_key").click().run()
    assert at.slider(key="date_slider").value == date(2020, 11, 25)
    at.button(key="prev_key").click().run()
    assert at.slider(key="date_slider").value == date(2020, 11, 20)


def test_compare_two_dates_lists_changes_with_areas(demo_db):
    at = app({"date": "2020-12-01"})
    at.date_input(key="compare_pick").set_value(date(2020, 11, 19)).run()
    tables = [t.value for t in at.table]
    compare = next(t for t in tables if "area km²" in t.columns and "on 2020-11-19" in t.columns)
    assert set(compare.index) == {"Aghdam", "Kalbajar", "Lachin"}
    assert (compare["area km²"] > 1000).all()
    assert at.query_params["compare"] == "2020-11-19"


def test_district_history(demo_db):
    at = app({"date": "2020-12-01", "district": "AZ-LAC"})
    history = next(df.value for df in at.dataframe if "from" in df.value.columns)
    assert list(history["controller"])[-2:] == ["Armenian forces", "Azerbaijan"]


@pytest.mark.parametrize("query", [
    {"date": "2020-02-31"}, {"date": "<script>alert(1)</script>"}, {"district": "AZ-XXX"},
    {"layers": "corridor,bogus"}, {"window": "-1"}, {"compare": "x" * 300},
])
def test_bad_url_values_get_a_friendly_message(demo_db, query):
    at = app(query)
    assert not at.exception
    assert len(at.warning) == 1
    assert "Ignored" in at.warning[0].value
    assert control(at)["Aghdam"]  # the page still works


def test_place_search_by_any_spelling(demo_db):
    at = app()
    at.text_input[0].input("Karvachar").run()
    assert any(b.label.startswith("Kalbajar") for b in at.button)


def test_events_page_lists_sources_as_text(demo_db):
    at = app()
    at.switch_page("pages/events_page.py").run()
    assert not at.exception
    assert len(at.dataframe[0].value) >= 40
    at.text_input[0].input("Shushi").run()
    assert set(at.dataframe[0].value["district"]) == {"Shusha"}


def test_compact_embed_layout_shows_the_map_alone(demo_db):
    at = app({"date": "2020-11-25", "compact": "1"})
    assert not at.exception
    assert len(at.dataframe) == len(at.table) == 0 and len(at.slider) == 0


def test_embed_panel_gives_permalink_and_iframe(demo_db):
    at = app({"date": "2020-11-25", "district": "AZ-KAL"})
    at.session_state[OPEN_KEY] = True  # the panel's content is built only while it is open
    at.run()
    codes = [c.value for c in at.code]
    assert any("date=2020-11-25" in c and "district=AZ-KAL" in c for c in codes)
    assert any(c.startswith("<iframe ") and "compact=1" in c for c in codes)
