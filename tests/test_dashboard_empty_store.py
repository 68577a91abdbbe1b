"""The dashboard on a store with no events: every page draws, no traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.charts import timeline_spec, with_selected
from geodata.corridor import load_corridor
from geodata.districts import load_districts
from karabakh_map.store import open_store
from karabakh_map.views import build_view_data

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def fresh_caches():
    """The loaders cache the store per process: keep this empty one out of other tests."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def test_timeline_chart_without_events(engine):
    view = build_view_data(engine, load_districts(), load_corridor())
    assert view.events == []
    spec = with_selected(timeline_spec(view), date(2020, 11, 20))
    assert len(spec["layer"]) == 2  # the bars (none) and the selected-date rule


@pytest.mark.parametrize("page", [None, "screens/events_page.py", "screens/about_page.py"])
def test_pages_on_an_empty_store(tmp_path, monkeypatch, page):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    open_store(url).engine.dispose()
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    if page is None:
        assert any("Control on 20 Nov 2020" in m.value for m in at.markdown)
