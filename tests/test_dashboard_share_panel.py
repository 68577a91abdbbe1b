"""The "Embed and share" panel and the events chart are built only while open (both are
heavy in the browser)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.share_panel import OPEN_KEY
from karabakh_map.demo import open_with_demo

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def test_share_panel_content_only_when_open(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2020-11-25"
    at.run()
    assert not at.exception
    assert [e.label for e in at.expander] == ["Events over time (chart)", "Embed and share"]
    assert len(at.code) == 0 and len(at.get("vega_lite_chart")) == 0  # both lazy
    at.session_state[OPEN_KEY] = True
    at.run()
    assert not at.exception
    codes = [c.value for c in at.code]
    assert len(codes) == 2
    assert "date=2020-11-25" in codes[0]
    assert "<iframe" in codes[1]


def test_events_chart_only_when_open(tmp_path, monkeypatch):
    from dashboard.pages.map_page import CHART_KEY

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[CHART_KEY] = True
    at.run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 1
