"""Dashboard step latency: every date control of the real dashboard vs a naive st_folium map.

    python3 dev.py bench step_latency [--steps 40] [--loads 3] [--before TREE] [--smoke]

Starts the real dashboard (dashboard/app.py, run from the repository with its .streamlit
config), bench/app_timemap.py (ours, a stand-in: the same map and a table) and
bench/app_naive.py (baseline), the two bench apps from a copy in a temporary folder, each
on its own loopback port with its own demo store; drives headless Debian Chromium
(/usr/bin/chromium) through Playwright; steps the date back and forth across 20 Nov 2020
(Aghdam's handover) and reports, for each app:
- step: keydown on the date control (the in-map slider for the dashboard and ours) to the
  first animation frame after Aghdam's fill changed (p50/p95/max, ms), and the ratio to naive;
- app in step: keydown to the Streamlit side showing the new date (the rerun): the text
  below the map for the bench apps, the control table's heading for the dashboard;
- for the dashboard, every way of changing the date (bench/step_controls.py: slider keys,
  key-date buttons, N/P pressed on the page, play, the URL): map p50/p95 and tables p95, the
  worst map p95 against 100 ms and half the naive p95 of this run, the worst tables p95
  against 300 ms;
- first load with a warm server: navigation start to the map painted, with a cold browser
  cache (fresh context) and a warm one (a revisit), the apps taking turns load by load;
- websocket bytes received per step and geometry files fetched after the first load.
Every request to a host other than 127.0.0.1 is blocked and counted. Stops its servers.
`--before TREE`: also measure the dashboard of an earlier tree (`git archive COMMIT | tar -x
-C TREE`), run from TREE with its own library and config, in the same run ("before").
`--smoke`: 2 steps and 1 cold first load per app (tests/test_benchmarks_smoke.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import BrowserContext, Page, sync_playwright

from bench.benchkit import (
    AFTER,
    AZERBAIJAN,
    BEFORE,
    BODY_SHOWS,
    CHROMIUM,
    CHROMIUM_ARGS,
    FRAME_START,
    HOOK_KEYS,
    IDLE,
    LONG,
    PROBE,
    PROBE_START,
    ROOT,
    TIMEMAP_PATH,
    free_port,
    machine,
    pct,
    wait_healthy,
)
from bench.step_controls import AGHDAM, TABLE_FOLLOWS, measure_controls
from karabakh_map.demo import open_with_demo

MAP_P95_MS, TABLES_P95_MS = 100.0, 300.0  # issue 13's targets


@dataclass(frozen=True)
class App:
    """How to start one app and where its date control and Aghdam's path are."""

    script: str  # bench/<script> copied to the temporary folder, or a path in the repo
    in_repo: bool  # run in place from the repository (the real dashboard)
    query: str  # opened at this URL query (the date before the handover)
    aghdam: str  # selector of Aghdam's path
    frame_hint: str | None  # the date control's frame (None: the top page)
    control: str  # selector of the date control
    shown: str  # the JS probe for "the Streamlit side shows this date" (arg: text)
    shown_text: dict[str, str]  # date -> the text the probe waits for
    root: Path | None = None  # an in-repo app run from another tree (--before)


APPS = {
    "dashboard": App("dashboard/app.py", True, f"?date={BEFORE}", AGHDAM,
                     "streamlit_folium", ".kbm-slider", TABLE_FOLLOWS, LONG),
    "ours": App("app_timemap.py", False, "", TIMEMAP_PATH, "streamlit_folium", ".kbm-slider",
                BODY_SHOWS, {d: "Selected: " + d for d in LONG}),
    "naive": App("app_naive.py", False, "", "path.d-AZ-AGM", None,
                 '[data-testid="stSlider"] input', BODY_SHOWS,
                 {d: "Selected: " + d for d in LONG}),
}

def start_app(workdir: Path, app: App, port: int, log: Path) -> subprocess.Popen:
    """Start one app; the dashboard runs in place (its own config), bench apps from workdir."""
    store = f"sqlite:///{workdir / (log.stem + '.sqlite')}"  # one per app
    root = app.root or ROOT
    if app.root:  # an earlier tree makes its own store (its schema and demo)
        subprocess.run([sys.executable, "-P", "-c", "from karabakh_map.demo import "
                        f"open_with_demo; open_with_demo({store!r}, load_demo=True)"],
                       cwd=root, env=dict(os.environ, PYTHONPATH=str(root)), check=True)
    elif app.in_repo:  # the dashboard loads the demo only into the default store
        open_with_demo(store, load_demo=True).engine.dispose()
    env = dict(os.environ, PYTHONPATH=str(root), KARABAKH_MAP_DB=store)
    cwd = root if app.in_repo else workdir
    cmd = [sys.executable, "-m", "streamlit", "run", str(cwd / app.script),
           f"--server.port={port}", "--server.address=127.0.0.1", "--server.headless=true",
           "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
           "--server.enableStaticServing=true"]
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)


def start_apps(stack: ExitStack, work: Path, apps: dict[str, App]) -> dict[str, int]:
    """Start every app (bench apps copied into `work`, beside the repository's .streamlit
    config), stopped when `stack` closes; their ports once all answer."""
    shutil.copytree(ROOT / ".streamlit", work / ".streamlit")
    procs = {}
    for name, app in apps.items():
        if not app.in_repo:
            shutil.copy(ROOT / "bench" / app.script, work / app.script)
        port = free_port()
        proc = start_app(work, app, port, work / f"{name}.log")
        stack.callback(proc.wait, 10)
        stack.callback(proc.terminate)
        procs[name] = (proc, port)
    for proc, port in procs.values():
        wait_healthy(port, proc)
    return {name: port for name, (_proc, port) in procs.items()}


def new_context(browser, outside: list[str]) -> BrowserContext:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})

    def guard(route):
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    ctx.route("**/*", guard)
    return ctx


def load_once(ctx: BrowserContext, url: str, sel: str) -> tuple[float, float]:
    """Milliseconds from navigation start to the map painted, and to the map's frame
    starting (the part before it is Streamlit's own start-up and the script run)."""
    page = ctx.new_page()
    try:
        page.goto(url)
        painted = page.evaluate(PROBE, [sel, False, AZERBAIJAN])
        origin = page.evaluate("performance.timeOrigin")
        return painted - origin, page.evaluate(FRAME_START, sel) - origin
    finally:
        page.close()


def first_loads(browser, targets: dict[str, tuple[str, str]], n: int, outside: list[str],
                smoke: bool = False) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """Per app (name -> (url, painted selector)): n loads each with a cold browser cache
    (fresh context) and n with a warm one (revisits). The apps take turns, load by load, so
    that the machine's load hits them alike; a first round warms the servers and is
    dropped. smoke: one cold load per app, nothing dropped, no revisits."""
    cold: dict[str, list[tuple[float, float]]] = {name: [] for name in targets}
    warm: dict[str, list[tuple[float, float]]] = {name: [] for name in targets}
    for i in range(1 if smoke else n + 1):
        for name, (url, sel) in targets.items():
            ctx = new_context(browser, outside)
            took = load_once(ctx, url, sel)
            ctx.close()
            if smoke or i:
                cold[name].append(took)
    if not smoke:
        contexts = {name: new_context(browser, outside) for name in targets}
        for name, (url, sel) in targets.items():
            load_once(contexts[name], url, sel)  # fills the cache
        for _ in range(n):
            for name, (url, sel) in targets.items():
                warm[name].append(load_once(contexts[name], url, sel))
        for ctx in contexts.values():
            ctx.close()
    return {name: {"cold": cold[name], "warm": warm[name]} for name in targets}


def focus_control(page: Page, frame_hint: str | None, control: str) -> None:
    if frame_hint is None:
        page.focus(control)
        return
    frame = next((f for f in page.frames if frame_hint in f.url), None)
    if frame is None:
        raise RuntimeError(f"no frame whose URL contains {frame_hint!r}")
    frame.focus(control)


def measure(browser, app: App, url: str, steps: int, outside: list[str]) -> dict:
    sel, frame_hint, control = app.aghdam, app.frame_hint, app.control
    ctx = new_context(browser, outside)
    page = ctx.new_page()
    received = [0]
    geometry: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda data: received.__setitem__(0, received[0] + len(data))))
    page.goto(url)
    page.evaluate(PROBE, [sel, False, AZERBAIJAN])
    page.wait_for_function(IDLE, polling=20)
    page.on("request", lambda r: geometry.append(r.url) if ".geojson" in r.url else None)
    step_ms, app_ms, ws_bytes = [], [], []
    for i in range(steps):
        forward = i % 2 == 0
        before = received[0]
        page.evaluate(HOOK_KEYS)
        focus_control(page, frame_hint, control)
        page.evaluate(PROBE_START, [sel, forward, AZERBAIJAN])
        page.keyboard.press("ArrowRight" if forward else "ArrowLeft")
        painted = page.evaluate("window.__kbmProbe")
        key_at = page.evaluate("window.__kbmKeyAt")
        shown = (page.evaluate(app.shown) if app.shown is TABLE_FOLLOWS
                 else page.evaluate(app.shown, app.shown_text[AFTER if forward else BEFORE]))
        page.wait_for_function(IDLE, polling=20)
        step_ms.append(painted - key_at)
        app_ms.append(shown - key_at)
        ws_bytes.append(received[0] - before)
    controls = measure_controls(page, steps) if app.in_repo else None
    ctx.close()
    return {"step": step_ms, "app": app_ms, "ws": ws_bytes,
            "geometry_requests": len(geometry), "controls": controls}


def report_controls(name: str, controls: dict[str, dict[str, list[float]]],
                    naive_p95: float) -> None:
    """Every date control of the dashboard, and the worst against issue 13's targets."""
    print(f"{name}, every date control (action to the map repainted | to the tables):")
    for name, r in controls.items():
        tables = (f"tables p50 {statistics.median(r['tables']):6.1f} "
                  f"p95 {pct(r['tables'], 95):6.1f}") if r["tables"] else "tables -"
        print(f"  {name:17s} n={len(r['map']):3d} map p50 {statistics.median(r['map']):6.1f} "
              f"p95 {pct(r['map'], 95):6.1f} max {max(r['map']):6.1f} | {tables}")
    worst_map = max(controls, key=lambda n: pct(controls[n]["map"], 95))
    worst_p95 = pct(controls[worst_map]["map"], 95)
    with_tables = [n for n in controls if controls[n]["tables"]]
    worst_tab = max(with_tables, key=lambda n: pct(controls[n]["tables"], 95))
    tables_p95 = pct(controls[worst_tab]["tables"], 95)
    ok_map = worst_p95 <= MAP_P95_MS and worst_p95 <= naive_p95 / 2
    print(f"worst map p95 {worst_p95:.1f} ms ({worst_map}); naive p95 {naive_p95:.1f} ms "
          f"(half: {naive_p95 / 2:.1f}); target <= {MAP_P95_MS:.0f} ms and <= half naive: "
          f"{'PASS' if ok_map else 'FAIL'}")
    print(f"worst tables p95 {tables_p95:.1f} ms ({worst_tab}); target <= "
          f"{TABLES_P95_MS:.0f} ms: {'PASS' if tables_p95 <= TABLES_P95_MS else 'FAIL'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=40, help="date steps per app (default 40)")
    ap.add_argument("--loads", type=int, default=3, help="first loads per app (default 3)")
    ap.add_argument("--before", type=Path, default=None,
                    help="an earlier tree whose dashboard is measured too (same run)")
    ap.add_argument("--smoke", action="store_true",
                    help="2 steps and 1 cold first load per app: checks the whole path")
    args = ap.parse_args(argv)
    if args.smoke:
        args.steps, args.loads = 2, 1
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found (apt-get install chromium)")
    outside: list[str] = []
    results = {}
    apps = dict(APPS)
    if args.before:
        apps = {"dashboard": APPS["dashboard"],
                "before": replace(APPS["dashboard"], root=args.before.resolve()),
                **{k: v for k, v in APPS.items() if k != "dashboard"}}
    at_start = machine()
    with tempfile.TemporaryDirectory(prefix="kbm-bench-") as tmp, ExitStack() as stack:
        ports = start_apps(stack, Path(tmp), apps)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            urls = {name: f"http://127.0.0.1:{port}/{apps[name].query}"
                    for name, port in ports.items()}
            loads = first_loads(browser, {n: (u, apps[n].aghdam) for n, u in urls.items()},
                                args.loads, outside, args.smoke)
            for name, url in urls.items():
                results[name] = measure(browser, apps[name], url, args.steps, outside)
                results[name].update(loads[name])
            browser.close()
    print(f"start {at_start}\nend   {machine()}")
    print(f"steps per app: {args.steps} (alternating {BEFORE} <-> {AFTER}); "
          f"first loads: {args.loads}")
    for name, r in results.items():
        print(f"{name:9s} step p50 {statistics.median(r['step']):6.1f} ms  "
              f"p95 {pct(r['step'], 95):6.1f}  max {max(r['step']):6.1f} | "
              f"app in step p50 {statistics.median(r['app']):6.1f} "
              f"p95 {pct(r['app'], 95):6.1f}")
        print(f"{'':9s} first load ms (map frame started at), cold browser cache "
              f"{' '.join(f'{x:.0f} ({y:.0f})' for x, y in r['cold'])}, warm cache "
              f"{' '.join(f'{x:.0f} ({y:.0f})' for x, y in r['warm']) or '-'} | ws bytes/step p50 "
              f"{statistics.median(r['ws']):.0f} | geometry fetches during steps "
              f"{r['geometry_requests']}")
    for name, r in results.items():
        if r["controls"]:
            report_controls(name, r["controls"], pct(results["naive"]["step"], 95))
    first = {n: statistics.median(x for x, _ in r["cold"]) for n, r in results.items()}
    print("first paint (cold browser cache, median ms): "
          + ", ".join(f"{n} {v:.0f}" for n, v in first.items())
          + f"; dashboard/naive {first['dashboard'] / first['naive']:.2f}")
    naive = statistics.median(results["naive"]["step"])
    for name in [n for n in results if n != "naive"]:
        ratio = naive / statistics.median(results[name]["step"])
        print(f"ratio naive/{name} (step p50): {ratio:.1f}x")
    print(f"requests to other hosts (blocked): {len(outside)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
