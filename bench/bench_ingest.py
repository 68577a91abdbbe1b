"""Benchmark of article ingest: throughput (articles per second) and peak memory.

    python3 dev.py bench ingest [--sizes 1000,10000] [--backends sqlite,postgresql]
                                [--workers 1,2] [--profile] [--root DIR] [--smoke]
    python3 dev.py bench ingest --store-only [--sizes 10000] [--before DIR]

Generates articles of realistic length (3-6 KB) from templates written for this benchmark
(our own words; places, dates, figures and filler vary; each article reports six of a fixed
pool of 400 happenings, so reports merge as in a real feed), writes them as .txt files, then
ingests them with the same code path as `karabakh-map ingest` (read, clean, extract, write
one transaction per article) into a fresh store of each backend, side by side (PostgreSQL:
$KARABAKH_TEST_PG_URL, else a throwaway server, bench/pgserver.py; left out, with a line
saying why, where there is none). `--store-only`: the store's part alone, per 1,000-article
block as the store grows, and an earlier tree's beside it with `--before DIR`
(bench/write_cost.py). Each size runs in its own process so
its peak memory (ru_maxrss) is its own.

`--workers 1,2`: each size and backend with 1 and with 2 worker processes (the path of
`karabakh-map ingest --workers N`, karabakh_map.workers.Pool; 1 is the plain loop).

Wall time and CPU time (user + system of the process and its worker processes) are both
reported, and on PostgreSQL the server's CPU time too (its processes, bench/pgserver.py):
on a shared machine the wall time includes waiting for a core, the CPU time much less so.

Baseline in the same run: the same articles through parsing only (read, clean, extract; no
store), in a process of its own, so "ingest - parse" is what the store adds. `--root DIR`
runs the library from another tree (e.g. an earlier commit: `git archive COMMIT | tar -x -C
DIR`) with the same articles, for a before/after comparison. `--smoke`: 20 articles, a few
seconds (tests/test_benchmarks_smoke.py). Not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench import pgserver
from bench.benchkit import ROOT, run_on_tree, without_option
from bench.pgserver import parse_backends

PLACES = ["Aghdam", "Agdam", "Kalbajar", "Kelbajar", "Karvachar", "Lachin", "Berdzor",
          "Shusha", "Shushi", "Fuzuli", "Jabrayil", "Zangilan", "Qubadli", "Khojavend",
          "Stepanakert", "Khankendi", "Tartar"]
ACTORS = ["the defence ministry", "a government spokesman", "local officials",
          "a regional governor", "the foreign ministry", "an army statement"]
LEADS = [
    "{actor} said on {weekday} that troops had entered {place} district.",
    "Units took control of {place} on {day} after the withdrawal was completed.",
    "{place} is due to be handed over by {day} under the agreement signed on {agreement}.",
    "The handover of {place} was initially scheduled for {day}, but the date was postponed "
    "by {n} days.",
    "Residents fled {place} before the handover, {actor} reported.",
    "Some {figure} peacekeepers deployed along the Lachin corridor on {day}.",
    "Fighting broke out on {day} in Nagorno-Karabakh, {actor} said.",
]
# Filler sentences are built slot by slot, so that two articles share few 8-word runs (as
# real articles do): otherwise near-duplicate detection would take them for captures.
SUBJECTS = ["Reporters on the mountain road", "Diplomats in several capitals", "Engineers",
            "Aid groups", "A local teacher", "Shopkeepers in the nearby towns", "Families",
            "Drivers of the supply convoys", "Farmers from the valley", "Two nurses"]
VERBS = ["described", "spoke about", "complained about", "photographed", "worried about",
         "asked questions about", "counted", "reported on", "walked past", "wrote about"]
OBJECTS = ["empty villages", "closed shops", "the first snow on the passes", "cleared roads",
           "long queues at the checkpoints", "damaged bridges", "new road signs",
           "abandoned orchards", "the price of bread", "power cuts at night"]
TAILS = ["during the week", "after the agreement", "before the winter", "in the morning",
         "late on Saturday", "while the talks went on", "for the third day running",
         "despite the cold", "near the old market", "along the river"]
CHROME = ["Loading...", "READ MORE: other news of the day", "Sign in to comment",
          "Last update: April 25, 2024 16:32"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def happenings(n: int = 400, seed: int = 7) -> list[tuple[str, str, date]]:
    """A fixed pool of (lead template, place, day): what the generated articles report.
    Articles draw from it, so reports of one happening merge as they would in a real feed."""
    rng = random.Random(seed)
    return [(rng.choice(LEADS), rng.choice(PLACES),
             date(2020, 9, 1) + timedelta(days=rng.randrange(120))) for _ in range(n)]


POOL = happenings()


def make_article(i: int, rng: random.Random) -> str:
    """One generated article of about 3-6 KB: headline, date line, event leads, filler."""
    picked = rng.sample(POOL, 6)
    published = max(day for _, _, day in picked) + timedelta(days=rng.randrange(1, 5))

    def fill(template: str, place: str, day: date) -> str:
        actor = rng.choice(ACTORS)
        return template.format(
            actor=actor.capitalize() if template.startswith("{actor}") else actor,
            weekday=WEEKDAYS[day.weekday()], place=place, day=f"{day.day} {day:%B}",
            agreement=f"{day - timedelta(days=10):%B} {(day - timedelta(days=10)).day}",
            n=rng.choice([5, 7, 10]), figure=f"{rng.choice([1960, 2000, 2500]):,}")

    lines = [f"Report {i}: news from {picked[0][1]}", f"date {published.isoformat()}"]
    size = rng.randrange(3000, 6000)
    body: list[str] = []
    while sum(len(p) for p in body) < size:
        template, place, day = picked[len(body) % len(picked)]
        sentences = [fill(template, place, day)]
        sentences += [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                      f"{rng.choice(TAILS)}, {rng.choice(ACTORS)} noted."
                      for _ in range(rng.randrange(2, 5))]
        sentences.append(f"Item {i}-{len(body)} closes with note {rng.randrange(10**9)}.")
        body.append(" ".join(sentences))
        if rng.random() < 0.15:
            body.append(rng.choice(CHROME))
    return "\n\n".join(lines + body) + "\n"


def write_articles(folder: Path, n: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        p = folder / f"article_{i:05d}.txt"
        p.write_text(make_article(i, rng), encoding="utf-8")
        paths.append(p)
    return paths


def run_parse(n: int) -> dict[str, float]:
    """Baseline: generate n articles and only parse them (no store), in this process."""
    from karabakh_map.ingest import parse_file

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_articles(Path(tmp), n)
        t0, c0 = time.perf_counter(), time.process_time()
        events = sum(len(parse_file(p).events) for p in paths)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "seconds": seconds, "per_second": n / seconds, "cpu_s": cpu,
            "per_cpu_second": n / cpu,
            "peak_rss_mib": peak_mib, "extracted": events}


def run_one(n: int, profile: bool, url: str | None = None,
            workers: int = 1) -> dict[str, float]:
    """Generate n articles, ingest them into the store at `url` (default: a new SQLite
    file) with `workers` processes and return the measurements (in this process)."""
    from karabakh_map.areas import gazetteer_resolver
    from karabakh_map.pipeline import ingest_file
    from karabakh_map.store import counts, open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_articles(folder, n)
        kb = sum(p.stat().st_size for p in paths) / n / 1024
        store = open_store(url or f"sqlite:///{folder / 'store.sqlite'}")
        resolve = gazetteer_resolver()
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
        server0 = pgserver.server_cpu(url) if url else None
        statuses: dict[str, int] = {}
        if workers > 1:
            from karabakh_map.workers import Pool

            results = (o.result for o in Pool(workers, store.engine, resolve_place=resolve)
                       .run(paths, {}))
        else:
            results = (ingest_file(store.engine, p, resolve_place=resolve).result
                       for p in paths)
        for r in results:
            statuses[r.status] = statuses.get(r.status, 0) + 1
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - c0 + _children_cpu() - k0
        if url:  # the killed workers' server processes end and are counted: wait for it
            time.sleep(2.0)
        server = pgserver.server_cpu(url) if url else None
        if profiler is not None:
            import pstats

            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        c = counts(store.engine)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"articles": n, "workers": workers, "avg_kb": kb, "seconds": seconds,
            "per_second": n / seconds, "cpu_s": cpu, "per_cpu_second": n / cpu,
            "server_cpu_s": (server - server0) if server is not None and server0 is not None
            else "-",
            "peak_rss_mib": peak_mib, "new": statuses.get("new", 0),
            "duplicate": statuses.get("duplicate", 0), "failed": statuses.get("failed", 0),
            "events": c["events"], "sources": c["event_sources"],
            "backend": "postgresql" if url and url.startswith("postgres") else "sqlite"}


def _children_cpu() -> float:
    """CPU seconds of this process's child processes: the ended ones (ingest workers) and
    the live ones (the parsing process `ingest_file` keeps), read from /proc."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + sum(
        pgserver.cpu_of(pid) for pid in pgserver.children(os.getpid()))


def machine() -> str:
    """Cores, memory and Python: what the figures depend on."""
    mem = next((f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB" for line in
                Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:")),
               "?") if Path("/proc/meminfo").exists() else "?"
    return f"cores {os.cpu_count()}, memory {mem}, Python {sys.version.split()[0]}"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def child(mode: str, n: int, args: argparse.Namespace,
          url: str | None = None, workers: int = 1) -> dict[str, float]:
    """Run one measurement in a fresh process (its own peak memory) and return its figures.
    The child imports the library as this process does (under --root: -P and PYTHONPATH)."""
    safe = ["-P"] if sys.flags.safe_path else []
    cmd = [sys.executable, *safe, "-m", __spec__.name, mode, str(n)]
    if args.profile and mode == "--one":
        cmd.append("--profile")
    if url:
        cmd += ["--url", url]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    out = subprocess.run(cmd, check=True, text=True, cwd=ROOT, stdout=subprocess.PIPE)
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict[str, float]]) -> None:
    cols = list(rows[0])
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(f"{r[c]:,.1f}" if isinstance(r[c], float) else
                                f"{r[c]:,}" if isinstance(r[c], int) else str(r[c])
                                for c in cols) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--profile", action="store_true", help="cProfile to stderr")
    parser.add_argument("--no-baseline", action="store_true",
                        help="Skip the parse-only baseline.")
    parser.add_argument("--root", type=Path,
                        help="Import karabakh_map from this tree (e.g. an earlier commit).")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process modes
    parser.add_argument("--parse-only", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--backends", default="sqlite,postgresql",
                        help="Stores to measure side by side (PostgreSQL: $KARABAKH_TEST_PG_URL "
                             "or a throwaway server; left out when there is none).")
    parser.add_argument("--workers", default="1",
                        help="Worker process counts to measure, e.g. 1,2 (ingest --workers).")
    parser.add_argument("--store-only", action="store_true",
                        help="Only the store's part, per 1,000-article block (write_cost).")
    parser.add_argument("--before", type=Path,
                        help="With --store-only: also an earlier tree's store, same run.")
    parser.add_argument("--smoke", action="store_true",
                        help="Smallest run (20 articles): checks the whole path.")
    args = parser.parse_args(argv)
    if args.root:
        rest = without_option(sys.argv[1:] if argv is None else argv, "--root")
        return run_on_tree(__spec__.name, args.root, rest)
    if args.one or args.parse_only:
        result = (run_one(args.one, args.profile, args.url, int(args.workers)) if args.one
                  else run_parse(args.parse_only))
        import karabakh_map

        result["code"] = str(Path(karabakh_map.__file__).parents[1])
        print(json.dumps(result))
        return 0
    print(f"machine: {machine()}")
    print(f"load average at start: {load()}", flush=True)
    if args.store_only:
        from bench.write_cost import run as store_only

        for n in [20] if args.smoke else [int(x) for x in args.sizes.split(",")]:
            store_only(n, parse_backends(args.backends), args.before)
        print(f"load average at end: {load()}")
        return 0
    backends = parse_backends(args.backends)
    if "postgresql" in backends and (why := pgserver.unavailable()):
        print(f"postgresql left out: {why}")
        backends.remove("postgresql")
    ingest_rows, parse_rows = [], []
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(pgserver.server()) if "postgresql" in backends else ""
        for n in [20] if args.smoke else [int(x) for x in args.sizes.split(",")]:
            if not args.no_baseline:
                parse_rows.append(child("--parse-only", n, args))
                print(f"{n:>6,} articles, parse only: {parse_rows[-1]['per_second']:.1f}/s, "
                      f"{parse_rows[-1]['per_cpu_second']:.1f} per CPU second "
                      f"(load {load()})", flush=True)
            for backend in backends:
                for workers in [int(w) for w in args.workers.split(",")]:
                    load0 = load()
                    with contextlib.ExitStack() as schema:
                        url = (schema.enter_context(pgserver.pg_store_url(base))
                               if backend == "postgresql" else None)
                        ingest_rows.append(child("--one", n, args, url, workers))
                    ingest_rows[-1]["load"] = f"{load0} -> {load()}"
                    print(f"{n:>6,} articles, ingest ({backend}, {workers} workers): "
                          f"{ingest_rows[-1]['seconds']:.0f} s, "
                          f"{ingest_rows[-1]['per_second']:.1f}/s, "
                          f"{ingest_rows[-1]['per_cpu_second']:.1f} per CPU second, "
                          f"server CPU {ingest_rows[-1]['server_cpu_s']} "
                          f"(load {ingest_rows[-1]['load']})", flush=True)
    print(f"load average at end: {load()}")
    print(f"code: {ingest_rows[0].pop('code')}")
    for r in ingest_rows[1:] + parse_rows:
        r.pop("code")
    print("\ningest (read, parse, store):")
    table(ingest_rows)
    if parse_rows:
        print("\nbaseline, parse only (no store):")
        table(parse_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
