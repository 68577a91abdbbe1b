"""Load: concurrent real browser sessions stepping through dates on the sample deployment.

    python3 dev.py bench load [--sessions 20] [--replay 5,10,20,50] [--processes 1]
                              [--duration 60] [--think 0] [--smoke]

Starts P dashboard processes with deploy/start.sh (deploy/.streamlit/config.toml, one fresh
SQLite store with the demo catalogue), and nginx with deploy/nginx.conf in front of them
when nginx is installed (else the sessions go straight to the processes, spread round-robin,
and the report says so). One headless Chromium (/usr/bin/chromium), one context per session.
For each session count S (a one-session figure is always measured first, in the same run):
open S sessions, then let every session step the date for `duration` seconds around
20 Nov 2020 with the in-map slider (arrow keys; the dashboard's one date control).
"restyle" is keydown to Aghdam repainted (browser only); "heading" is keydown to the control
table's heading showing the new date, which needs the value sent to the server, a rerun and
the new page back: the server-bound part.
Each step waits for the rerun to finish, then the next starts after `think` seconds.
Counted as errors: page errors, console errors, exception boxes, Streamlit's "Connecting"
banner, websocket closes, steps that never complete, HTTP errors in nginx's log. CPU per
process group (server, nginx, browser, bench driver, everything else) from /proc over the
stepping window, and the server processes' memory.
Then, with the browser closed, the server-only part (ws_replay.py): light websocket clients
replay the slider steps a real session sent, to find where the server itself gives out.
Prints the tables and what they mean for a team of 50 (docs/reliability.md, "Load").
`--smoke`: one session and one replay client for 2 s each (tests/test_benchmarks_smoke.py).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from bench import deploy_rig as rig
from bench import ws_replay
from bench.benchkit import (
    AFTER,
    AZERBAIJAN,
    BEFORE,
    CHROMIUM,
    CHROMIUM_ARGS,
    HEADING_SHOWS,
    HOOK_KEYS,
    IDLE,
    MAP_FRAME,
    MAP_SLIDER,
    PROBE,
    PROBE_START,
    control_heading,
    free_port,
    machine,
    wait_healthy,
)
from bench.load_report import (
    Phase,
    ReplayPhase,
    Step,
    nginx_http_errors,
    report,
    report_replay,
    sizing,
)
from bench.step_controls import AGHDAM
from karabakh_map.demo import open_with_demo

HEADING_START = "(w) => { window.__kbmShown = (" + HEADING_SHOWS + ")(w); }"
TROUBLE = """() => ({
  exceptions: document.querySelectorAll('[data-testid="stException"]').length,
  connecting: document.querySelectorAll('[data-testid="stConnectionStatus"]').length })"""
STEP_TIMEOUT_MS = 60_000
OPENING_AT_ONCE = 4  # pages loading at the same time while a phase opens its sessions
STOP = asyncio.Event()  # set by Ctrl-C / SIGTERM: sessions stop, servers are stopped


@dataclass
class Session:
    page: Page
    context: BrowserContext
    load_ms: float = 0.0
    steps: list[Step] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ws_closed: int = 0
    outside: list[str] = field(default_factory=list)
    routed: bool = False  # holds nginx's route cookie (sticky sessions)
    opened: bool = False  # the map was painted and the first run finished


async def open_session(browser: Browser, url: str) -> Session:
    """A new context and page at url, waited until the map is painted and the script idle.
    A page that does not get there is kept with the reason in its errors (opened False)."""
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    s = Session(page, ctx)

    async def guard(route) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            await route.continue_()
        else:
            s.outside.append(route.request.url)
            await route.abort()

    def on_ws(ws) -> None:
        def closed(_ws) -> None:
            s.ws_closed += 1
        ws.on("close", closed)

    await ctx.route("**/*", guard)
    page.on("pageerror", lambda e: s.errors.append(f"page error: {e}"))
    page.on("console", lambda m: s.errors.append(f"console {m.type}: {m.text[:160]}")
            if m.type == "error" else None)
    page.on("websocket", on_ws)
    started = time.time()
    try:
        await page.goto(url, timeout=STEP_TIMEOUT_MS)
        painted = await page.evaluate(PROBE, [AGHDAM, False, AZERBAIJAN])
        s.load_ms = painted - started * 1000
        await page.wait_for_function(IDLE, polling=20, timeout=STEP_TIMEOUT_MS)
    except PlaywrightError as exc:
        s.errors.append(f"page did not open: {str(exc).splitlines()[0][:160]}")
        return s
    s.opened = True
    s.routed = any(c["name"] == "kbm_route" for c in await ctx.cookies())
    return s


async def focus(page: Page) -> None:
    frame = next((f for f in page.frames if MAP_FRAME in f.url), None)
    if frame is None:
        raise RuntimeError("no map frame")
    await frame.focus(MAP_SLIDER)


# One cycle of steps: (control, days); every step crosses Aghdam's handover.
CYCLE = [("map", +1), ("map", -1)]
START = date.fromisoformat(BEFORE)
HANDOVER = date.fromisoformat(AFTER)  # Aghdam changes colour between BEFORE and AFTER


async def one_step(s: Session, kind: str, day: date, delta: int) -> Step:
    """Step from `day` by `delta` days with one control; restyle is timed when Aghdam's colour
    changes (steps across 20 Nov), the heading always."""
    page, new = s.page, day + timedelta(days=delta)
    crosses = {day, new} == {START, HANDOVER}
    started = time.time()
    await page.evaluate(HOOK_KEYS)
    await focus(page)
    if crosses:
        await page.evaluate(PROBE_START, [AGHDAM, new == HANDOVER, AZERBAIJAN])
    await page.evaluate(HEADING_START, control_heading(new))
    await page.keyboard.press("ArrowRight" if delta > 0 else "ArrowLeft")
    painted = await page.evaluate("window.__kbmProbe") if crosses else None
    shown = await page.evaluate("window.__kbmShown")
    key_at = await page.evaluate("window.__kbmKeyAt")
    await page.wait_for_function(IDLE, polling=20, timeout=STEP_TIMEOUT_MS)
    done = await page.evaluate("performance.timeOrigin + performance.now()")
    return Step(started, kind, None if painted is None else painted - key_at, shown - key_at,
                done - key_at)


async def run_session(s: Session, until: float, think: float) -> None:
    n, day = 0, START
    while time.time() < until and not STOP.is_set():
        kind, delta = CYCLE[n % len(CYCLE)]
        try:
            s.steps.append(await one_step(s, kind, day, delta))
            day += timedelta(days=delta)
        except Exception as exc:  # recorded as an error of the run; the session goes on
            s.errors.append(f"step failed: {type(exc).__name__}: {str(exc)[:200]}")
            if len(s.errors) > 20:
                return
            # Back to a known state: reload at the date before the handover.
            await s.page.goto(s.page.url.split("?")[0] + f"?date={BEFORE}")
            await s.page.evaluate(PROBE, [AGHDAM, False, AZERBAIJAN])
            n, day = 0, START
            continue
        trouble = await s.page.evaluate(TROUBLE)
        if trouble["exceptions"]:
            s.errors.append(f"exception box shown ({trouble['exceptions']})")
        if trouble["connecting"]:
            s.errors.append("connection banner shown")
        n += 1
        if think:
            await asyncio.sleep(think)


async def run_phase(browser: Browser, urls: list[str], n: int, duration: float, think: float,
                    groups: rig.Groups) -> Phase:
    # A few pages load at a time (people do not all arrive at once, and 20 pages loading
    # together on two cores take longer than the probes wait).
    gate = asyncio.Semaphore(OPENING_AT_ONCE)

    async def opened(i: int) -> Session:
        async with gate:
            return await open_session(browser, urls[i % len(urls)])

    everyone = await asyncio.gather(*(opened(i) for i in range(n)))
    sessions = [s for s in everyone if s.opened]
    async with rig.Window(groups) as win:
        t0 = time.time()
        await asyncio.gather(*(run_session(s, t0 + duration, think) for s in sessions))
    for s in everyone:
        await s.context.close()
    return Phase(n, len(sessions), sum(s.routed for s in sessions),
                 [s.load_ms for s in sessions] or [math.nan],
                 [st for s in sessions for st in s.steps],
                 [e for s in everyone for e in s.errors], sum(s.ws_closed for s in everyone),
                 sum(len(s.outside) for s in everyone), win)


async def run(args: argparse.Namespace, work: Path) -> int:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, STOP.set)
    store = f"sqlite:///{work / 'store.sqlite'}"
    open_with_demo(store, load_demo=True).engine.dispose()
    first = free_port()
    ports = [first + i for i in range(args.processes)]
    env = rig.cli_env(work, KARABAKH_MAP_DB=store)
    servers = rig.start_processes(args.processes, first, env, work / "servers.log")
    nginx = None
    phases: list[Phase] = []
    replays: list[ReplayPhase] = []
    try:
        for port in ports:
            wait_healthy(port, servers, timeout=120)
        if rig.NGINX and not args.direct:
            listen = free_port()
            conf = work / "nginx.conf"
            conf.write_text(rig.render_nginx((rig.DEPLOY / "nginx.conf").read_text(), listen,
                                             ports, work))
            nginx = rig.start_nginx(conf, work / "nginx.log")
            wait_healthy(listen, nginx)
            # localhost, not 127.0.0.1: the route cookie is Secure, which Chromium accepts
            # over plain http only from localhost.
            urls = [f"http://localhost:{listen}/?date={BEFORE}"]
            via = f"behind nginx ({rig.NGINX}, deploy/nginx.conf)"
        else:
            urls = [f"http://127.0.0.1:{p}/?date={BEFORE}" for p in ports]
            why = "--direct" if args.direct else "nginx is not installed: nginx part skipped"
            print(f"without nginx ({why}): sessions go straight to the processes",
                  file=sys.stderr, flush=True)
            via = f"DIRECT to the processes, sessions spread round-robin ({why})"
        override = os.environ.get("STREAMLIT_RUNNER_POST_SCRIPT_GC")
        via += ("; runner.postScriptGC from the deploy config" if override is None
                else f"; runner.postScriptGC={override} (STREAMLIT_RUNNER_POST_SCRIPT_GC)")
        groups = rig.Groups(servers.pid, nginx.pid if nginx else None)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                               args=CHROMIUM_ARGS)
            for port in ports:  # the first visit builds each process's caches: not counted
                warm = await open_session(browser, f"http://127.0.0.1:{port}/?date={BEFORE}")
                await warm.context.close()
            for n in args.sessions:
                if STOP.is_set():
                    break
                print(f"{n} session(s) for {args.duration:g} s ...", file=sys.stderr, flush=True)
                phases.append(await run_phase(browser, urls, n, args.duration, args.think,
                                              groups))
            rec = await ws_replay.record(browser, urls[0]) if args.replay else None
            await browser.close()
        ws_urls = [u.split("?")[0].replace("http://", "ws://") + "_stcore/stream" for u in urls]
        for n in args.replay:  # the browser is closed: its CPU goes to the server
            if STOP.is_set():
                break
            print(f"{n} replay client(s) for {args.duration:g} s ...", file=sys.stderr,
                  flush=True)
            win = rig.Window(groups)
            times, errors, _wall, started = await ws_replay.replay(
                ws_urls, rec, n, args.duration, args.think, win)
            replays.append(ReplayPhase(n, started, times, errors, win))
    finally:
        if nginx is not None:
            rig.stop_group(nginx)
        rig.stop_group(servers)
    print(f"at start: {args.at_start}\nat end:   {machine()}")
    if not phases:
        print("stopped before any measurement")
        return 1
    report(phases, args.processes, via, args.think)
    if replays:
        report_replay(replays, args.processes)
    print(sizing(phases, replays, args.processes, args.target, args.team))
    if nginx is not None:
        codes = nginx_http_errors(work / "nginx-access.log")
        print(f"nginx: HTTP status >= 400: {dict(codes) or 'none'}")
    log = (work / "servers.log").read_text(errors="replace")
    print(f"server log: {log.count('Traceback')} tracebacks")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", default="20",
                    help="comma-separated session counts (default 20; 1 is always run first)")
    ap.add_argument("--processes", type=int, default=1, help="dashboard processes (default 1)")
    ap.add_argument("--duration", type=float, default=60, help="seconds of stepping per count")
    ap.add_argument("--think", type=float, default=0.0,
                    help="seconds each session waits between steps (default 0: back to back)")
    ap.add_argument("--target", type=float, default=1000,
                    help="server-bound p95 target in ms for the sizing (default 1000)")
    ap.add_argument("--team", type=int, default=50, help="team size for the sizing (default 50)")
    ap.add_argument("--replay", default="5,10,20,50",
                    help="comma-separated counts of light websocket clients for the server-only "
                         "part (default 5,10,20,50; empty to skip)")
    ap.add_argument("--direct", action="store_true", help="skip nginx even if installed")
    ap.add_argument("--keep", type=Path, help="keep logs and the store in this folder")
    ap.add_argument("--smoke", action="store_true",
                    help="1 session and 1 replay client for 2 s: checks the whole path")
    args = ap.parse_args(argv)
    if args.smoke:
        args.sessions, args.replay, args.duration = "1", "1", 2.0
    counts = sorted({int(x) for x in args.sessions.split(",") if x.strip()} | {1})
    args.sessions = counts
    args.replay = [int(x) for x in args.replay.split(",") if x.strip()]
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found (apt-get install chromium)")
    if sys.platform != "linux":
        sys.exit("bench_load reads /proc: Linux only")
    args.at_start = machine()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return asyncio.run(run(args, args.keep.resolve()))
    with tempfile.TemporaryDirectory(prefix="kbm-load-") as tmp:
        os.chmod(tmp, 0o755)
        return asyncio.run(run(args, Path(tmp)))


if __name__ == "__main__":
    raise SystemExit(main())
