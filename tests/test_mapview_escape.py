"""JSON inside <script>: round trips, and no markup or template tag shows through."""

from __future__ import annotations

import json

import pytest

from karabakh_map.mapview.escape import script_json
from tests.support.mapview_fixtures import PAYLOADS


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_json_round_trips_and_hides_markup(payload):
    text = script_json({"note": payload, "list": [payload]})
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"note": payload, "list": [payload]}


def test_script_json_escapes_line_separators_and_rejects_nan():
    assert "\u2028" not in script_json("a\u2028b")
    with pytest.raises(ValueError):
        script_json(float("nan"))


def test_script_json_opens_no_template_tag():
    text = script_json({"note": "{{ 7*7 }} {% if %} {# c #}"})
    assert "{{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(text)["note"] == "{{ 7*7 }} {% if %} {# c #}"
