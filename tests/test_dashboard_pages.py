"""The dashboard's pages under Streamlit's AppTest, on a store holding the demo catalogue."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.share_panel import OPEN_KEY
from tests.support.dashboard_app import app


def control(at: AppTest) -> dict[str, str]:
    table = at.table[0].value
    return dict(zip(table.index, table["controller"], strict=True))


def test_a_date_across_20_november_hands_aghdam_over(demo_db):
    at = app({"date": "2020-11-19"})
    assert not at.exception
    assert control(at)["Aghdam"] == "Armenian forces"
    at = app({"date": "2020-11-20"})
    assert control(at)["Aghdam"] == "Azerbaijan"
    assert at.query_params["date"] == "2020-11-20"


def test_url_date_opens_that_day(demo_db):
    at = app({"date": "2020-11-25"})
    rows = control(at)
    assert rows["Kalbajar"] == "Azerbaijan"
    assert rows["Lachin"] == "Armenian forces"
    assert any("Control on 25 Nov 2020" in m.value for m in at.markdown)


def test_one_set_of_time_controls_the_maps(demo_db):
    """No Streamlit date slider, key-date buttons or big date heading beside the map's."""
    at = app({"date": "2020-11-21"})
    assert [s.label for s in at.slider] == ["Events window (days up to the date)"]
    assert not [b for b in at.button if "Key date" in str(b.label)]
    assert not [m for m in at.markdown if m.value.startswith("## ")]
    assert any("**N** / **P**" in c.value and "anywhere" in c.value for c in at.caption)


def test_any_day_up_to_today_can_be_shown(demo_db):
    """After the last event the last known state carries forward: 2 Dec 2020 (after the
    Lachin handover) is shown as asked, not snapped back to 1 Dec."""
    at = app({"date": "2020-12-02", "compare": "2020-12-02"})
    assert not at.warning
    assert at.query_params["date"] == "2020-12-02"
    assert control(at)["Lachin"] == "Azerbaijan"
    today = date.today().isoformat()
    at = app({"date": today})
    assert not at.warning and at.query_params["date"] == today


def test_map_report_moves_the_date_within_the_span(demo_db):
    from types import SimpleNamespace

    from dashboard.map_panel import changes_from
    from dashboard.urlsync import page_span

    view: Any = SimpleNamespace(span=(date(1991, 1, 1), date(2020, 12, 1)),
                                names={"AZ-AGM": "Aghdam"})
    assert page_span(view, today=date(2025, 1, 1)) == (date(1991, 1, 1), date(2025, 1, 1))
    assert changes_from({"date": "2020-12-02", "district": "AZ-AGM"}, view) == {
        "date": date(2020, 12, 2), "district": "AZ-AGM"}
    assert changes_from({"date": "1890-01-01", "district": "nope"}, view) == {}


def test_compare_two_dates_lists_changes_with_areas(demo_db):
    at = app({"date": "2020-12-01"})
    at.date_input(key="compare_pick").set_value(date(2020, 11, 19)).run()
    tables = [t.value for t in at.table]
    compare = next(t for t in tables if "on 2020-11-19" in t.columns)
    assert {"Aghdam", "Kalbajar", "Lachin"} <= set(compare.index)
    km2 = "km² changed" if "km² changed" in compare.columns else "area km²"
    assert (compare.loc[["Aghdam", "Kalbajar", "Lachin"], km2] > 500).all()
    assert at.query_params["compare"] == "2020-11-19"


def test_district_history(demo_db):
    at = app({"date": "2020-12-01", "district": "AZ-LAC"})
    history = next(df.value for df in at.dataframe if "from" in df.value.columns)
    held = list(history["controller"])
    handover = [str(d) for d, c in zip(history["from"], held, strict=True)
                if c == "Azerbaijan"]
    assert "Armenian forces" in held and any(d.startswith("2020-12-01") for d in handover)


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
    at.switch_page("screens/events_page.py").run()
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
