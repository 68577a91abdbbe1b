"""timemap.js in a real Chromium: restyle by date, URL date, untrusted text shown as text.

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
from browser_support import blocked_context
from browser_support import browser as browser  # module-scoped fixture
from mapview_fixtures import BACKDROP, CORRIDOR, DISTRICTS, KEY_DATES, SPAN, TIMELINE, event

from karabakh_map.mapview.assets import publish
from karabakh_map.mapview.build import build_map

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
    m = build_map(DISTRICTS, CORRIDOR, BACKDROP, timeline=TIMELINE, key_dates=KEY_DATES,
                  span=(date(1990, 1, 1), SPAN[1]), initial_date=date(2020, 11, 19),
                  slider_window=SPAN, events=[ev])
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
    page.keyboard.press("p")  # previous key date
    page.wait_for_function("() => document.querySelector('.kbm-date').textContent"
                           " === '10 November 2020'")


def test_slider_opens_on_the_window_and_widens(site, page):
    page.goto(site)
    page.wait_for_function(READY)
    days_in_window = (SPAN[1] - SPAN[0]).days
    assert page.get_attribute(".kbm-slider", "max") == str(days_in_window)
    page.click("text=Whole span")
    assert int(page.get_attribute(".kbm-slider", "max")) > 11000
    assert page.text_content(".kbm-date") == "19 November 2020"  # the date stays put


def test_url_date_is_followed(site, page):
    page.goto(site + "?date=2020-12-01")
    page.wait_for_function(READY)
    assert page.text_content(".kbm-date") == "1 December 2020"
    assert fill(page, "AZ-AGM").upper() == AZ
    assert fill(page, "AZ-KAL").upper() != AZ


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
