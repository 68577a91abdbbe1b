"""Hostile article content (tests/support/xss_cases.py) everywhere the dashboard and the HTML export
show it, in headless Chromium: nothing runs, the text shows as typed, the map still works.

The dashboard is the real server of test_dashboard_browser (its `app` and `guarded`
fixtures, here over a store with the hostile articles): `guarded` fails a test on any
dialog (alert) and on any request to a host but the app's (a Markdown image would fetch
from evil.example). The export is made by the CLI and opened from file:// with every
request blocked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_dashboard_browser import IDLE, MAP_FRAME, PWNED_ANYWHERE, TIMEOUT_MS
from test_dashboard_browser import app as app  # served from our store_url (below)
from test_dashboard_browser import guarded as guarded

from tests.support import xss_cases as x
from tests.support.browser_support import blocked_context
from tests.support.browser_support import browser as browser  # the module-scoped fixture

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parent.parent
DAY = x.DAY.isoformat()

# Any element, in any same-origin frame, carrying one of the payloads' handlers or URLs.
INJECTED = """() => { const bad = [];
  const look = (w) => { let d; try { d = w.document; } catch (_) { return; }
    for (const e of d.querySelectorAll('*')) {
      for (const a of e.attributes) {
        const v = a.value || '';
        const link = /^(href|src|action|formaction|xlink:href)$/.test(a.name);
        if ((a.name.startsWith('on') && /__pwned|alert\\(/.test(v)) ||
            (link && /^\\s*javascript:/i.test(v)))
          bad.push(e.tagName + ' ' + a.name + '=' + v.slice(0, 60));
      }
      if (e.tagName === 'IMG' && /evil\\.example|^x$/.test(e.getAttribute('src') || ''))
        bad.push('img ' + e.getAttribute('src'));
    }
    for (let i = 0; i < w.frames.length; i++) look(w.frames[i]); };
  look(window); return bad; }"""
MARKUP = "img, script, svg, iframe, object, embed, video, audio"
# Open every event marker's popup; keep those that show the hostile text.
POPUPS = """(mark) => { const out = [];
  for (const m of window.kbmTimeMap.eventLayer.getLayers()) {
    m.openPopup();
    const box = m.getPopup().getElement();
    const p = box && box.querySelector('.kbm-popup');
    if (p && p.textContent.includes(mark)) out.push({text: p.textContent,
      markup: p.querySelectorAll('@MARKUP@').length,
      hrefs: [...p.querySelectorAll('a')].map((a) => a.getAttribute('href'))});
    m.closePopup();
  } return out; }""".replace("@MARKUP@", MARKUP)
TOOLTIP = """(id) => { const layer = window.kbmTimeMap.districts[id].layer;
  layer.openTooltip(); const t = layer.getTooltip().getElement();
  const r = {text: t.textContent, markup: t.querySelectorAll('@MARKUP@').length};
  layer.closeTooltip(); return r; }""".replace("@MARKUP@", MARKUP)
LEGEND = """() => { const l = document.querySelector('.kbm-legend');
  return {text: l.textContent, markup: l.querySelectorAll('@MARKUP@').length}; }"""
LEGEND = LEGEND.replace("@MARKUP@", MARKUP)


def _in_frame(js: str) -> str:
    """`js` (a function of one argument) for Locator.evaluate, which passes the element first."""
    return f"(_, arg) => ({js})(arg)"


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The hostile store, its direct article's events confirmed (see
    xss_cases.confirmed_hostile_store_in)."""
    return x.confirmed_hostile_store_in(tmp_path_factory.mktemp("hostile"))


def watch(page: Any) -> list[str]:
    """Uncaught page errors and console errors, as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error"
            else None)
    return errors


def open_app(guarded: Any, url: str) -> tuple[Any, list[str]]:
    page = guarded.new_page()
    errors = watch(page)
    page.goto(url)
    page.frame_locator(MAP_FRAME).locator(".leaflet-container[data-kbm-ready]").wait_for()
    page.wait_for_function(IDLE, polling=50)
    return page, errors


def assert_inert(page: Any, errors: list[str]) -> None:
    assert page.evaluate(PWNED_ANYWHERE) == []
    assert page.evaluate(INJECTED) == []
    assert errors == []


def check_map(evaluate: Any) -> None:
    """Popups, the district tooltip and the legend show the payloads as text, no markup.

    `evaluate(js, arg)` runs a one-argument function where window.kbmTimeMap lives."""
    popups = evaluate(POPUPS, x.MARK)
    # The hostile transfer (merged by the store with the ingested one: same kind, place and
    # day) and the year-long event.
    assert len(popups) >= 2, popups
    shown = " ".join(p["text"] for p in popups)
    for payload in (*x.PAYLOADS, x.PLACE, x.PUBLISHER):
        assert payload in shown, payload
    assert all(p["markup"] == 0 for p in popups)
    hrefs = [h for p in popups for h in p["hrefs"]]
    assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs  # no javascript:
    tip = evaluate(TOOLTIP, "AZ-TAR")
    assert x.CONTROLLER in tip["text"] and tip["markup"] == 0
    legend = evaluate(LEGEND, None)
    assert x.CONTROLLER in legend["text"] and legend["markup"] == 0


def test_map_popups_tooltip_legend_and_district_click(guarded, app):
    page, errors = open_app(guarded, app + f"?date={DAY}")
    frame = page.frame_locator(MAP_FRAME)
    assert frame.locator("path[data-district]").count() == 12
    body = frame.locator("body")
    check_map(lambda js, arg: body.evaluate(_in_frame(js), arg))
    body.evaluate("() => window.kbmTimeMap.districts['AZ-TAR'].layer.fire('click')")
    page.wait_for_url("**district=AZ-TAR**")
    history = page.locator('[data-testid="stDataFrame"]', has_text="controller").last
    history.get_by_text(x.MARK, exact=False).first.wait_for(state="attached")  # a11y copy
    assert x.CONTROLLER in history.text_content()
    frame.locator(".kbm-slider").focus()  # the slider still steps
    page.keyboard.press("ArrowRight")
    frame.locator(".kbm-date", has_text="24 November 2020").wait_for()
    page.locator("h4", has_text="Control on 24 Nov 2020").first.wait_for()
    assert_inert(page, errors)


def test_tables_and_chart_tooltip_show_text_as_typed(guarded, app):
    page, errors = open_app(guarded, app + f"?date={DAY}&compare=2020-11-21")
    tables = page.locator('[data-testid="stTable"]')
    assert tables.count() == 2  # control on the date, and the comparison
    for i in range(2):
        row = tables.nth(i).locator("tr", has_text="Tartar")
        assert x.CONTROLLER in [c.text_content() for c in row.locator("td").all()]
        assert tables.nth(i).locator(f"{MARKUP}, .katex, .katex-error").count() == 0
    page.get_by_text("Events over time (chart)").click()  # the chart is built on opening
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for()
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    tip = page.locator("#vg-tooltip-element")
    # The hostile transfer is a one-day bar on 23 Nov; the axis opens on Sep-Dec 2020
    # (charts.axis_window), so it lies about 69 % along the plot, right of the type labels.
    found = False
    guess = box["x"] + 120 + (83 / 121) * (box["width"] - 125)
    for dx in sorted(range(-90, 91, 3), key=abs):
        for y in range(int(box["y"]), int(box["y"] + box["height"]), 3):
            page.mouse.move(guess + dx, y)
            if tip.count() and x.MARK in (tip.text_content() or ""):
                found = True
                break
        if found:
            break
    assert found, "no chart tooltip showed the hostile event"
    for payload in x.PAYLOADS:
        assert payload.replace("\u2028", " ").replace("\u2029", " ") in \
            tip.text_content().replace("\u2028", " ").replace("\u2029", " ")
    assert tip.locator(MARKUP).count() == 0
    assert_inert(page, errors)


def test_events_page_shows_sources_quotes_and_places_as_text(guarded, app):
    page, errors = open_app(guarded, app)
    page.get_by_role("link", name="Events and sources").click()
    page.wait_for_function(IDLE, polling=50)
    main = page.locator('[data-testid="stMain"]')
    hostile = main.locator('[data-testid="stExpander"]', has_text=x.MARK)
    hostile.first.wait_for()  # the page switch has drawn the list
    page.wait_for_function(IDLE, polling=50)
    assert hostile.count() >= 3
    for i in range(hostile.count()):
        hostile.nth(i).locator("summary").click()
    page.wait_for_function(IDLE, polling=50)
    text = main.text_content()
    labels = " ".join(s.text_content() for s in hostile.locator("summary").all())
    assert x.PLACE in labels  # the expander label is Markdown: shown escaped, as typed
    for payload in (*x.PAYLOADS, x.NOTE, x.PUBLISHER, x.JS_URL):
        assert payload in text, payload
    assert main.locator(f"[data-testid='stExpander'] :is({MARKUP}), .katex").count() == 0
    assert_inert(page, errors)


def test_place_search_and_url_messages_take_payloads_as_text(guarded, app):
    bad_layers = "![u](http://evil.example/u.png) **b** $\\kbm$"
    page, errors = open_app(guarded, app + "?layers=" + bad_layers.replace(" ", "%20")
                            .replace("$", "%24") + "&date=%3Cscript%3Ealert(1)%3C/script%3E")
    alerts = page.locator('[data-testid="stAlert"]')
    assert alerts.count() == 2
    assert alerts.nth(0).text_content().endswith("Ignored date: expected a date like 2020-11-20.")
    assert alerts.nth(1).text_content().endswith(f"Ignored unknown layers: {bad_layers}.")
    assert alerts.locator(f"{MARKUP}, .katex, strong").count() == 0
    search = page.get_by_label("Any spelling")
    for payload in (x.PAYLOADS[0], x.PAYLOADS[1], x.PAYLOADS[6], x.PAYLOADS[8]):
        search.fill(payload)
        search.press("Enter")
        page.wait_for_function(IDLE, polling=50)
        page.get_by_text("No place by that name").wait_for()  # and maybe near names
    page.get_by_text("Embed and share").click()
    page.get_by_text("Permalink to this view").wait_for()
    page.wait_for_function(IDLE, polling=50)
    page.locator('[data-testid="stCode"]', has_text="<iframe ").wait_for()  # code, not a frame
    assert page.locator('iframe[title^="Control of the districts"]').count() == 0
    page.get_by_role("link", name="Events and sources").click()
    page.wait_for_function(IDLE, polling=50)
    place = page.get_by_label("Place (any spelling)")
    place.fill(x.PAYLOADS[2])
    place.press("Enter")
    page.get_by_text("No place by that name").wait_for()
    assert_inert(page, errors)


@pytest.fixture(scope="module")
def export_file(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`karabakh-map export --html` of the hostile store, as a user would run it."""
    out = tmp_path_factory.mktemp("export") / "map.html"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "karabakh_map.cli", "export", "--db", store_url,
                           "--html", str(out), "--date", DAY], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.fixture
def offline(browser: Any) -> Iterator[Any]:
    with blocked_context(browser, allow_hosts=()) as g:
        g.context.set_default_timeout(TIMEOUT_MS)
        yield g
        assert g.blocked == [], f"network requests: {g.blocked}"
        assert g.dialogs == [], f"a payload ran: {g.dialogs}"


def test_html_export_from_file_is_inert(offline, export_file):
    page = offline.new_page()
    errors = watch(page)
    page.goto(export_file.as_uri())
    page.locator(".leaflet-container[data-kbm-ready]").wait_for()
    assert page.locator("path[data-district]").count() == 12
    assert page.text_content(".kbm-date") == "23 November 2020"
    check_map(page.evaluate)
    page.focus(".kbm-slider")
    page.keyboard.press("ArrowRight")
    page.locator(".kbm-date", has_text="24 November 2020").wait_for()
    assert page.title().startswith("Control of the districts")
    assert_inert(page, errors)
