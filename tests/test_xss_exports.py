"""Hostile article content (tests/support/xss_cases.py) through the exports and the renderers, no
browser: CSV cells cannot run as formulas, GeoJSON carries the text exactly, SVG/PNG draw
it as text, Jinja never evaluates it, Streamlit's Markdown shows it as typed."""

from __future__ import annotations

import csv
import io
import json
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from dashboard.literal import markdown_literal, table_cell
from karabakh_map.cli import main
from karabakh_map.csvsafe import FORMULA_STARTS
from karabakh_map.mapview.build import build_map
from karabakh_map.mapview.element import time_map_element
from tests.support import xss_cases as x

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
JINJA = "A{{ 7*7 }}B {% if 1 %}jinja{% endif %} {# c #} {{ cycler.__init__ }}"
PUNCTUATION = re.escape(string.punctuation)


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The hostile store, its direct article's events confirmed (see
    xss_cases.confirmed_hostile_store_in)."""
    return x.confirmed_hostile_store_in(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def exported(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every export of the CLI, once, for the hostile store on the hostile transfer's day."""
    out = tmp_path_factory.mktemp("out")
    files = {k: out / f"x.{k}" for k in ("csv", "geojson", "svg", "png", "html")}
    files["state"] = out / "state.geojson"  # each option writes its own extension
    result = CliRunner().invoke(main, [
        "export", "--db", store_url, "--date", x.DAY.isoformat(),
        "--events-csv", str(files["csv"]), "--events-geojson", str(files["geojson"]),
        "--state-geojson", str(files["state"]), "--svg", str(files["svg"]),
        "--png", str(files["png"]), "--html", str(files["html"])])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return files


def assert_no_formula(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                float(cell)  # only numbers (a negative longitude) may start with '-'
    return rows


def test_events_csv_neutralises_formulas_and_keeps_the_text(exported, store_url):
    rows = assert_no_formula(exported["csv"].read_text(encoding="utf-8"))
    header, body = rows[0], rows[1:]
    hostile = [dict(zip(header, r, strict=True)) for r in body if x.MARK in ",".join(r)]
    assert len(hostile) >= 3
    transfer = next(r for r in hostile if r["notes"].startswith("'=HYPERLINK"))
    assert transfer["notes"] == "'" + x.NOTE
    assert transfer["source"] == "'" + x.PUBLISHER
    assert transfer["actor1"] == transfer["actor2"] == "'" + x.ACTOR
    assert transfer["location"] == x.PLACE
    for fmt in ("csv", "acled"):  # `karabakh-map events` shares the writer
        result = CliRunner().invoke(main, ["events", "--db", store_url, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert x.MARK in result.output
        assert_no_formula(result.output)


def test_geojson_carries_the_text_exactly(exported):
    events = json.loads(exported["geojson"].read_text(encoding="utf-8"))["features"]
    props = [f["properties"] for f in events if x.MARK in json.dumps(f)]
    notes = {p["note"] for p in props}
    assert x.NOTE in notes and f"{x.MARK} year {x.ALL}" in notes  # U+2028, backslashes too
    assert {p["controller"] for p in props} >= {x.CONTROLLER}
    assert {s["publisher"] for p in props for s in p["sources"]} >= {x.PUBLISHER}
    state = json.loads(exported["state"].read_text(encoding="utf-8"))["features"]
    # one feature per zone: Tartar's are found by their district
    tartar = [f["properties"] for f in state if f["properties"]["district_id"] == "AZ-TAR"]
    assert tartar and {t["controller"] for t in tartar} == {x.CONTROLLER}


def test_svg_draws_hostile_controller_as_text_and_png_is_written(exported):
    svg = exported["svg"].read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # well-formed: nothing broke out of a comment or attribute
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert not tags & {"script", "foreignObject", "image", "iframe"}
    for el in root.iter():
        assert not [a for a in el.attrib if a.lower().startswith("on")], el.attrib
        assert "javascript:" not in " ".join(el.attrib.values())
    assert "<img" not in svg and "&lt;img src=x onerror=alert('ctl')&gt;" in svg
    assert exported["png"].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_html_export_keeps_jinja_and_script_text_inert(exported):
    page = exported["html"].read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert "{{ 7*7 }}" not in page and "\\u007b{ 7*7 }}" in page  # kept as text in the JSON


def _map(note: str):
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
        "id": "AZ-AGM", "name": "Aghdam"}, "geometry": {"type": "Polygon", "coordinates": [
            [[46.8, 39.9], [47.0, 39.9], [47.0, 40.1], [46.8, 39.9]]]}}]}
    event = {"id": 1, "date": "2020-11-20", "date_earliest": "2020-11-20",
             "date_latest": "2020-11-20", "type": "political_event", "latitude": 40.0,
             "longitude": 46.9, "note": note, "sources": []}
    return build_map(fc, None, None, timeline={}, key_dates=[], initial_date=date(2020, 11, 20),
                     span=(date(2020, 1, 1), date(2020, 12, 31)), events=[event])


def test_map_script_is_never_a_jinja_template():
    html = _map(JINJA).get_root().render()
    assert "A49B" not in html and "A\\u007b{ 7*7 }}B" in html  # text, not evaluated
    # Even a config holding raw Jinja tags goes on the page as it is (no second pass).
    m = _map("plain")
    element = time_map_element(m)
    element.config_json = element.config_json.replace("plain", JINJA)
    html = m.get_root().render()
    assert JINJA in html and "A49B" not in html


@pytest.mark.parametrize("text", [*x.PAYLOADS, x.CONTROLLER, x.PLACE, "a\\", "1. item",
                                  "# h", "- li", "> q", "| t |", "~~s~~", "&amp;", "é ü"])
def test_markdown_literal_escapes_every_punctuation_mark_and_nothing_else(text):
    escaped = markdown_literal(text)
    assert re.fullmatch(f"(?:\\\\[{PUNCTUATION}]|[^{PUNCTUATION}])*", escaped, re.S)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.S) == text


def test_table_cells_are_text_of_one_type():
    assert table_cell(date(2020, 11, 23)) == "2020-11-23" and table_cell(None) == ""
    assert table_cell(1260.8) == 1260.8 and table_cell("a*b") == "a\\*b"


@pytest.fixture
def hostile_env(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KARABAKH_MAP_DB", store_url)
    yield


def test_dashboard_tables_hold_escaped_text(hostile_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = x.DAY.isoformat()
    at.query_params["district"] = "AZ-TAR"
    at.query_params["compare"] = "2020-11-21"
    at.run()
    assert not at.exception
    control, compare = (t.value for t in at.table)
    assert control.loc["Tartar", "controller"] == markdown_literal(x.CONTROLLER)
    assert markdown_literal(x.CONTROLLER) in set(compare.loc["Tartar"])
    history = next(df.value for df in at.dataframe if "from" in df.value.columns)
    assert x.CONTROLLER in set(history["controller"])  # a grid: plain text, unescaped
    assert any(x.PUBLISHER in s for s in history["sources"])

