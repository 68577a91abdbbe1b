"""Escaping for HTML, JavaScript template literals and JSON inside <script>."""

from __future__ import annotations

import json

import pytest
from mapview_fixtures import PAYLOADS

from karabakh_map.mapview.escape import (
    escape_for_folium_popup,
    escape_html,
    escape_js_template,
    script_json,
)


def test_escape_html_neutralises_tags_and_quotes():
    out = escape_html('<img src=x onerror="alert(2)"> & \'q\'')
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert out.startswith("&lt;img") and "&amp;" in out


def test_escape_js_template_blocks_interpolation_and_backslashes():
    assert escape_js_template("${alert(1)}") == "\\${alert(1)}"
    assert escape_js_template("\\1") == "\\\\1"
    assert escape_js_template("a`b") == "a\\`b"


def test_folium_popup_escape_is_html_then_template():
    out = escape_for_folium_popup("<b>${x}</b>\\2")
    assert out == "&lt;b&gt;\\${x}&lt;/b&gt;\\\\2"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_json_round_trips_and_hides_markup(payload):
    text = script_json({"note": payload, "list": [payload]})
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"note": payload, "list": [payload]}


def test_script_json_escapes_line_separators_and_rejects_nan():
    assert "\u2028" not in script_json("a\u2028b")
    with pytest.raises(ValueError):
        script_json(float("nan"))
