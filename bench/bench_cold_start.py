"""Cold start: from launching the server to the first map painted in the browser.

    python3 dev.py bench cold_start [--runs 5] [--smoke]

Each run starts a new server process and opens it in a fresh browser context (the browser
itself is started once, before the runs). Four cases, interleaved round by round so that
the machine's load hits them alike:
- dashboard, first run: `karabakh-map serve` (python -m karabakh_map.cli serve, the real
  command) with an empty data folder (XDG_DATA_HOME), so the default store is created and
  the demo catalogue loaded on the first page view, as on a new install;
- dashboard: the same command on a store that already holds the demo catalogue
  ($KARABAKH_MAP_DB);
- naive map: bench/app_naive.py (a folium map via st_folium), `python -m streamlit run`
  with the flags `serve` passes;
- hello: a one-line Streamlit app launched the same way: Streamlit's own floor.
Split of each run: process start -> /_stcore/health answers -> the page's DOMContentLoaded
-> the script's first element shown (imports done, first data read) -> painted (the district
paths drawn in the map frame; for hello, its text shown). The
disk cache is warm (the runs follow each other); the Python processes are new.
`--smoke`: one run per case and no warm-up round (tests/test_benchmarks_smoke.py). Exits 1
when a run failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from bench import deploy_rig as rig
from bench.benchkit import (
    AZERBAIJAN,
    BEFORE,
    BODY_SHOWS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PROBE,
    ROOT,
    TIMEMAP_PATH,
    free_port,
    machine,
    wait_healthy,
)
from karabakh_map.cli_serve import SAFE_FLAGS
from karabakh_map.demo import open_with_demo

HELLO = 'import streamlit as st\n\nst.write("hello from streamlit")\n'
# Started as soon as the page commits: the first element with text that the script sent is
# on the page (empty placeholder containers do not count).
FIRST_ELEMENT = """() => { window.__kbmFirst = new Promise((resolve) => {
  const t = setInterval(() => {
    for (const e of document.querySelectorAll('[data-testid="stElementContainer"]')) {
      if (e.textContent.trim()) {
        clearInterval(t); resolve(performance.timeOrigin + performance.now()); return; } }
  }, 4); }); }"""
DCL = """() => { const n = performance.getEntriesByType('navigation')[0];
  return performance.timeOrigin + n.domContentLoadedEventEnd; }"""


class RunFailed(Exception):
    """A server that did not come up; the message ends with its log."""


@dataclass(frozen=True)
class Case:
    name: str
    painted: str  # "map": Aghdam's path drawn with selector `sel`; "text": the hello text
    sel: str = TIMEMAP_PATH


CASES = [Case("dashboard, first run", "map"), Case("dashboard", "map"),
         Case("naive map", "map", "path.d-AZ-AGM"), Case("hello (floor)", "text")]


def log_path(case: Case, port: int, work: Path) -> Path:
    return work / f"{case.name.split(',')[0]}-{port}.log"


def launch(case: Case, port: int, work: Path, run: int) -> subprocess.Popen:
    log = log_path(case, port, work).open("wb")
    if case.name.startswith("dashboard"):
        env = rig.cli_env(work)
        if case.name == "dashboard, first run":
            env["XDG_DATA_HOME"] = str(work / f"data-{run}")  # a new, empty default store
            env.pop("KARABAKH_MAP_DB", None)
        else:
            env["KARABAKH_MAP_DB"] = f"sqlite:///{work / 'demo.sqlite'}"
        cmd = ["karabakh-map", "serve", "--port", str(port), "--server.address=127.0.0.1"]
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    script = "app_naive.py" if case.name == "naive map" else "hello.py"
    env = dict(os.environ, PYTHONPATH=str(ROOT),
               KARABAKH_MAP_DB=f"sqlite:///{work / 'demo.sqlite'}")
    # The naive map serves Leaflet from its own static folder (the dashboard needs no static
    # serving: its map files go through the component route).
    cmd = [sys.executable, "-m", "streamlit", "run", str(work / script), f"--server.port={port}",
           "--server.address=127.0.0.1", "--server.enableStaticServing=true", *SAFE_FLAGS]
    return subprocess.Popen(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def one_run(browser: Browser, case: Case, work: Path, run: int) -> dict[str, float]:
    """Seconds from process start to health, DOMContentLoaded and painted."""
    port = free_port()
    started = time.time()
    proc = launch(case, port, work, run)
    try:
        try:
            healthy = wait_healthy(port, proc, timeout=120, poll=0.025)
        except (RuntimeError, TimeoutError) as exc:
            tail = log_path(case, port, work).read_text(errors="replace")[-1500:]
            raise RunFailed(f"{case.name}: {exc}\n{tail}") from exc
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = ctx.new_page()
            page.goto(f"http://127.0.0.1:{port}/?date={BEFORE}", wait_until="commit")
            page.evaluate(FIRST_ELEMENT)
            if case.painted == "map":
                painted = page.evaluate(PROBE, [case.sel, False, AZERBAIJAN])
            else:
                painted = page.evaluate(BODY_SHOWS, "hello from streamlit")
            nav = page.evaluate("performance.timeOrigin")
            dcl = page.evaluate(DCL)
            first = page.evaluate("window.__kbmFirst")
        except PlaywrightError as exc:
            tail = log_path(case, port, work).read_text(errors="replace")[-1500:]
            raise RunFailed(f"{case.name}: {str(exc).splitlines()[0]}\n{tail}") from exc
        finally:
            ctx.close()
    finally:
        rig.stop_group(proc)
    return {"health": healthy - started, "nav": nav / 1000 - started,
            "dcl": dcl / 1000 - started, "first": first / 1000 - started,
            "painted": painted / 1000 - started}


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):5.2f} ({min(values):.2f}-{max(values):.2f})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per case (default 5)")
    ap.add_argument("--smoke", action="store_true",
                    help="one run per case, no warm-up round: checks the whole path")
    args = ap.parse_args(argv)
    if args.smoke:
        args.runs = 1
    rounds = range(1, 2) if args.smoke else range(args.runs + 1)  # round 0 (warm-up) dropped
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found (apt-get install chromium)")
    at_start = machine()
    results: dict[str, list[dict[str, float]]] = {c.name: [] for c in CASES}
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kbm-cold-") as tmp:
        work = Path(tmp)
        (work / "hello.py").write_text(HELLO)
        shutil.copy(ROOT / "bench" / "app_naive.py", work / "app_naive.py")
        open_with_demo(f"sqlite:///{work / 'demo.sqlite'}", load_demo=True).engine.dispose()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            for run in rounds:  # round 0 warms the disk cache: dropped
                for case in CASES:
                    try:
                        r = one_run(browser, case, work, run)
                    except (RunFailed, PlaywrightError) as exc:
                        failed.append(str(exc).splitlines()[0])
                        print(f"run failed: {exc}", file=sys.stderr, flush=True)
                        continue
                    if run:
                        results[case.name].append(r)
                print(f"round {run} done", file=sys.stderr, flush=True)
            browser.close()
    print(f"start {at_start}\nend   {machine()}")
    print(f"{args.runs} runs per case; seconds from process start, median (min-max)")
    keys = {"health": "health answers", "dcl": "DOMContentLoaded", "first": "first element",
            "painted": "painted"}
    print(f"{'case':22s} | " + " | ".join(f"{v:>17s}" for v in keys.values()))
    for name, runs in results.items():
        cols = [summary([r[k] for r in runs]) if runs else "-" for k in keys]
        print(f"{name:22s} | " + " | ".join(f"{c:>17s}" for c in cols))
    print(f"failed runs: {len(failed)}" + "".join(f"\n  {f}" for f in failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
