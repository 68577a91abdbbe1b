"""The real dashboard (`streamlit run dashboard/app.py`) in headless Chromium.

One Streamlit server for the module, on a free loopback port, reading a temporary SQLite
store with the demo catalogue ($KARABAKH_MAP_DB). Every request to a host other than the
app's own is aborted and fails the test. The map lives in streamlit-folium's component
frame, which is same-origin with the app, so the top page can read its SVG paths.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlparse

import pytest

from karabakh_map.areas import gazetteer_resolver
from karabakh_map.demo import open_with_demo
from karabakh_map.model import EventType, ExtractedEvent, FuzzyDate
from karabakh_map.store import ArticleRecord, open_store, write_article
from tests.support.browser_support import blocked_context, launch_dashboard, stop, wait_healthy
from tests.support.browser_support import browser as browser  # the module-scoped fixture

pytestmark = pytest.mark.browser
AZ, ARM = "#0072B2", "#E69F00"  # karabakh_map/mapview/style.py
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 60_000
NASTY = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">',
         "${window.__pwned=3}", "\\1"]
NASTY_DAY = date(2020, 11, 22)

# The zones that change hands on the days the tests step across (the map shades zones;
# a district's own path above them is an outline).
AGM, KAL, LAC = "AZ-AGM/held_1994", "AZ-KAL/held_1994", "AZ-LAC/held_1994"
# In the top page: the fill of a zone's (or district's) path in the map frame ('' until drawn).
FILL = """(id) => { for (const f of document.querySelectorAll('iframe')) {
  let doc; try { doc = f.contentDocument; } catch (_) { continue; }
  const p = doc && doc.querySelector(
    'path[data-zone="' + id + '"], path[data-district="' + id + '"]');
  if (p) return (p.getAttribute('fill') || '').toUpperCase(); } return ''; }"""
FILL_IS = "([id, want]) => (" + FILL + ")(id) === want"
FILL_IS_NOT = "([id, want]) => { const f = (" + FILL + ")(id); return f !== '' && f !== want; }"
# The base colour of a hatch pattern a path is filled with (url(#kbm-hatch-N)).
HATCH_BASE = """(id) => { for (const f of document.querySelectorAll('iframe')) {
  const doc = f.contentDocument;
  const p = doc && doc.querySelector(
    'path[data-zone="' + id + '"], path[data-district="' + id + '"]');
  if (!p) continue;
  const m = /url\\(#([^)]+)\\)/.exec(p.getAttribute('fill') || '');
  const rect = m && doc.querySelector('#' + m[1] + ' rect');
  return rect ? rect.getAttribute('fill').toUpperCase() : null; } return null; }"""
IDLE = """() => { const a = document.querySelector('[data-testid="stApp"]');
  return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }"""
PWNED_ANYWHERE = """() => { const seen = [];
  const look = (w) => { try { if (w.__pwned !== undefined) seen.push(String(w.__pwned)); }
    catch (_) {} for (let i = 0; i < w.frames.length; i++) look(w.frames[i]); };
  look(window); return seen; }"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'dash.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    return url


@pytest.fixture(scope="module")
def app(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the real dashboard, run from the repository with its .streamlit config."""
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    proc = launch_dashboard(store_url, port, log)
    try:
        wait_healthy(proc, log, port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(proc)


@pytest.fixture
def guarded(browser: Any, app: str) -> Iterator[Any]:
    """A browser context allowed to talk only to the app's host; asserts that afterwards."""
    with blocked_context(browser, allow_hosts={urlparse(app).hostname},
                         viewport={"width": 1280, "height": 1000}) as g:
        g.context.set_default_timeout(TIMEOUT_MS)
        yield g
        assert g.blocked == [], f"requests to other hosts: {g.blocked}"
        assert g.dialogs == [], f"dialogs opened: {g.dialogs}"


def open_map(guarded: Any, url: str) -> Any:
    """Open a dashboard URL and wait for the time map to be drawn and the script to finish."""
    page = guarded.new_page()
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container[data-kbm-ready]").wait_for()
    page.wait_for_function(IDLE, polling=50)
    return page


def heading(page: Any, text: str) -> None:
    """Wait for the control table's heading (the Streamlit side) to show `text`."""
    page.locator("h4", has_text=f"Control on {text}").first.wait_for()


def test_page_loads_with_no_request_to_other_hosts(guarded, app):
    hosts: set[str] = set()
    guarded.context.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    page = open_map(guarded, app)
    assert page.evaluate(FILL, AGM) != ""
    page.get_by_text("Events over time (chart)").click()  # built on opening
    page.locator('[data-testid="stVegaLiteChart"] canvas, '
                 '[data-testid="stVegaLiteChart"] svg').first.wait_for()  # events chart drawn
    page.get_by_text("Embed and share").click()  # built on opening: code boxes, downloads
    page.get_by_text("Permalink to this view").wait_for()
    page.wait_for_function(IDLE, polling=50)
    for link in ("Events and sources", "Data and method"):
        page.get_by_role("link", name=link).click()
        page.wait_for_function(IDLE, polling=50)
    assert hosts == {urlparse(app).netloc}


def test_one_set_of_time_controls_and_no_date_heading_above_the_map(guarded, app):
    page = open_map(guarded, app + "?date=2020-11-19")
    main = page.locator('[data-testid="stMain"]')
    main.locator('[data-testid="stSlider"]').first.wait_for()  # drawn once the map painted
    page.wait_for_function(IDLE, polling=50)
    assert main.locator('[data-testid="stSlider"]').count() == 1  # the events window only
    main.get_by_text("Record as known on").wait_for()  # under the map, once it has painted
    assert main.locator("h2").count() == 0
    assert main.get_by_role("button", name="Key date").count() == 0


def test_in_map_slider_step_across_20_november_turns_aghdam_azerbaijani(guarded, app):
    page = open_map(guarded, app + "?date=2020-11-19")
    assert page.evaluate(FILL, AGM).startswith("URL(#KBM-HATCH")  # handover due
    assert page.evaluate(HATCH_BASE, AGM) == ARM
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".kbm-slider").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(FILL_IS, arg=[AGM, AZ])
    assert frame.locator(".kbm-date").text_content() == "20 November 2020"
    heading(page, "20 Nov 2020")  # the Streamlit side follows the map
    page.wait_for_url("**date=2020-11-20**")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(FILL_IS_NOT, arg=[AGM, AZ])
    heading(page, "19 Nov 2020")


def test_n_and_p_step_key_dates_with_the_focus_on_the_page(guarded, app):
    page = open_map(guarded, app + "?date=2020-11-19")
    page.locator('[data-testid="stCaptionContainer"]').first.click()  # outside the map
    page.keyboard.press("n")
    page.wait_for_function(FILL_IS, arg=[AGM, AZ])
    heading(page, "20 Nov 2020")
    page.wait_for_url("**date=2020-11-20**")
    page.keyboard.press("p")
    page.wait_for_function(FILL_IS_NOT, arg=[AGM, AZ])
    shown = page.frame_locator(MAP_FRAME).locator(".kbm-date").text_content()
    day, month, year = shown.split()
    heading(page, f"{day} {month[:3]} {year}")  # the previous key date, on both sides
    # Typing in a field is typing, not stepping.
    page.get_by_placeholder("Shushi, Karvachar, Khankendi…").fill("n")
    page.wait_for_timeout(300)
    assert page.frame_locator(MAP_FRAME).locator(".kbm-date").text_content() == shown


def test_in_map_step_back_to_its_last_reported_date_still_moves_the_page(guarded, app):
    """The map reports 20 Nov, a key date back to 10 Nov, forward to 20 Nov again: the
    same date as an earlier report must still reach the Streamlit side."""
    page = open_map(guarded, app + "?date=2020-11-19")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".kbm-slider").focus()
    page.keyboard.press("ArrowRight")
    heading(page, "20 Nov 2020")
    page.wait_for_function(IDLE, polling=50)
    frame.locator(".kbm-prev").click()
    page.wait_for_function(FILL_IS_NOT, arg=[AGM, AZ])
    day, month, year = frame.locator(".kbm-date").text_content().split()
    heading(page, f"{day} {month[:3]} {year}")
    page.wait_for_function(IDLE, polling=50)
    frame.locator(".kbm-next").click()
    page.wait_for_function(FILL_IS, arg=[AGM, AZ])
    heading(page, "20 Nov 2020")
    page.wait_for_url("**date=2020-11-20**")


def test_url_date_25_november_shows_kalbajar_handed_over_and_lachin_not(guarded, app):
    page = open_map(guarded, app + "?date=2020-11-25")
    heading(page, "25 Nov 2020")
    assert page.frame_locator(MAP_FRAME).locator(".kbm-date").text_content() == \
        "25 November 2020"
    assert page.evaluate(FILL, KAL) == AZ
    assert page.evaluate(FILL, LAC).startswith("URL(#KBM-HATCH")  # due on 1 December
    assert page.evaluate(HATCH_BASE, LAC) == ARM


def test_a_day_after_the_last_event_is_shown_as_asked(guarded, app):
    page = open_map(guarded, app + "?date=2020-12-02")
    heading(page, "2 Dec 2020")
    assert page.frame_locator(MAP_FRAME).locator(".kbm-date").text_content() == \
        "2 December 2020"
    assert "date=2020-12-02" in page.url


def _write_nasty_article(store_url: str) -> None:
    nasty = " ".join(NASTY)
    text = f"A test article. {nasty} End of the test article."
    start = text.index(NASTY[0])
    event = ExtractedEvent(
        type=EventType.POLITICAL, date=FuzzyDate.day(NASTY_DAY), place_id="aghdam",
        district_id="AZ-AGM", note=f"note {nasty}", start=start, end=start + len(nasty))
    record = ArticleRecord(title=f"title {nasty}", source=f"wire {nasty}", published=NASTY_DAY,
                           published_how="given", text=text)
    store = open_store(store_url)
    try:
        write_article(store.engine, record, [event], resolve_place=gazetteer_resolver())
    finally:
        store.engine.dispose()


def test_untrusted_article_text_is_shown_as_text_and_never_runs(guarded, app, store_url):
    _write_nasty_article(store_url)
    page = open_map(guarded, app + f"?date={NASTY_DAY}")
    for district in (AGM, KAL, LAC, "AZ-XA"):
        assert page.evaluate(FILL, district) != ""
    frame = page.frame_locator(MAP_FRAME)
    opened = frame.locator("body").evaluate("""() => {
      for (const m of window.kbmTimeMap.eventLayer.getLayers()) {
        m.openPopup();
        const box = m.getPopup().getElement();
        if (box && box.textContent.includes('__pwned')) return true;
        m.closePopup();
      } return false; }""")
    popup = frame.locator(".leaflet-popup:has-text('__pwned') .kbm-popup")
    assert opened, "no event popup holds the test article's event"
    text = popup.text_content()
    for payload in NASTY:
        assert text.count(payload) >= 3, payload  # note, source title and publisher, quote
    assert popup.locator("img, script").count() == 0
    assert page.evaluate(PWNED_ANYWHERE) == []

    page.get_by_role("link", name="Events and sources").click()
    page.wait_for_function(IDLE, polling=50)
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("Aghdam", exact=False).first.wait_for(state="attached")
    content = main.text_content()
    for payload in NASTY:
        assert payload in content, payload
    assert main.locator("img[src=x], script").count() == 0
    assert page.evaluate(PWNED_ANYWHERE) == []


# In the map's frame: the screen points of the district labels' anchors (inside each
# district) and what the top of the page shows there.
COVERED = """() => { const tm = window.kbmTimeMap, out = [];
  for (const d of tm.cfg.districts) {
    const p = tm.map.latLngToContainerPoint([d.lat, d.lon]);
    const r = tm.map.getContainer().getBoundingClientRect();
    const x = r.left + p.x, y = r.top + p.y;
    const top = document.elementFromPoint(x, y);
    out.push({ id: d.id, x: x, y: y, inside: x >= 0 && y >= 0 && x < innerWidth && y < innerHeight,
               path: !!top && top.tagName.toLowerCase() === 'path' }); }
  return out; }"""


@pytest.mark.parametrize("size", [(600, 400), (400, 300)])
def test_compact_embed_fills_small_frames(browser, app, size, tmp_path_factory):
    width, height = size
    with blocked_context(browser, allow_hosts={urlparse(app).hostname},
                         viewport={"width": width, "height": height}) as g:
        g.context.set_default_timeout(TIMEOUT_MS)
        page = open_map(g, app + f"?date=2020-11-25&compact=1&h={height}&embed=true")
        shot = tmp_path_factory.mktemp("embed") / f"embed-{width}x{height}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 5000
        assert page.evaluate(FILL, KAL) == AZ
        assert page.locator('[data-testid="stSlider"]').count() == 0  # the map alone
        assert page.locator('[data-testid="stSidebar"]:visible').count() == 0
        frame_box = page.locator(MAP_FRAME).bounding_box()
        assert frame_box and frame_box["width"] >= width - 2 and frame_box["height"] >= height - 2
        frame = page.frame_locator(MAP_FRAME)
        row = [frame.locator(p).bounding_box() for p in (".kbm-prev", ".kbm-slider", ".kbm-date")]
        assert all(b is not None for b in row)
        assert max(b["y"] for b in row) - min(b["y"] for b in row) < 20  # one line
        assert frame.locator(".kbm-legend").get_attribute("open") is None  # folded
        points = frame.locator("body").evaluate(COVERED)
        visible = [p for p in points if p["inside"] and p["path"]]
        assert len(visible) >= len(points) - 1, points  # at most one district off-frame
        frame.locator(".kbm-slider").focus()
        page.keyboard.press("ArrowRight")
        assert frame.locator(".kbm-date").text_content() == "26 Nov 2020"
        assert g.blocked == [] and g.dialogs == []


# In the map's frame, once its labels are placed at the zoom shown: the boxes of the
# labels shown (visible, inside the map).
LABEL_BOXES = """() => { const c = window.kbmTimeMap.map.getContainer();
  const m = c.getBoundingClientRect();
  return [...c.querySelectorAll('.kbm-label span')]
    .filter((s) => getComputedStyle(s).visibility !== 'hidden')
    .map((s) => { const r = s.getBoundingClientRect();
                  return [s.textContent, r.left, r.top, r.right, r.bottom]; })
    .filter((b) => b[3] > m.left && b[1] < m.right && b[4] > m.top && b[2] < m.bottom); }"""
LABELS_PLACED = """() => { const tm = window.kbmTimeMap;
  return !!tm && tm.map.getContainer().dataset.kbmLabels === String(tm.map.getZoom()); }"""


@pytest.mark.parametrize("size", [(1400, 1000), (600, 400), (400, 300)])
def test_place_labels_do_not_overlap_on_the_post_war_map(browser, app, size):
    width, height = size
    query = "?date=2021-01-01" + (f"&compact=1&h={height}&embed=true" if width < 1000 else "")
    with blocked_context(browser, allow_hosts={urlparse(app).hostname},
                         viewport={"width": width, "height": height}) as g:
        g.context.set_default_timeout(TIMEOUT_MS)
        page = open_map(g, app + query)
        frame = next(f for f in page.frames if "streamlit_folium" in f.url)
        frame.wait_for_function(LABELS_PLACED)
        frame.wait_for_load_state("load")  # late stylesheets and fonts have landed
        frame.wait_for_function(LABELS_PLACED)
        boxes = frame.evaluate(LABEL_BOXES)
        names = [b[0] for b in boxes]
        assert {"Khojaly", "Stepanakert"} <= set(names) or width < 1000, names
        assert len(boxes) >= 6, names  # at least half the districts keep their label
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2], (a, b)
        assert g.blocked == [] and g.dialogs == []


def test_record_controls_under_the_map_rebuild_the_whole_view(guarded, app):
    """The record controls live in the map's fragment, drawn once the map has painted; a
    change there still runs the whole page (a new view, a new map)."""
    page = open_map(guarded, app + "?date=2020-11-25")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("Confirmed only").click()
    page.wait_for_url("**reviews=confirmed**")
    main.get_by_text("confirmed events only").first.wait_for()  # the caption under the map
    page.wait_for_function(IDLE, polling=50)
    # the map is back (its new frame may paint after the page is idle): Kalbajar handed over
    page.wait_for_function(FILL_IS, arg=[KAL, AZ])
