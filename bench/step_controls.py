"""Every way of changing the dashboard's date, driven in Chromium and timed (for
bench_step_latency): the map's slider keys, its key-date buttons, N/P pressed on the page
(outside the map), play, and the page URL.

Each step goes across 20 Nov 2020 (Aghdam's handover): forward from 19 Nov, back from
20 Nov. Timed from the user's action (keydown or click; for play, the timer tick that moves
the date; for the URL, the history change) to the first animation frame after Aghdam's
fill changed ("map"), and to the control table's heading showing the map's date ("tables":
the fragment rerun; not for the URL, which Python does not read back).
"""

from __future__ import annotations

from playwright.sync_api import Frame, Page

from bench.benchkit import AFTER, AZERBAIJAN, BEFORE, HEADING_FOUND, IDLE, PROBE, PROBE_START

CONTROLS = ("slider keys", "key-date buttons", "N/P on the page", "play", "URL")
# An Aghdam zone that changes hands on 20 Nov 2020, else the district (no zones).
AGHDAM = 'path[data-zone="AZ-AGM/held_1994"], path[data-district="AZ-AGM"]'
MAP_FRAME = "streamlit_folium"

# Record the time of the next keydown or click in the top page or any frame.
HOOK_INPUT = """() => { window.__kbmKeyAt = null;
  const hook = (w) => { if (w.__kbmInputHooked) return; w.__kbmInputHooked = true;
    for (const type of ['keydown', 'click']) w.addEventListener(type, (e) => {
      window.top.__kbmKeyAt = w.performance.timeOrigin + e.timeStamp; }, true); };
  hook(window);
  for (const f of document.querySelectorAll('iframe')) {
    try { hook(f.contentWindow); } catch (_) {} } }"""
# In the map frame: stamp every date change (play's timer calls setDay).
HOOK_SETDAY = """() => { const tm = window.kbmTimeMap; if (tm.__timed) return; tm.__timed = true;
  const orig = tm.setDay;
  tm.setDay = function (d, r) { if (d !== this.day) window.top.__kbmKeyAt =
    performance.timeOrigin + performance.now(); return orig.call(this, d, r); }; }"""
# Resolve once the control table's heading shows the date the map shows (page clock).
TABLE_FOLLOWS = """() => new Promise((resolve, reject) => { const until = Date.now() + 60000;
  const M = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
  const found = (""" + HEADING_FOUND + """);
  const t = setInterval(() => {
    if (Date.now() > until) { clearInterval(t); reject(new Error('tables did not follow')); }
    let tm = null;
    for (const f of document.querySelectorAll('iframe')) {
      try { if (f.contentWindow.kbmTimeMap) tm = f.contentWindow.kbmTimeMap; } catch (_) {} }
    if (!tm) return;
    const d = new Date(tm.day * 86400000);
    if (found('Control on ' + d.getUTCDate() + ' ' + M[d.getUTCMonth()] + ' '
      + d.getUTCFullYear())) {
      clearInterval(t); resolve(performance.timeOrigin + performance.now()); }
  }, 4); })"""
SET_DAY = ("(iso) => { const tm = window.kbmTimeMap;"
           " tm.setDay(window.KbmTimeMap.util.toDay(iso), true); }")


def map_frame(page: Page) -> Frame:
    frame = next((f for f in page.frames if MAP_FRAME in f.url), None)
    if frame is None:
        raise RuntimeError("no map frame on the page")
    return frame


def settle(page: Page, frame: Frame, iso: str) -> None:
    """Put the map (and through its report, the page) on `iso`, unmeasured."""
    frame.evaluate(SET_DAY, iso)
    page.evaluate(TABLE_FOLLOWS)
    page.wait_for_function(IDLE, polling=20)


def _act(page: Page, frame: Frame, control: str, forward: bool) -> None:
    if control == "slider keys":
        frame.focus(".kbm-slider")
        page.keyboard.press("ArrowRight" if forward else "ArrowLeft")
    elif control == "key-date buttons":
        frame.click(".kbm-next" if forward else ".kbm-prev")
    elif control == "N/P on the page":
        page.keyboard.press("n" if forward else "p")
    elif control == "URL":
        page.evaluate("(iso) => { window.__kbmKeyAt = performance.timeOrigin + performance.now();"
                      " history.replaceState(null, '', '?date=' + iso); }",
                      AFTER if forward else BEFORE)


def step_once(page: Page, control: str, forward: bool, first: bool
              ) -> tuple[float, float | None]:
    """One step by `control`; (ms to the map repainted, ms to the tables following).
    Each step starts from 19 Nov (forward) or 20 Nov (back); URL steps alternate on their
    own (after the first, which starts from 19 Nov)."""
    frame = map_frame(page)
    if control != "URL" or first:
        settle(page, frame, BEFORE if forward else AFTER)
    if control == "N/P on the page":
        page.locator('[data-testid="stCaptionContainer"]').first.click()  # focus off the map
    page.evaluate(HOOK_INPUT)
    page.evaluate(PROBE_START, [AGHDAM, forward, AZERBAIJAN])
    if control == "play":
        frame.evaluate(HOOK_SETDAY)
        frame.click(".kbm-play")  # its first tick steps to the next key date (20 Nov)
    else:
        _act(page, frame, control, forward)
    painted = page.evaluate("window.__kbmProbe")
    started = page.evaluate("window.__kbmKeyAt")
    shown = None if control == "URL" else page.evaluate(TABLE_FOLLOWS)
    if control == "play":
        frame.click(".kbm-play")  # pause
    page.wait_for_function(IDLE, polling=20)
    return painted - started, (None if shown is None else shown - started)


def measure_controls(page: Page, steps: int) -> dict[str, dict[str, list[float]]]:
    """`steps` steps by each control (play: forward only, a quarter as many: each waits
    for its 1.5 s tick). The page must show the map, idle."""
    page.evaluate(PROBE, [AGHDAM, False, AZERBAIJAN])
    out: dict[str, dict[str, list[float]]] = {}
    for control in CONTROLS:
        n = max(1, steps // 4) if control == "play" else steps
        maps, tables = [], []
        for i in range(n):
            forward = control == "play" or i % 2 == 0
            m, t = step_once(page, control, forward, i == 0)
            maps.append(m)
            if t is not None:
                tables.append(t)
        out[control] = {"map": maps, "tables": tables}
    return out

