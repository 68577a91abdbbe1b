"""build_map tested without Streamlit: the folium object, its config and rendered HTML."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from karabakh_map.mapview.build import build_map, map_events
from karabakh_map.mapview.element import TimeMap, time_map_element
from karabakh_map.mapview.style import KNOWN_COLOURS
from karabakh_map.model import Controller
from tests.support.mapview_fixtures import (
    BACKDROP,
    CORRIDOR,
    DISTRICTS,
    KEY_DATES,
    PAYLOADS,
    SPAN,
    TIMELINE,
    event,
)


def make(**kw):
    args = {"timeline": TIMELINE, "key_dates": KEY_DATES, "span": SPAN,
            "initial_date": date(2020, 11, 19)}
    args.update(kw)
    return build_map(DISTRICTS, CORRIDOR, BACKDROP, **args)


def config_from_html(html: str) -> dict:
    """The JSON the map hands to timemap.js, read back from the rendered page."""
    match = re.search(r"KbmTimeMap\.init\([^,]+, (\{.*?\})\);", html, re.S)
    assert match, "KbmTimeMap.init call not found"
    return json.loads(match.group(1))


def test_rendered_html_loads_nothing_from_the_network():
    html = make(events=[event()]).get_root().render()
    urls = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html)
    assert urls, "expected local script and stylesheet links"
    assert all(u.startswith("/app/static/kbm/") for u in urls), urls
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html)
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_online_tiles_are_config_only_and_off_by_default():
    cfg = time_map_element(make()).config
    assert "tiles" not in cfg["layers"]
    assert cfg["tiles"]["url"].startswith("https://")  # loaded only if the user turns it on


def test_every_district_id_is_in_config_and_geometry_file():
    m = make()
    el = time_map_element(m)
    cfg = config_from_html(m.get_root().render())
    ids = {f["properties"]["id"] for f in DISTRICTS["features"]}
    assert {d["id"] for d in cfg["districts"]} == ids
    assert set(cfg["timeline"]) == ids
    name = cfg["geometry"]["districts"].rsplit("/", 1)[1]
    published = json.loads(el.files[name])
    assert {f["properties"]["id"] for f in published["features"]} == ids
    # only what the map shows travels to the browser
    assert "source" not in published["features"][0]["properties"]


def test_geometry_is_not_in_the_map_script():
    html = make().get_root().render()
    assert "coordinates" not in html
    assert re.search(r"/app/static/kbm/districts-[0-9a-f]{12}\.geojson", html)


def test_geometry_file_names_follow_content():
    a = time_map_element(make()).config["geometry"]["districts"]
    b = time_map_element(make(window_days=3)).config["geometry"]["districts"]
    assert a == b
    changed = json.loads(json.dumps(DISTRICTS))
    changed["features"][0]["properties"]["name"] = "Agdam"
    m = build_map(changed, CORRIDOR, BACKDROP, timeline=TIMELINE, key_dates=KEY_DATES,
                  span=SPAN, initial_date=date(2020, 11, 19))
    assert time_map_element(m).config["geometry"]["districts"] != a


def test_config_carries_palette_dates_and_legend_inputs():
    cfg = time_map_element(make(layers={"events"}, window_days=3)).config
    assert cfg["controllers"]["Azerbaijan"]["color"] == KNOWN_COLOURS[Controller.AZERBAIJAN]
    assert cfg["controllers"]["unknown"]["label"] == "Unknown"
    assert cfg["unknown"] == "unknown"  # timemap.js's key for a district with no record
    assert cfg["key_dates"] == ["2020-11-10", "2020-11-20", "2020-11-25"]
    assert (cfg["min_date"], cfg["max_date"], cfg["date"]) == ("2020-09-01", "2020-12-31",
                                                               "2020-11-19")
    assert cfg["timeline"]["AZ-AGM"][1] == {"from": "2020-11-10",
                                            "controller": "Armenian forces",
                                            "scheduled": "2020-11-20"}
    assert cfg["layers"] == ["events"] and cfg["window_days"] == 3
    assert any("Natural Earth" in a for a in cfg["attribution"])


def test_initial_date_is_clamped_to_the_span():
    cfg = time_map_element(make(initial_date=date(2030, 1, 1))).config
    assert cfg["date"] == "2020-12-31"


def test_slider_window_is_clipped_to_the_span_and_dropped_when_equal():
    long_span = (date(1991, 1, 1), date(2020, 12, 31))
    window = (date(2020, 1, 1), date(2021, 6, 30))
    cfg = time_map_element(make(span=long_span, slider_window=window)).config
    assert cfg["slider_window"] == ["2020-01-01", "2020-12-31"]
    assert cfg["slider_window_label"] == "2020-2021"
    narrow = (date(2020, 11, 1), date(2020, 11, 30))
    assert time_map_element(make(slider_window=narrow)).config["slider_window"] == [
        "2020-11-01", "2020-11-30"]
    assert time_map_element(make(slider_window=SPAN)).config["slider_window"] is None
    assert time_map_element(make()).config["slider_window"] is None


def test_bad_inputs_fail_clearly():
    with pytest.raises(ValueError, match="unknown map layers"):
        make(layers={"lasers"})
    no_id = {"type": "FeatureCollection",
             "features": [{"type": "Feature", "properties": {}, "geometry":
                           DISTRICTS["features"][0]["geometry"]}]}
    with pytest.raises(ValueError, match="'id'"):
        build_map(no_id, None, None, timeline={}, key_dates=[], span=SPAN,
                  initial_date=SPAN[0])
    with pytest.raises(ValueError, match="build_map"):
        import folium
        time_map_element(folium.Map())


def test_one_time_map_element_with_local_script():
    m = make()
    elements = [c for c in m._children.values() if isinstance(c, TimeMap)]
    assert len(elements) == 1
    assert elements[0].default_js[0][1].startswith("/app/static/kbm/timemap.js?v=")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_untrusted_event_text_cannot_break_out(payload):
    ev = event(note=payload, place=payload, dispute_note=payload,
               sources=[{"publisher": payload, "title": payload, "url": "javascript:alert(1)",
                         "quote": payload}])
    html = make(events=[ev]).get_root().render()
    cfg = config_from_html(html)
    shown = cfg["events"][0]
    # the text arrives intact, as data, for timemap.js to insert with textContent
    assert shown["note"] == payload and shown["place"] == payload
    assert shown["sources"][0]["quote"] == payload
    script = html[html.index("KbmTimeMap.init"):]
    script = script[:script.index("</script>")]
    assert "<" not in script.replace("</script>", "")  # nothing can close the element
    assert payload not in script or not any(c in payload for c in "<>")


def test_map_events_drops_unplaceable_events_and_keeps_sources():
    rows = map_events([event(), event(latitude=None), event(date_earliest=None)])
    assert len(rows) == 1
    assert rows[0]["sources"] == [{"publisher": "Paper", "title": "Title",
                                   "published": "2020-11-20", "url": "https://example.org/a"}]
    assert rows[0]["type"] == "transfer of territory"


def test_inline_geometry_is_rounded_and_fetches_nothing():
    from karabakh_map.mapview.build import INLINE_DIGITS

    element = time_map_element(make(inline_geometry=True))
    assert element.files == {}
    geometry = element.config["geometry"]
    assert isinstance(geometry["districts"], dict) and isinstance(geometry["backdrop"], dict)
    ring = geometry["districts"]["features"][0]["geometry"]["coordinates"][0]
    assert all(round(c, INLINE_DIGITS) == c for point in ring for c in point)
