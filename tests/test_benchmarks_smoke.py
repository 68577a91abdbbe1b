"""Every benchmark runs at its smallest size (`--smoke`), exits 0 and prints its figures, so
the benchmarks keep working as the code moves. The browser ones are marked `browser`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.browser_support import CHROMIUM, REQUIRE_ENV, browser_required

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

# name -> patterns (multi-line regexes) its output must contain: the figures it exists for.
PLAIN = {
    "store": [r"^\| events \| generate_s \|", r"^\| 5,000 \| [\d.]+ \| [\d.]+ \|"],
    "ingest": [r"^ingest \(read, parse, store\):", r"^\| 20 \| [\d.]+ \|",
               r"^baseline, parse only \(no store\):"],
    "exports": [r"^\| karabakh-map export --html \| [\d.]+ \|",
                r"^\| karabakh-map export --png --date \S+ \| [\d.]+ \|",
                r"^\| html_bytes \| [\d,]+ \|", r"^\| png_draw \| [\d.]+ \|"],
    "extraction": [r"^extraction scored on the texts in ", r"^recall, all required +\d+/\d+"],
}
BROWSER = {
    "cold_start": [r"^dashboard, first run +\| +[\d.]+ ", r"^dashboard +\| +[\d.]+ ",
                   r"^naive map +\| +[\d.]+ ", r"^hello \(floor\) +\| +[\d.]+ ",
                   r"^failed runs: 0$"],
    "step_latency": [r"^dashboard step p50 +[\d.]+ ms", r"^ours +step p50 +[\d.]+ ms",
                     r"^naive +step p50 +[\d.]+ ms", r"^ratio naive/dashboard \(step p50\)"],
    "any_slider": [r"^dashboard: \d+ slider\(s\) found", r"^naive: 1 slider\(s\) found",
                   r"^worst p95 over the sliders that move the map: dashboard [\d.]+ ms, "
                   r"naive [\d.]+ ms"],
    "load": [r"^ +1 +[1-9]\d* +[\d.]+ \|", r"^server only:", r"^ +1 +\| +\d+ +\d+ +\d+ \|",
             r"^sizing for 50 people", r"^server log: 0 tracebacks$"],
    "url_fuzz": [r"^outcomes \(3 cases\):", r"^time: \d+ s in all", r"^PASS$"],
    "memory": [r"^config: .*server\.maxMessageSize \d+ MB",
               r"^2 sessions, 3 MB value in the place search: 2 refused",
               r"^server RSS MB: before \d+, peak \d+, clients closed \d+, sessions forgotten",
               r"^server log: 0 tracebacks$", r"^PASS$"],
}


def run_smoke(name: str, timeout: float) -> str:
    """`python -m bench.bench_NAME --smoke` from the repository root; its stdout."""
    proc = subprocess.run([sys.executable, "-m", f"bench.bench_{name}", "--smoke"], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (
        f"bench_{name} --smoke exited {proc.returncode}\n--- stdout\n{proc.stdout[-3000:]}"
        f"\n--- stderr\n{proc.stderr[-3000:]}")
    return proc.stdout


def assert_figures(name: str, out: str, patterns: list[str]) -> None:
    missing = [p for p in patterns if not re.search(p, out, re.M)]
    assert not missing, f"bench_{name} --smoke did not print {missing}:\n{out[-3000:]}"


def test_every_benchmark_has_a_smoke_run() -> None:
    names = {p.stem.removeprefix("bench_") for p in BENCH.glob("bench_*.py")}
    assert names == set(PLAIN) | set(BROWSER)


def test_benchmarks_reach_the_code_without_path_edits() -> None:
    edits = [p.name for p in sorted(BENCH.glob("*.py")) if "sys.path" in p.read_text()]
    assert edits == []


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_smoke(name: str) -> None:
    if name == "extraction":
        from bench.bench_extraction import devset_dir

        if devset_dir() is None:  # the article texts are never in the repository
            pytest.skip("no development-set texts here (KARABAKH_DEVSET, see docs/devset.md)")
    assert_figures(name, run_smoke(name, timeout=120), PLAIN[name])


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(BROWSER))
def test_smoke_in_browser(name: str) -> None:
    if not CHROMIUM.exists():
        if browser_required():
            pytest.fail(f"{CHROMIUM} not found and {REQUIRE_ENV}=1", pytrace=False)
        pytest.skip(f"{CHROMIUM} not found")
    assert_figures(name, run_smoke(name, timeout=240), BROWSER[name])
