"""The store's part of ingest alone, per 1,000-article block as the store grows.

Articles come from bench_ingest's generator, parsed once (in parallel, cached on disk by
count, so a rerun and every backend and tree write the very same records); then each
(backend, tree) writes them all, in a child process of its own, into a new store, timing
`write_article` per article. A flat cost means a block near the end costs what the first
one did. `bench_ingest --store-only` runs this; `python -m bench.write_cost PICKLE URL` is
the child (printing one line of JSON).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench import pgserver
from bench.benchkit import ROOT

BLOCK = 1000
CACHE = Path(tempfile.gettempdir()) / "karabakh-bench-parsed"


def _parse_chunk(args: tuple[int, int]) -> list[tuple[dict[str, Any], list[Any]]]:
    """Parse articles lo..hi-1 of the generator's sequence (seed 1, as bench_ingest)."""
    from bench.bench_ingest import make_article
    from karabakh_map.ingest import parse_file
    from karabakh_map.pipeline import record_from_parsed

    lo, hi = args
    rng = random.Random(1)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(hi):
            text = make_article(i, rng)  # the generator's state runs through every article
            if i < lo:
                continue
            path = Path(tmp) / f"article_{i:06d}.txt"
            path.write_text(text, encoding="utf-8")
            parsed = parse_file(path)
            out.append((vars(record_from_parsed(parsed)).copy(), list(parsed.events)))
            path.unlink()
    return out


def parsed_articles(n: int, processes: int = 2) -> Path:
    """The pickle of n parsed articles (ArticleRecord fields, events), made once."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"parsed_{n}.pickle"
    if path.exists():
        return path
    step = -(-n // (processes * 4))
    chunks = [(lo, min(n, lo + step)) for lo in range(0, n, step)]
    with ProcessPoolExecutor(processes) as pool:
        records = [r for part in pool.map(_parse_chunk, chunks) for r in part]
    tmp = path.with_suffix(".part")
    tmp.write_bytes(pickle.dumps(records))
    tmp.replace(path)
    return path


def write_all(pickle_path: Path, url: str) -> dict[str, Any]:
    """Write every article of the pickle into the store at `url`; ms per article by block."""
    from karabakh_map.areas import gazetteer_resolver
    from karabakh_map.store import ArticleRecord, open_store, write_article

    records = pickle.loads(pickle_path.read_bytes())
    store = open_store(url)
    resolve = gazetteer_resolver()
    wall: list[float] = []
    cpu: list[float] = []
    statuses: dict[str, int] = {}
    # PostgreSQL: the server's CPU time per block too (read from /proc at block ends)
    server = [pgserver.server_cpu(url)] if url.startswith("postgresql") else []
    for i, (fields, events) in enumerate(records):
        if server and i and i % BLOCK == 0:
            server.append(pgserver.server_cpu(url))
        t0, c0 = time.perf_counter(), time.process_time()
        r = write_article(store.engine, ArticleRecord(**fields), events, resolve_place=resolve)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        statuses[r.status] = statuses.get(r.status, 0) + 1
    store.engine.dispose()
    if server:
        server.append(pgserver.server_cpu(url))
    known = [x for x in server if x is not None]
    sizes = [min(BLOCK, len(records) - i) for i in range(0, len(records), BLOCK)]
    server_ms = ([(b - a) * 1000 / size for (a, b), size in
                  zip(itertools.pairwise(known), sizes, strict=False)]
                 if len(known) == len(server) else [])

    def blocks(values: list[float]) -> list[float]:
        return [statistics.fmean(values[i:i + BLOCK]) * 1000 for i in range(0, len(values), BLOCK)]

    return {"blocks_ms": blocks(wall), "blocks_cpu_ms": blocks(cpu),
            "blocks_server_ms": server_ms, "statuses": statuses}


def child(pickle_path: Path, url: str, tree: Path | None) -> dict[str, Any]:
    """write_all in a fresh process, importing the library from `tree` when given."""
    env = dict(os.environ)
    cmd = [sys.executable, "-m", __spec__.name, str(pickle_path), url]
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(tree.resolve()), str(ROOT)])
        cmd.insert(1, "-P")
    out = subprocess.run(cmd, check=True, text=True, cwd=ROOT, env=env, stdout=subprocess.PIPE)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(n: int, backends: list[str], before: Path | None) -> None:
    """Print, for each backend and tree, the ms per article of each 1,000-article block."""
    print(f"store only: {n:,} parsed articles, ms per article (wall; process CPU in "
          f"brackets, + the PostgreSQL server's) per {BLOCK:,}-article block", flush=True)
    t0 = time.perf_counter()
    pickle_path = parsed_articles(n)
    print(f"parsed in {time.perf_counter() - t0:.0f} s (cached: {pickle_path})", flush=True)
    if "postgresql" in backends and (why := pgserver.unavailable()):
        print(f"postgresql left out: {why}")
        backends = [b for b in backends if b != "postgresql"]
    trees: list[tuple[str, Path | None]] = [("after", None)]
    if before is not None:
        trees.insert(0, ("before", before))
    rows = []
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        base = stack.enter_context(pgserver.server()) if "postgresql" in backends else ""
        for backend in backends:
            for label, tree in trees:
                load0 = _load()
                if backend == "sqlite":
                    url = f"sqlite:///{Path(tmp) / f'{label}.sqlite'}"
                    result = child(pickle_path, url, tree)
                else:
                    with pgserver.pg_store_url(base) as url:
                        server0 = pgserver.server_cpu(url)
                        result = child(pickle_path, url, tree)
                        server1 = pgserver.server_cpu(url)
                        if server0 is not None and server1 is not None:
                            result["server_cpu_s"] = round(server1 - server0, 1)
                rows.append((backend, label, result, f"{load0} -> {_load()}"))
                b = result["blocks_ms"]
                print(f"{backend:<10} {label:<6} first block {b[0]:.1f} ms, last {b[-1]:.1f} "
                      f"ms, statuses {result['statuses']}, server CPU "
                      f"{result.get('server_cpu_s', '-')} s (load {rows[-1][3]})", flush=True)
    blocks = len(rows[0][2]["blocks_ms"])
    print("| backend | code | " + " | ".join(f"block {i + 1}" for i in range(blocks))
          + " | last/first | server CPU s | load avg (start -> end) |")
    print("|" + "---|" * (blocks + 5))
    for backend, label, result, load in rows:
        server_ms = result.get("blocks_server_ms") or [None] * blocks
        cells = [f"{w:.1f} ({c:.1f}{'' if s is None else f' + {s:.1f}'})" for w, c, s in
                 zip(result["blocks_ms"], result["blocks_cpu_ms"], server_ms, strict=True)]
        ratio = result["blocks_ms"][-1] / result["blocks_ms"][0]
        print(f"| {backend} | {label} | " + " | ".join(cells)
              + f" | {ratio:.2f} | {result.get('server_cpu_s', '-')} | {load} |")


if __name__ == "__main__":
    print(json.dumps(write_all(Path(sys.argv[1]), sys.argv[2])))
