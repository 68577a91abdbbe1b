"""The "Embed and share" panel and the events chart are built only while open (both are
heavy in the browser); the panel's downloads are of the view shown (record date, "Confirmed
only") and say so."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.share_panel import OPEN_KEY, downloads
from geodata.corridor import load_corridor
from geodata.districts import load_districts
from karabakh_map.demo import open_with_demo
from karabakh_map.model import EventType
from karabakh_map.store import write_article
from karabakh_map.store.edits import confirm
from karabakh_map.store.review import CONFIRMED
from karabakh_map.views import build_view_data
from tests.conftest import article, ev, fake_resolver

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
    from dashboard.screens.map_page import CHART_KEY

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[CHART_KEY] = True
    at.run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 1


def _kalbajar_due(collection: dict) -> set[str | None]:
    return {f["properties"]["scheduled"] for f in collection["features"]
            if f["properties"]["zone_id"] == "AZ-KAL/held_1994"}


def test_downloads_follow_the_record_date_and_name_it(demo_engine):
    """As the map shows it: known on 14 Nov, Kalbajar was due on 15 Nov; from 16 Nov, 25."""
    day = date(2020, 11, 16)
    for as_of, due in ((date(2020, 11, 14), "2020-11-15"), (date(2020, 11, 16), "2020-11-25")):
        view = build_view_data(demo_engine, load_districts(), load_corridor(), as_of=as_of)
        files = {f.label: f for f in downloads(demo_engine, view, day)}
        control = files["Control (GeoJSON)"]
        assert control.file_name == f"control-2020-11-16-asof-{as_of}.geojson"
        state = json.loads(control.make())
        assert _kalbajar_due(state) == {due}
        assert (state["as_of"], state["data_version"]) == (str(as_of), view.data_version)
        events = json.loads(files["Events (GeoJSON)"].make())
        assert events["as_of"] == str(as_of) and events["data_version"] == view.data_version
        assert max(s["published"] for f in events["features"]
                   for s in f["properties"]["sources"]) <= str(as_of)
        table = pd.read_csv(io.StringIO(str(files["Events (ACLED CSV)"].make())))
        assert set(table["as_of"]) == {str(as_of)}
        assert set(table["data_version"]) == {view.data_version}
        page = str(files["Interactive map (HTML)"].make())
        assert f"record as known on {as_of.day} November 2020" in page
        assert view.data_version in page
        assert files["Map image (PNG)"].make()[:8] == b"\x89PNG\r\n\x1a\n"


def test_confirmed_only_downloads_hold_confirmed_events_only(engine):
    ids = []
    for day, district, place in (("2020-10-17", "AZ-FUZ", "fuzuli"),
                                 ("2020-10-25", "AZ-QBI", "qubadli")):
        text = f"Azerbaijan took {place.title()} town."
        result = write_article(engine, article(text, published=date(2020, 10, 26)), [
            ev(EventType.CAPTURE, day, district, controller="Azerbaijan", place_id=place)],
            resolve_place=fake_resolver)
        ids += result.event_ids
    confirm(engine, ids[0], reason="checked", by="t")
    views = {name: build_view_data(engine, load_districts(), load_corridor(), reviews=r)
             for name, r in (("all", ("extracted", "confirmed")), ("confirmed", (CONFIRMED,)))}
    reviews = {}
    for name, view in views.items():
        files = {f.label: f for f in downloads(engine, view, date(2020, 11, 20))}
        table = pd.read_csv(io.StringIO(str(files["Events (ACLED CSV)"].make())))
        reviews[name] = set(table["review"])
        collection = json.loads(files["Events (GeoJSON)"].make())
        assert collection["record"] == view.record_note()
        assert {f["properties"]["review"] for f in collection["features"]} <= reviews[name]
        assert files["Events (GeoJSON)"].file_name == (
            "events-confirmed.geojson" if name == "confirmed" else "events.geojson")
    assert reviews == {"all": {"extracted", "confirmed"}, "confirmed": {"confirmed"}}


def test_the_panel_names_the_record_it_shares(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (("date", "2020-11-16"), ("as_of", "2020-11-14"),
                       ("reviews", "confirmed")):
        at.query_params[key] = value
    at.session_state[OPEN_KEY] = True
    at.run()
    assert not at.exception
    shared = "confirmed events only; the record as known on 2020-11-14 · data version "
    assert [c.value for c in at.caption if c.value.startswith(shared)]
    assert "as_of=2020-11-14" in at.code[0].value and "reviews=confirmed" in at.code[0].value
    assert [b.proto.label for b in at.get("download_button")] == [
        "Map image (PNG)", "Control (GeoJSON)", "Events (ACLED CSV)", "Events (GeoJSON)",
        "Interactive map (HTML)"]
