"""Any slider on the page: step it with the arrow keys and time the map repainting, knowing
nothing of the app (an independent check of bench_step_latency).

    python3 dev.py bench any_slider [--steps 20] [--smoke]

Starts the real dashboard and the naive st_folium app (bench/app_naive.py) as
bench_step_latency does, opens each at its bare URL in headless Chromium, and uses no test
id, class name, URL parameter or date of the app: it finds every element whose ARIA role is
slider, in the page and in its frames (a native range input counts), and for each one:
focuses it, presses ArrowRight (or, if nothing on the map changes within 3 s, ArrowLeft) and
then alternates. "The map" is the largest SVG drawing in the page or any same-origin frame
(found again on every poll: an app may replace its frame); its painted state is the list of
its paths' fill, stroke and opacity (a drawing under half the map's size or paths, e.g. while
an app replaces its frame, is not the map). A step is timed from the keydown (seen by a capture
listener in every window) to the first animation frame after that state differs from the
one before the key. A slider that never changes the map (not a date slider) is listed as
such. Prints median/p95 per slider, both apps in the same run.
`--smoke`: 2 steps per slider (tests/test_benchmarks_smoke.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

from playwright.sync_api import Frame, Page, sync_playwright

from bench.bench_step_latency import APPS, new_context, start_apps
from bench.benchkit import CHROMIUM, CHROMIUM_ARGS, machine, pct

NO_CHANGE_MS = 3000
# The painted state of the largest SVG drawing in the page and its same-origin frames.
STATE = """() => { let best = null, area = 0;
  const look = (doc, depth) => { if (!doc || depth > 3) return;
    for (const s of doc.querySelectorAll('svg')) { const r = s.getBoundingClientRect();
      const a = r.width * r.height;
      if (a > area && s.querySelector('path')) { area = a; best = s; } }
    for (const f of doc.querySelectorAll('iframe')) {
      let d = null; try { d = f.contentDocument; } catch (_) {} look(d, depth + 1); } };
  look(document, 0);
  if (!best) return null;
  const paths = [...best.querySelectorAll('path')];
  return { area: area, n: paths.length, sig: paths.map((p) => [p.getAttribute('fill'),
    p.getAttribute('stroke'), p.getAttribute('fill-opacity'), p.getAttribute('opacity'),
    p.style.display].join(',')).join('|') }; }"""
# Every window (the page, its frames) records the time of its next keydown in the page.
HOOK = """() => { window.__anyKeyAt = null;
  const hook = (w, depth) => { if (depth > 3) return;
    try { if (!w.__anyHooked) { w.__anyHooked = true; w.addEventListener('keydown', (e) => {
      window.top.__anyKeyAt = w.performance.timeOrigin + e.timeStamp; }, true); } }
    catch (_) { return; }
    for (let i = 0; i < w.frames.length; i++) hook(w.frames[i], depth + 1); };
  hook(window, 0); }"""
# Resolves (ms since the epoch, the page's clock) at the first animation frame after the
# map's state differs from `before`; null after `limit` ms.
WATCH = """([before, limit]) => { const state = (""" + STATE + """);
  // A drawing half the size or with half the paths is not the map (one being replaced).
  const isMap = (s) => s !== null && s.area >= before.area / 2 && s.n >= before.n / 2;
  window.__anyChanged = new Promise((resolve) => { const until = Date.now() + limit;
    const t = setInterval(() => { const now = state();
      if (isMap(now) && now.sig !== before.sig) { clearInterval(t);
        requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now())); }
      else if (Date.now() > until) { clearInterval(t); resolve(null); } }, 4); }); }"""


@dataclass
class Slider:
    """A slider found on the page: its frame's place in page.frames and its index there."""

    where: str
    frame_index: int
    index: int
    label: str
    steps: list[float] = field(default_factory=list)
    changes_map: bool = True


def find_sliders(page: Page) -> list[Slider]:
    out = []
    for fi, frame in enumerate(page.frames):
        where = "page" if frame is page.main_frame else "frame"
        for i, el in enumerate(frame.get_by_role("slider").all()):
            label = (el.get_attribute("aria-label") or el.get_attribute("aria-valuetext")
                     or el.get_attribute("aria-valuenow") or "")
            out.append(Slider(where, fi, i, label[:40]))
    return out


def _frame(page: Page, s: Slider) -> Frame:
    frames = page.frames
    return frames[s.frame_index] if s.frame_index < len(frames) else page.main_frame


def settle(page: Page, quiet_ms: int = 400, limit_s: float = 8.0) -> None:
    """Wait until the map's painted state has not changed for `quiet_ms`."""
    sig = f"() => {{ const s = ({STATE})(); return s && s.sig; }}"
    deadline, last, since = time.monotonic() + limit_s, page.evaluate(sig), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = page.evaluate(sig)
        if now != last:
            last, since = now, time.monotonic()
        elif now is not None and (time.monotonic() - since) * 1000 >= quiet_ms:
            return


def step(page: Page, s: Slider, key: str) -> float | None:
    """Press `key` on the slider; ms to the map repainted, or None if it did not change."""
    page.evaluate(HOOK)
    page.evaluate(WATCH, [page.evaluate(STATE), NO_CHANGE_MS])
    _frame(page, s).get_by_role("slider").nth(s.index).focus()
    page.keyboard.press(key)
    changed = page.evaluate("window.__anyChanged")
    key_at = page.evaluate("window.__anyKeyAt")
    settle(page)
    return None if changed is None or key_at is None else changed - key_at


def measure(browser, url: str, steps: int) -> list[Slider]:
    ctx = new_context(browser, [])
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_function(f"() => ({STATE})() !== null", timeout=90_000)
    settle(page, quiet_ms=1500, limit_s=20)  # whatever the app draws after its map
    sliders = find_sliders(page)
    for s in sliders:
        keys = ["ArrowRight", "ArrowLeft"]
        first = step(page, s, keys[0])
        if first is None:  # maybe an end of the range or a quiet day: the other way
            keys.reverse()
            first = step(page, s, keys[0])
        if first is None:
            s.changes_map = False
            continue
        s.steps.append(first)
        for i in range(1, steps):
            ms = step(page, s, keys[i % 2])
            if ms is not None:
                s.steps.append(ms)
    ctx.close()
    return sliders


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=20, help="steps per slider (default 20)")
    ap.add_argument("--smoke", action="store_true", help="2 steps per slider")
    args = ap.parse_args(argv)
    steps = 2 if args.smoke else args.steps
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found (apt-get install chromium)")
    # The apps' bare URLs: no date or other parameter the bench would have to know.
    apps = {name: replace(APPS[name], query="") for name in ("dashboard", "naive")}
    at_start = machine()
    results: dict[str, list[Slider]] = {}
    with tempfile.TemporaryDirectory(prefix="kbm-any-") as tmp, ExitStack() as stack:
        ports = start_apps(stack, Path(tmp), apps)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            for name, port in ports.items():
                results[name] = measure(browser, f"http://127.0.0.1:{port}/", steps)
            browser.close()
    print(f"start {at_start}\nend   {machine()}")
    print(f"steps per slider: {steps}; map = the largest SVG drawing in the page or its frames")
    worst: dict[str, float] = {}
    for name, sliders in results.items():
        print(f"{name}: {len(sliders)} slider(s) found")
        for s in sliders:
            where = f"{s.where} #{s.index} {s.label!r}"
            if not s.changes_map or not s.steps:
                print(f"  {where:40s} no map change within {NO_CHANGE_MS} ms (not a date slider)")
                continue
            print(f"  {where:40s} n={len(s.steps):3d} median {statistics.median(s.steps):7.1f} "
                  f"ms  p95 {pct(s.steps, 95):7.1f} ms  max {max(s.steps):7.1f} ms")
            worst[name] = max(worst.get(name, 0.0), pct(s.steps, 95))
    summary = ", ".join(f"{n} {v:.1f} ms" for n, v in worst.items())
    print(f"worst p95 over the sliders that move the map: {summary or '-'}")
    return 0 if set(worst) == set(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
