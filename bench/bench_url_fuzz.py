"""URL fuzz against the real dashboard in headless Chromium: every query string of
tests/support/url_fuzz_cases.py (200, fixed seed), one page load each.

    python3 dev.py bench url_fuzz [--count 200] [--timeout 60] [--smoke]
    (or, from the repository root: python -m bench.bench_url_fuzz)

Starts `streamlit run dashboard/app.py` from the repository (with its .streamlit config) on
a free loopback port over a fresh demo store, opens each URL in Chromium (/usr/bin/chromium)
and checks the page: the script finished and drew its page (the control table, or the map
frame of the compact layout); one warning per bad value by the rule book of
url_fuzz_cases.py, none when every value is good; no exception box, no "Traceback" in the
page text, no dialog, no request to another host but the basemap's (none resolves), nothing
injected (an element with a payload's handler, a javascript: link, an image from a URL
value). At the end the server must be alive, answer /_stcore/health and draw the map on a
plain load, and its log must hold no uncaught app exception. Prints the outcome counts,
timings, machine and load; exits 1 on any failure. `--smoke`: the first case of each kind
(raw, valid, hostile; tests/test_benchmarks_smoke.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from bench.benchkit import CHROMIUM, CHROMIUM_ARGS, free_port, machine, pct, wait_healthy
from geodata.corridor import load_corridor
from geodata.districts import load_districts
from karabakh_map.demo import open_with_demo
from karabakh_map.mapview.build import ONLINE_TILES
from karabakh_map.views import build_view_data
from tests.support import url_fuzz_cases as fuzz  # shared with tests/test_url_fuzz.py
from tests.support.browser_support import launch_dashboard  # the tests' launcher

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# ?layers=...tiles asks for the online basemap: its tile requests are expected.
TILE_HOST = urlparse(ONLINE_TILES["url"]).hostname
# The run is over and the page is drawn (arg: the selector of what must be there), or an
# exception box is up.
DRAWN = """(want) => { const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  return !!main && !!main.querySelector(want + ', [data-testid="stException"]'); }"""
TABLE = '[data-testid="stTable"]'
SHOWN = """() => { const app = document.querySelector('[data-testid="stApp"]');
  return 'script ' + (app && app.getAttribute('data-test-script-state')) + ', page text: '
    + document.body.innerText.slice(0, 160).replace(/\\s+/g, ' '); }"""
PAGE_STATE = """() => { const main = document.querySelector('[data-testid="stMain"]');
  const bad = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      const handler = a.name.startsWith('on') && /alert|__pwned/.test(a.value);
      const link = /^(href|src)$/.test(a.name) && /^\\s*javascript:/i.test(a.value);
      if (handler || link) bad.push(e.tagName + ' ' + a.name);
    }
    if (e.tagName === 'IMG' && /evil\\.example|^x$/.test(e.getAttribute('src') || ''))
      bad.push('img ' + e.getAttribute('src'));
  }
  return {
    warnings: main.querySelectorAll('[data-testid="stAlertContentWarning"]').length,
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    traceback: document.body.innerText.includes('Traceback'),
    tables: main.querySelectorAll('[data-testid="stTable"]').length,
    map: !!main.querySelector('iframe[title="streamlit_folium.st_folium"]'),
    injected: bad,
  }; }"""


def start_server(store_url: str, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = launch_dashboard(store_url, port, log)
    try:
        wait_healthy(port, proc, timeout=120)
    except (RuntimeError, TimeoutError):
        proc.kill()
        raise
    return proc, f"http://127.0.0.1:{port}/"


def http_status(url: str) -> int:
    """The status the server answers a plain GET of `url` with (0: no answer)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def check(page, base: str, case: fuzz.Case, want: set[str], timeout_ms: int,
          dialogs: list[str], blocked: list[str]) -> tuple[str, list[str], float]:
    """Open one case; return its outcome, what went wrong and the seconds it took."""
    dialogs.clear()
    blocked.clear()
    t0 = time.perf_counter()
    compact = fuzz.is_compact(case.last())
    url = base + "?" + case.query
    try:
        response = page.goto(url, wait_until="domcontentloaded")
    except PlaywrightError as err:
        status = http_status(url)
        if 400 <= status < 500:  # the HTTP server turns the request away before the app
            return f"refused (HTTP {status})", [], time.perf_counter() - t0
        return "browser error", [f"{str(err)[:160]} (HTTP {status})"], time.perf_counter() - t0
    if response is not None and 400 <= response.status < 500:
        return f"refused (HTTP {response.status})", [], time.perf_counter() - t0
    try:
        page.wait_for_function(DRAWN, arg=MAP_FRAME if compact else TABLE, polling=50,
                               timeout=timeout_ms)
    except PlaywrightError:
        shown = page.evaluate(SHOWN)
        return "not drawn", [f"no page after {timeout_ms / 1000:.0f} s: {shown}"], \
            time.perf_counter() - t0
    seconds = time.perf_counter() - t0
    s = page.evaluate(PAGE_STATE)
    problems = []
    if s["exceptions"]:
        problems.append(f"{s['exceptions']} exception box(es)")
    if s["traceback"]:
        problems.append("'Traceback' in the page")
    if s["injected"]:
        problems.append(f"injected: {s['injected']}")
    if dialogs or blocked:
        problems.append(f"dialogs {dialogs}, off-host requests {blocked}")
    if s["warnings"] != len(want):
        problems.append(f"{s['warnings']} warnings for bad keys {sorted(want)}")
    if (compact and not s["map"]) or (not compact and s["tables"] < 1):
        problems.append("page not drawn (no control table / no compact map)")
    if problems:
        return "failed", problems, seconds
    return ("warned" if want else "quiet"), [], seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=fuzz.COUNT, help="cases (default 200)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per page (default 60)")
    ap.add_argument("--only", type=int, nargs="*", metavar="N",
                    help="run only these case numbers (to look at a failure again)")
    ap.add_argument("--smoke", action="store_true",
                    help="the first case of each kind only: checks the whole path")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found (apt-get install chromium)")
    cases = fuzz.cases(args.count)
    if args.only:
        cases = [c for c in cases if c.n in set(args.only)]
    if args.smoke:
        cases = list({c.kind: c for c in reversed(cases)}.values())
    print(f"URL fuzz: {len(cases)} query strings (seed {fuzz.SEED}) against the real dashboard")
    print("start:", machine(), flush=True)
    outcomes: Counter[str] = Counter()
    failures: list[tuple[fuzz.Case, list[str]]] = []
    seconds: list[float] = []
    refused_ids: set[int] = set()
    slowest: list[tuple[float, int, int]] = []
    longest_ok = 0
    with tempfile.TemporaryDirectory(prefix="kbm-fuzz-") as tmp:
        store_url = f"sqlite:///{Path(tmp) / 'demo.sqlite'}"
        store = open_with_demo(store_url, load_demo=True)
        view = build_view_data(store.engine, load_districts(), load_corridor())
        store.engine.dispose()
        span, ids = view.span, frozenset(view.names)
        log = Path(tmp) / "streamlit.log"
        proc, base = start_server(store_url, log)
        t_start = time.perf_counter()
        try:
            with sync_playwright() as pw:
                # Other hosts do not resolve. Requests are watched, not intercepted:
                # Playwright's interception fails on the longest URLs, the server does not.
                browser = pw.chromium.launch(
                    executable_path=CHROMIUM, headless=True,
                    args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, "
                                          "EXCLUDE 127.0.0.1"])
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                host = urlparse(base).hostname
                dialogs: list[str] = []
                blocked: list[str] = []

                def watch(request) -> None:
                    url = urlparse(request.url)
                    if url.hostname not in (host, TILE_HOST) and \
                            url.scheme not in ("data", "blob", "about"):
                        blocked.append(request.url)

                ctx.on("request", watch)
                for i, case in enumerate(cases, 1):
                    want = fuzz.problems(case.last(), span=span, district_ids=ids)
                    page = ctx.new_page()  # one page per case: nothing carries over
                    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                    outcome, problems, secs = check(page, base, case, want,
                                                    int(args.timeout * 1000), dialogs, blocked)
                    page.close()
                    outcomes[f"{case.kind}: {outcome}"] += 1
                    if outcome.startswith("refused"):
                        refused_ids.add(case.n)
                    elif not problems:
                        longest_ok = max(longest_ok, len(case.query))
                    if not outcome.startswith("refused"):
                        seconds.append(secs)
                        slowest.append((secs, case.n, len(case.query)))
                    if problems:
                        failures.append((case, problems))
                    if i % 25 == 0:
                        print(f"  {i}/{len(cases)} done, {len(failures)} failed", flush=True)
                total = time.perf_counter() - t_start
                alive = proc.poll() is None
                with urllib.request.urlopen(base + "_stcore/health", timeout=10) as r:
                    health = r.status
                page = ctx.new_page()
                page.goto(base)
                page.frame_locator(MAP_FRAME).locator(
                    ".leaflet-container[data-kbm-ready]").wait_for(timeout=120_000)
                final_map = True
                browser.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        text = log.read_text(errors="replace")
    uncaught = text.count("Uncaught app exception") + text.count("Uncaught app execution")
    print("end:  ", machine())
    print(f"outcomes ({len(cases)} cases):")
    for name, n in sorted(outcomes.items()):
        print(f"  {name:22s} {n:4d}")
    print(f"time: {total:.0f} s in all; per page drawn p50 {pct(seconds, 50):.2f} s, "
          f"p95 {pct(seconds, 95):.2f} s, max {max(seconds):.2f} s")
    print("slowest pages: " + ", ".join(f"case {n} ({length:,} characters) {secs:.1f} s"
                                        for secs, n, length in sorted(slowest)[-3:][::-1]))
    print(f"server after the run: alive={alive}, health HTTP {health}, "
          f"map drawn on a plain load={final_map}; log: {uncaught} uncaught app exceptions, "
          f"{text.count('Traceback')} tracebacks")
    for case, problems in failures:
        print(f"FAILED case {case.n} ({case.kind}) ?{case.query[:160]}")
        for p in problems:
            print(f"    {p}")
    refused = [c for c in cases if c.n in refused_ids]
    if refused:
        print(f"refused by the HTTP server before the app: {len(refused)} URLs, "
              f"{min(len(c.query) for c in refused):,} to {max(len(c.query) for c in refused):,}"
              f" characters (the longest let through: {longest_ok:,})")
    ok = not failures and alive and health == 200 and uncaught == 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
