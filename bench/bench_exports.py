"""Benchmark of the exports: `karabakh-map export --html` and `--png`, time, size and memory.

    python3 dev.py bench exports [--runs 5] [--root DIR] [--smoke]

Builds a temporary store with the demo catalogue, then:
- runs each export as a whole command (`python -m karabakh_map.cli export ...`, a fresh
  process each time, as a user runs it) several times, the commands taking turns: median,
  min and max wall time, its CPU time (user + system: less sensitive to other jobs on a
  shared machine) and the process's peak resident memory;
- times the same work in one process (store and geodata read, view data, HTML render or PNG
  draw), a few runs after one warm-up;
- reports the file sizes (and the HTML gzipped at level 6, as a web server would send it);
- baseline, measured in the same run: a bare `python -c pass`; the third-party imports each
  export needs (`import geopandas, sqlalchemy, folium` for --html, `... matplotlib.figure`
  for --png): the floor of the command time; and `karabakh-map export --help`.
`--smoke`: one run of each (tests/test_benchmarks_smoke.py). Not a test.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import karabakh_map
from bench.benchkit import run_on_tree, without_option

CODE = Path(karabakh_map.__file__).resolve().parents[1]  # the tree the library comes from
DAY = "2020-11-20"


def machine() -> str:
    """Cores, memory, load average, Python: what the figures depend on."""
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return (f"cores {os.cpu_count()}, memory {mem}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_command(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one child process."""
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=CODE, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux


def timed_runs(commands: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    """Each command `runs` times, taking turns (so a burst of load on the shared machine
    hits them alike): median, min and max seconds, and the highest peak RSS."""
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            results[name].append(run_command(cmd))
    out = {}
    for name, runs_ in results.items():
        times = [t for t, _, _ in runs_]
        out[name] = {"median_s": statistics.median(times), "min_s": min(times),
                     "max_s": max(times),
                     "cpu_median_s": statistics.median(c for _, c, _ in runs_),
                     "peak_rss_mib": max(m for _, _, m in runs_)}
    return out


def in_process(url: str, folder: Path, runs: int) -> dict[str, float]:
    """Median seconds of each part of an export, in this process (after one warm-up)."""
    from geodata.corridor import load_corridor
    from geodata.districts import load_backdrop, load_districts
    from karabakh_map.dataversion import data_as_of
    from karabakh_map.export.html import render_html
    from karabakh_map.export.image import render_image
    from karabakh_map.store import open_store
    from karabakh_map.views import build_view_data

    def once() -> dict[str, float]:
        out: dict[str, float] = {}

        def lap(name: str, fn: Callable[[], object]) -> object:
            t0, c0 = time.perf_counter(), time.process_time()
            value = fn()
            out[name] = time.perf_counter() - t0
            out[name.replace("_s", "_cpu_s")] = time.process_time() - c0
            return value

        store = lap("open_store_s", lambda: open_store(url))
        layers = lap("geodata_s", lambda: (load_districts(), load_corridor(), load_backdrop()))
        districts, corridor, backdrop = layers
        view = lap("view_data_s", lambda: build_view_data(store.engine, districts, corridor))
        page = lap("html_render_s", lambda: render_html(
            view, districts, corridor, backdrop, version=view.data_version,
            as_of=data_as_of(store.engine)))
        lap("html_write_s", lambda: (folder / "inproc.html").write_text(page, encoding="utf-8"))
        lap("png_draw_s", lambda: render_image(view, districts, corridor, backdrop,
                                               date.fromisoformat(DAY), folder / "inproc.png"))
        store.engine.dispose()
        return out

    t0 = time.perf_counter()
    once()
    first = time.perf_counter() - t0
    laps = [once() for _ in range(runs)]
    result = {k: statistics.median(r[k] for r in laps) for k in laps[0]}
    result["first_run_s"] = first  # includes the lazy imports of export modules
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Runs of each command.")
    parser.add_argument("--root", type=Path,
                        help="Run the library from this tree (e.g. an earlier commit: "
                             "`git archive COMMIT | tar -x -C DIR`), for before/after.")
    parser.add_argument("--smoke", action="store_true",
                        help="One run of each command and part: checks the whole path.")
    args = parser.parse_args(argv)
    if args.root:
        rest = without_option(sys.argv[1:] if argv is None else argv, "--root")
        return run_on_tree(__spec__.name, args.root, rest)
    if args.smoke:
        args.runs = 1
    py = sys.executable
    print(f"machine: {machine()}")
    print(f"code: {CODE}")
    print(f"load average at start: {load()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'bench.sqlite'}"
        cli = [py, "-m", "karabakh_map.cli"]
        run_command([*cli, "db", "load-demo", "--db", url])
        html, png = folder / "map.html", folder / "map.png"
        rows = timed_runs({
            "baseline: python -c pass": [py, "-c", "pass"],
            "baseline: imports of --html (geopandas, sqlalchemy, folium)":
                [py, "-c", "import geopandas, sqlalchemy, folium"],
            "baseline: imports of --png (geopandas, sqlalchemy, matplotlib.figure)":
                [py, "-c", "import geopandas, sqlalchemy, matplotlib.figure"],
            "baseline: karabakh-map export --help": [*cli, "export", "--help"],
            "karabakh-map export --html": [*cli, "export", "--db", url, "--html", str(html)],
            f"karabakh-map export --png --date {DAY}":
                [*cli, "export", "--db", url, "--png", str(png), "--date", DAY],
        }, args.runs)
        page = html.read_bytes()
        sizes = {"html_bytes": len(page), "html_gzip6_bytes": len(gzip.compress(page, 6)),
                 "png_bytes": png.stat().st_size}
        inproc = in_process(url, folder, args.runs)
    print(f"load average at end: {load()}")
    print()
    print(f"| command ({args.runs} runs, fresh process each) | median s | min s | max s "
          f"| CPU s (median) | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['median_s']:.2f} | {r['min_s']:.2f} | {r['max_s']:.2f} "
              f"| {r['cpu_median_s']:.2f} | {r['peak_rss_mib']:.0f} |")
    print()
    print("| file | bytes | KiB |")
    print("|---|---|---|")
    for name, n in sizes.items():
        print(f"| {name} | {n:,} | {n / 1024:.0f} |")
    print()
    print(f"| in-process part (median of {args.runs} runs after a warm-up) | wall ms "
          f"| CPU ms |")
    print("|---|---|---|")
    for name, s in inproc.items():
        if "_cpu_" not in name:
            cpu = inproc.get(name.replace("_s", "_cpu_s"))
            print(f"| {name.removesuffix('_s')} | {s * 1000:.1f} | "
                  f"{'' if cpu is None else f'{cpu * 1000:.1f}'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
