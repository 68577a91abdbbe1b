"""Shared pieces of the benchmarks: Chromium settings, the in-page probes that time a date
step, and small helpers (free ports, readiness, percentiles, the machine line, running a
benchmark on the library of another tree).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AZERBAIJAN = "#0072B2"
BEFORE, AFTER = "2020-11-19", "2020-11-20"
LONG = {BEFORE: "19 November 2020", AFTER: "20 November 2020"}

# Resolve (with the page clock, epoch ms) once the page text contains `want`.
BODY_SHOWS = """(want) => new Promise((resolve, reject) => { const until = Date.now() + 60000;
  const t = setInterval(() => {
  if (Date.now() > until) { clearInterval(t); reject(new Error('not shown: ' + want)); }
  if (document.body.innerText.includes(want)) {
    clearInterval(t); resolve(performance.timeOrigin + performance.now()); } }, 4); })"""
# Whether the dashboard's control table heading (an h4 in the main area, "Control on
# 20 Nov 2020": control_heading) reads `want`: the one definition of "the tables show the
# date", used by HEADING_SHOWS here and step_controls.TABLE_FOLLOWS.
HEADING_FOUND = """(want) => { for (const h of document.querySelectorAll(
  '[data-testid="stMain"] h4')) { if (h.textContent.trim() === want) return true; }
  return false; }"""
# Resolve (page clock, epoch ms) once the control table's heading reads `want`.
HEADING_SHOWS = """(want) => new Promise((resolve, reject) => { const until = Date.now() + 60000;
  const found = (""" + HEADING_FOUND + """);
  const t = setInterval(() => {
  if (Date.now() > until) { clearInterval(t); reject(new Error('not shown: ' + want)); }
  if (found(want)) { clearInterval(t); resolve(performance.timeOrigin + performance.now()); }
  }, 4); })"""
TIMEMAP_PATH = 'path[data-district="AZ-AGM"]'
MAP_FRAME = "streamlit_folium"  # in the URL of the map component's frame
MAP_SLIDER = ".kbm-slider"  # the in-map date slider: the dashboard's time control

# In the top document: resolve once Aghdam's fill is (or is not) the Azerbaijan colour in
# any frame (all component frames are same-origin), timed at the next animation frame there.
PROBE = """([sel, wantAz, az]) => new Promise((resolve, reject) => {
  const until = Date.now() + 60000;
  const timer = setInterval(() => {
    if (Date.now() > until) { clearInterval(timer); reject(new Error('no change of ' + sel)); }
    for (const f of document.querySelectorAll('iframe')) {
      let doc; try { doc = f.contentDocument; } catch (_) { continue; }
      const p = doc && doc.querySelector(sel);
      if (!p) continue;
      if (((p.getAttribute('fill') || '').toUpperCase() === az) !== wantAz) continue;
      clearInterval(timer);
      const w = f.contentWindow;
      w.requestAnimationFrame(() => resolve(w.performance.timeOrigin + w.performance.now()));
      return;
    }
  }, 4);
})"""
# Start PROBE in the page without waiting for it; read the result from window.__kbmProbe.
PROBE_START = "(a) => { window.__kbmProbe = (" + PROBE + ")(a); }"
# Record the timestamp of the next keydown in the top document or any frame.
HOOK_KEYS = """() => { window.__kbmKeyAt = null;
  const hook = (w) => { if (w.__kbmHooked) return; w.__kbmHooked = true;
    w.addEventListener('keydown', (e) => {
      window.top.__kbmKeyAt = w.performance.timeOrigin + e.timeStamp; }, true); };
  hook(window);
  for (const f of document.querySelectorAll('iframe')) {
    try { hook(f.contentWindow); } catch (_) {} } }"""
FRAME_START = """(sel) => { for (const f of document.querySelectorAll('iframe')) {
  try { if (f.contentDocument.querySelector(sel)) return f.contentWindow.performance.timeOrigin; }
  catch (_) {} } return null; }"""
IDLE = """() => { const a = document.querySelector('[data-testid="stApp"]');
  return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }"""


def control_heading(day: date) -> str:
    """The heading of the dashboard's control table on `day`: shown once the rerun for a new
    date (the server-bound part of a step) reached the page."""
    return f"Control on {day.day} {day:%b %Y}"


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 90.0,
                 poll: float = 0.1) -> float:
    """Wait for Streamlit's /_stcore/health on `port`; return time.time() when it answered."""
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app on port {port} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return time.time()
        except OSError:
            time.sleep(poll)
    raise TimeoutError(f"the app on port {port} was not healthy after {timeout:.0f} s")


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank on the sorted values)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def machine() -> str:
    """Date, CPUs, memory and load average, to print beside the figures."""
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{time.strftime('%Y-%m-%d %H:%M %Z')}: {os.cpu_count()} CPUs, {mem:.0f} GiB RAM, "
            f"load average {load}")


def run_on_tree(module: str, tree: Path, argv: list[str]) -> int:
    """Run benchmark `module` (e.g. "bench.bench_store") again in a child process that imports
    the library from `tree` (an earlier commit: `git archive COMMIT | tar -x -C DIR`), for a
    before/after comparison. PYTHONPATH puts `tree` first (before the editable install) and
    this repository second (for the bench package); -P keeps the working folder off the path.
    `argv`: the benchmark's arguments, `--root` removed."""
    path = os.pathsep.join([str(tree.resolve()), str(ROOT)])
    env = {**os.environ, "PYTHONPATH": path}
    return subprocess.call([sys.executable, "-P", "-m", module, *argv], cwd=ROOT, env=env)


def without_option(argv: list[str], name: str) -> list[str]:
    """argv without `name VALUE` / `name=VALUE`."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == name:
            skip = True
        elif not arg.startswith(name + "="):
            out.append(arg)
    return out
