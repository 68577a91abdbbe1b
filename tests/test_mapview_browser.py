"""timemap.js in a real Chromium: restyle by date, URL date, untrusted text shown as text,
the controls (key dates, play, keys, wheel), popups, markers and labels.

The map page is build_map's standalone HTML served from a temporary folder over loopback
(no Streamlit); every request to another host is blocked and fails the test.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from karabakh_map.mapview.assets import publish
from karabakh_map.mapview.build import build_map
from tests.support.browser_support import blocked_context
from tests.support.browser_support import browser as browser  # module-scoped fixture
from tests.support.mapview_fixtures import (
    BACKDROP,
    CORRIDOR,
    DISTRICTS,
    KEY_DATES,
    SPAN,
    TIMELINE,
    event,
)

pytestmark = pytest.mark.browser
NASTY = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=2</script>",
         "${window.__pwned=3}", "\\1 \\u0041"]
AZ = "#0072B2"
READY = "() => !!document.querySelector('.leaflet-container[data-kbm-ready]')"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    note = " | ".join(NASTY)
    ev = event(note=note, place=NASTY[0], sources=[
        {"publisher": NASTY[1], "title": NASTY[2], "url": "javascript:window.__pwned=4",
         "quote": NASTY[3], "published": "2020-11-20"}])
    # Three more events at the same place (and at the top edge of the districts).
    # The last of them unreviewed (extracted by ingest, not yet confirmed).
    same_place = [event(id=8 + i, note=f"same place {i}", latitude=40.09, longitude=46.05,
                        review="extracted" if i == 2 else "confirmed") for i in range(3)]
    m = build_map(DISTRICTS, CORRIDOR, BACKDROP, timeline=TIMELINE, key_dates=KEY_DATES,
                  span=(date(1990, 1, 1), SPAN[1]), initial_date=date(2020, 11, 19),
                  slider_window=SPAN, events=[ev, *same_place])
    publish(root / "app" / "static", m)
    (root / "index.html").write_text(m.get_root().render(), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass


@pytest.fixture
def page(browser):
    with blocked_context(browser, allow_hosts=("127.0.0.1",)) as guarded:
        yield guarded.new_page()
    assert guarded.blocked == [], f"requests left loopback: {guarded.blocked}"
    assert guarded.dialogs == []


def fill(pg, district: str) -> str:
    return pg.get_attribute(f'path[data-district="{district}"]', "fill")


def test_step_across_handover_turns_aghdam_azerbaijani(site, page):
    page.goto(site)
    page.wait_for_function(READY)
    assert fill(page, "AZ-AGM").startswith("url(#kbm-hatch")  # handover due on 19 Nov
    page.focus(".kbm-slider")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(az) => document.querySelector('path[data-district=\"AZ-AGM\"]')"
        ".getAttribute('fill').toUpperCase() === az", arg=AZ)
    assert page.text_content(".kbm-date") == "20 November 2020"
    page.keyboard.press("p")  # previous key date (the slider has the focus)
    page.wait_for_function("() => document.querySelector('.kbm-date').textContent"
                           " === '10 November 2020'")


def test_slider_opens_on_the_window_and_widens(site, page):
    page.goto(site)
    page.wait_for_function(READY)
    days_in_window = (SPAN[1] - SPAN[0]).days
    assert page.get_attribute(".kbm-slider", "max") == str(days_in_window)
    page.click("text=Whole record")
    assert int(page.get_attribute(".kbm-slider", "max")) > 11000
    assert page.text_content(".kbm-date") == "19 November 2020"  # the date stays put


def test_url_date_is_followed(site, page):
    page.goto(site + "?date=2020-12-01")
    page.wait_for_function(READY)
    assert page.text_content(".kbm-date") == "1 December 2020"
    assert fill(page, "AZ-AGM").upper() == AZ


def test_untrusted_text_is_shown_as_text_and_never_runs(site, page):
    page.goto(site + "?date=2020-11-20")
    page.wait_for_function(READY)
    page.evaluate("() => window.kbmTimeMap.eventLayer.getLayers()[0].openPopup()")
    popup = page.wait_for_selector(".kbm-popup")
    text = popup.text_content()
    for payload in NASTY:
        assert payload in text
    assert popup.query_selector("img, script") is None
    assert popup.query_selector("a") is None  # a javascript: link is not made a link
    assert page.evaluate("() => window.__pwned") is None


def test_map_fits_the_districts_and_refits_when_its_frame_grows(site, page):
    page.set_viewport_size({"width": 500, "height": 300})
    page.goto(site)
    page.wait_for_function(READY)
    zoom = "() => window.kbmTimeMap.map.getZoom()"
    small = page.evaluate(zoom)
    page.set_viewport_size({"width": 1400, "height": 1000})  # e.g. a frame sized late
    page.wait_for_function(f"() => ({zoom})() > {small}")
    inside = ("() => { const m = window.kbmTimeMap.map;"
              " return m.getBounds().contains(window.kbmTimeMap.bounds); }")
    assert page.evaluate(inside)
    # Once the user has moved the map, a resize leaves their view alone.
    page.mouse.move(700, 700)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(400)
    mine = page.evaluate(zoom)
    page.set_viewport_size({"width": 900, "height": 700})
    page.wait_for_timeout(300)
    assert page.evaluate(zoom) == mine


def test_a_passed_deadline_stays_hatched_until_control_changes(site, page):
    """The browser shows Python's segment as it is: Kalbajar's 15 Nov deadline passed, the
    handover came on 25 Nov; in between the hatch (and the tooltip's deadline) stay."""
    page.goto(site + "?date=2020-11-18")
    page.wait_for_function(READY)
    assert fill(page, "AZ-KAL").startswith("url(#kbm-hatch")
    page.goto(site + "?date=2020-11-25")
    page.wait_for_function(READY)
    assert fill(page, "AZ-KAL").upper() == AZ


def test_n_and_p_work_with_the_focus_outside_the_panel(site, page):
    page.goto(site + "?date=2020-11-19")
    page.wait_for_function(READY)
    page.click(".leaflet-control-attribution")  # focus away from the date panel
    page.keyboard.press("n")
    page.wait_for_function("() => document.querySelector('.kbm-date').textContent"
                           " === '20 November 2020'")
    page.keyboard.press("P")
    page.wait_for_function("() => document.querySelector('.kbm-date').textContent"
                           " === '10 November 2020'")
    assert "anywhere" in page.get_attribute(".kbm-next", "title")


def test_key_date_button_at_the_end_says_so(site, page):
    page.goto(site + "?date=2020-11-25")
    page.wait_for_function(READY)
    assert page.get_attribute(".kbm-next", "aria-disabled") == "true"
    page.click(".kbm-next", force=True)  # aria-disabled: still a button a user can press
    assert page.text_content(".kbm-status") == "No later key date"
    assert page.text_content(".kbm-date") == "25 November 2020"


def test_play_restarts_from_the_end_and_its_pause_icon_is_drawn(site, page):
    page.goto(site + "?date=2020-11-25")
    page.wait_for_function(READY)
    page.click(".kbm-play")
    # From the end, play starts over at the window's first key date.
    assert page.text_content(".kbm-date") == "10 November 2020"
    assert page.get_attribute(".kbm-play", "aria-pressed") == "true"
    # The pause symbol is an inline SVG shape (no font needed), with a visible size.
    box = page.locator(".kbm-play svg path").bounding_box()
    assert box and box["width"] >= 6 and box["height"] >= 6
    assert page.get_attribute(".kbm-play svg path", "d").count("M") == 2  # two bars
    page.click(".kbm-play")
    assert page.get_attribute(".kbm-play", "aria-pressed") == "false"


def test_one_wheel_notch_zooms_one_level(site, page):
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(site)
    page.wait_for_function(READY)
    zoom = "() => window.kbmTimeMap.map.getZoom()"
    before = page.evaluate(zoom)
    page.mouse.move(500, 600)
    page.mouse.wheel(0, -100)
    page.wait_for_function(f"() => ({zoom})() !== {before}")
    page.wait_for_timeout(300)
    assert page.evaluate(zoom) == before + 1
    page.mouse.wheel(0, 100)
    page.wait_for_function(f"() => ({zoom})() === {before}")


def test_markers_at_one_place_are_spread_and_popup_title_clears_the_panel(site, page):
    page.set_viewport_size({"width": 900, "height": 700})
    page.goto(site + "?date=2020-11-20")
    page.wait_for_function(READY)
    centres = page.evaluate("""() => window.kbmTimeMap.eventLayer.getLayers()
      .filter((l) => l instanceof L.CircleMarker)
      .map((l) => { const p = window.kbmTimeMap.map.latLngToContainerPoint(l.getLatLng());
                    return [Math.round(p.x), Math.round(p.y)]; })""")
    assert len(centres) == 4
    for i, a in enumerate(centres):  # every marker can be reached: none under another
        for b in centres[i + 1:]:
            assert abs(a[0] - b[0]) + abs(a[1] - b[1]) >= 12, (a, b)
    panel = page.locator(".kbm-panel").bounding_box()
    page.evaluate("""() => { const ms = window.kbmTimeMap.eventLayer.getLayers()
      .filter((l) => l instanceof L.CircleMarker);
      ms[ms.length - 1].openPopup(); }""")
    page.wait_for_timeout(600)  # the pan animation
    title = page.locator(".kbm-popup-title").bounding_box()
    assert title and title["y"] >= panel["y"] + panel["height"], (title, panel)


def test_unreviewed_events_are_hollow_grey_and_say_so(site, page):
    page.goto(site + "?date=2020-11-20")
    page.wait_for_function(READY)
    looks = page.evaluate("""() => window.kbmTimeMap.eventLayer.getLayers()
      .filter((l) => l instanceof L.CircleMarker)
      .map((l) => [l.options.fillOpacity, l.options.color])""")
    assert sorted(looks).count([0, "#888888"]) == 1 and len(looks) == 4
    page.evaluate("""() => window.kbmTimeMap.eventLayer.getLayers()
      .filter((l) => l instanceof L.CircleMarker && l.options.fillOpacity === 0)[0]
      .openPopup()""")
    assert page.locator(".kbm-popup .kbm-unreviewed").inner_text().strip() == "(unreviewed)"
    assert page.locator(".kbm-legend", has_text="not yet reviewed").count() == 1


def test_labels_do_not_overlap(site, page):
    page.set_viewport_size({"width": 500, "height": 320})
    page.goto(site)
    page.wait_for_function(READY)
    page.evaluate("() => window.kbmTimeMap.map.setZoom(5)")  # squeeze the labels together
    page.wait_for_timeout(400)
    boxes = page.evaluate("""() => [...document.querySelectorAll('.kbm-label span')]
      .filter((s) => s.style.visibility !== 'hidden')
      .map((s) => { const r = s.getBoundingClientRect();
                    return [r.left, r.top, r.right, r.bottom]; })""")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_compare_date_outlines_what_changed(site, page):
    page.goto(site + "?date=2020-11-20&compare=2020-11-19")
    page.wait_for_function(READY)
    stroke = 'path[data-district="{}"]'
    assert page.get_attribute(stroke.format("AZ-AGM"), "stroke").upper() == "#CC0000"
    assert page.get_attribute(stroke.format("AZ-KAL"), "stroke").upper() != "#CC0000"
