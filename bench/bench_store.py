"""Benchmark of the event store's read paths: `state` (control at a date) and event windows.

    python3 dev.py bench store [--sizes 10000,100000,1000000] [--keep DIR [--reuse]]
                               [--backends sqlite,postgresql] [--root DIR] [--smoke]

Generates synthetic events straight into a fresh store of each backend, side by side
(executemany in big batches; PostgreSQL: $KARABAKH_TEST_PG_URL, else a throwaway server,
bench/pgserver.py; left out, with a line saying why, where there is none; the sqlite3
floor and --keep are SQLite's only),
then times, for each size: building the control index, `state` from the cached index, a
naive SQL baseline (one query per district), 1-day / 7-day event-window queries (with
their sources), the SQL part of the window alone, the window's joined rows from sqlite3
directly (no SQLAlchemy, no objects: the floor), and a naive overlap query. Medians over 30
random dates; not a test. `--keep DIR` keeps the databases (the 1M one takes minutes to
generate), `--reuse` queries them again. `--root DIR` runs the store code of another tree
(e.g. an earlier commit: `git archive COMMIT | tar -x -C DIR`) on the same databases, for
before/after.
`--smoke`: 5,000 events and 5 dates, a few seconds (tests/test_benchmarks_smoke.py).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bench import pgserver
from bench.benchkit import run_on_tree, without_option
from bench.pgserver import parse_backends
from karabakh_map.model import EventType
from karabakh_map.store import control_at, control_index, query_events
from karabakh_map.store import schema as s
from karabakh_map.store.db import make_engine
from karabakh_map.store.migrations import migrate

DISTRICTS = ["AZ-AGM", "AZ-FUZ", "AZ-CAB", "AZ-ZAN", "AZ-QBI", "AZ-LAC", "AZ-KAL", "AZ-XCI",
             "AZ-XVD", "AZ-SUS", "AZ-XA", "AZ-TAR", "lachin-corridor"]
CONTROLLERS = ["Azerbaijan", "Armenian forces", "Russian peacekeepers"]
TYPES = [str(t) for t in EventType]
START, DAYS = date(1990, 1, 1), 35 * 365
BATCH = 50_000


def generate(engine: sa.Engine, n: int, seed: int = 1) -> float:
    """Insert n events (one source each) and return the seconds it took."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(s.articles.insert().values(
            id=1, content_hash="bench", published_how="missing", title="bench",
            ingested_at=datetime.now(UTC).replace(tzinfo=None)))
        for lo in range(0, n, BATCH):
            events, sources = [], []
            for i in range(lo + 1, min(n, lo + BATCH) + 1):
                e = START + timedelta(days=rng.randrange(DAYS))
                r = rng.random()
                # 80 % single days, 18 % ranges up to a month, 2 % long spans
                span = (0 if r < 0.8 else rng.randrange(1, 31) if r < 0.98
                        else rng.randrange(32, 400))
                typ = rng.choice(TYPES)
                events.append({
                    "id": i, "key": f"bench|{i}", "type": typ, "sub_type": None,
                    "acled_event_type": None, "date_earliest": e,
                    "date_latest": e + timedelta(days=span),
                    "date_precision": "day" if span == 0 else "range", "long_span": span > 31,
                    "announced": e - timedelta(days=10) if typ == "scheduled_handover" else None,
                    "actor1": None, "actor2": None, "controller": rng.choice(CONTROLLERS),
                    "place_id": None, "location": None, "country": "AZ",
                    "district_id": rng.choice(DISTRICTS), "latitude": None, "longitude": None,
                    "geo_precision": None, "note": "", "disputed": False, "dispute_note": "",
                })
                sources.append({
                    "event_id": i, "article_id": 1, "start": 0, "end": 0,
                    "reported_earliest": e, "reported_latest": e + timedelta(days=span),
                    "reported_precision": "day" if span == 0 else "range", "announced": None,
                    "figures": "{}", "note": "",
                })
            conn.execute(s.events.insert(), events)
            conn.execute(s.event_sources.insert(), sources)
        conn.execute(s.store_meta.update().values(value=s.store_meta.c.value + 1))
    return time.perf_counter() - t0


_CPU: dict[str, float] = {}  # median CPU ms of the last median_ms call, by label


def median_ms(fn: Callable[[date], object], days: list[date], label: str = "") -> float:
    """Median wall ms of fn over the days; the median CPU ms (this process's user + system
    time: no waiting for a core on a shared machine) goes to _CPU[label]."""
    times, cpu = [], []
    for d in days:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(d)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    if label:
        _CPU[label] = statistics.median(cpu)
    return statistics.median(times)


def naive_state(engine: sa.Engine, on: date) -> list[tuple[str, str | None]]:
    """Baseline: the latest control event per district, one SQL query each."""
    out = []
    with engine.connect() as conn:
        for d in DISTRICTS:
            row = conn.execute(sa.text(
                "SELECT controller FROM events WHERE district_id = :d AND type IN "
                "('transfer_of_territory', 'military_capture', 'peacekeeper_deployment') "
                "AND date_latest <= :on ORDER BY date_latest DESC LIMIT 1"),
                {"d": d, "on": on}).first()
            out.append((d, row[0] if row else None))
    return out


def naive_window(engine: sa.Engine, lo: date, hi: date) -> int:
    """Baseline: a plain overlap test, then the same sources look-up size."""
    with engine.connect() as conn:
        ids = conn.execute(sa.text(
            "SELECT id FROM events WHERE date_earliest <= :hi AND date_latest >= :lo"),
            {"lo": lo, "hi": hi}).scalars().all()
        conn.execute(sa.select(s.event_sources).where(s.event_sources.c.event_id.in_(ids[:900])))
    return len(ids)


def window_ids(engine: sa.Engine, lo: date, hi: date) -> int:
    """The SQL part of the window query alone: matching ids, no rows or sources built."""
    e = s.events.c
    near = lo - timedelta(days=31)
    query = sa.select(e.id).where(sa.or_(
        sa.and_(e.long_span == sa.false(), e.date_earliest.between(near, hi),
                e.date_latest >= lo),
        sa.and_(e.long_span == sa.true(), e.date_earliest <= hi, e.date_latest >= lo)))
    with engine.connect() as conn:
        return len(conn.execute(query).all())


# The full window's rows as SQLite alone produces them: the events in the window joined with
# their sources and articles, sorted, fetched as tuples by the sqlite3 module (no SQLAlchemy,
# no objects). The floor under query_events on this machine.
_JOINED_SQL = """
SELECT e.id, e.type, e.sub_type, e.acled_event_type, e.date_precision, e.announced, e.actor1,
       e.actor2, e.controller, e.place_id, e.location, e.country, e.district_id, e.latitude,
       e.longitude, e.geo_precision, e.note, e.disputed, e.dispute_note, e.deadline,
       e.previous_deadline, e.date_earliest, e.date_latest, s.article_id, a.source, a.title,
       a.published, a.url, s.start, s."end", s.reported_precision, s.announced, s.figures,
       s.deadline, s.capture_id, s.reported_earliest, s.reported_latest
FROM events e LEFT JOIN event_sources s ON s.event_id = e.id
LEFT JOIN articles a ON a.id = s.article_id
WHERE e.id IN (SELECT id FROM events WHERE
    long_span = 0 AND date_earliest BETWEEN :near AND :hi AND date_latest >= :lo
    OR long_span = 1 AND date_earliest <= :hi AND date_latest >= :lo)
ORDER BY e.date_earliest IS NULL, e.date_earliest, e.date_latest, e.id, a.published,
         s.article_id, s.start
"""


def window_sqlite(conn: sqlite3.Connection, lo: date, hi: date) -> int:
    """Baseline floor: the joined rows of the window from sqlite3 directly."""
    near = lo - timedelta(days=31)
    return len(conn.execute(_JOINED_SQL, {"lo": lo.isoformat(), "hi": hi.isoformat(),
                                          "near": near.isoformat()}).fetchall())


def run(n: int, folder: Path, reuse: bool = False, dates: int = 30,
        pg_url: str | None = None) -> dict[str, float]:
    """Figures for n events in a new store: SQLite in `folder`, or PostgreSQL at `pg_url`."""
    _CPU.clear()
    path = folder / f"bench_{n}.sqlite"
    existed = reuse and path.exists() and pg_url is None
    engine = make_engine(pg_url or f"sqlite:///{path}")
    migrate(engine)
    gen = float("nan") if existed else generate(engine, n)
    if pg_url is not None:
        # Planner statistics, as autovacuum would gather them a minute after a bulk load:
        # without them PostgreSQL joins the window's sources by scanning all of them.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    rng = random.Random(2)
    days = [START + timedelta(days=rng.randrange(DAYS)) for _ in range(dates)]
    districts = [(d, d) for d in DISTRICTS]
    t0 = time.perf_counter()
    control_index(engine)
    build = (time.perf_counter() - t0) * 1000
    state = median_ms(lambda d: control_at(engine, d, districts), days, "state_ms")
    naive = median_ms(lambda d: naive_state(engine, d), days)
    win1 = median_ms(lambda d: query_events(engine, start=d, end=d), days, "window_1d_ms")
    win7 = median_ms(lambda d: query_events(engine, start=d, end=d + timedelta(days=6)), days,
                     "window_7d_ms")
    ids7 = median_ms(lambda d: window_ids(engine, d, d + timedelta(days=6)), days)
    sqlite7 = _CPU["window_7d_sqlite3_ms"] = float("nan")  # the sqlite3 floor: SQLite only
    if pg_url is None:
        raw = sqlite3.connect(path)
        raw.execute("PRAGMA mmap_size=268435456")  # as make_engine sets them
        raw.execute("PRAGMA cache_size=-65536")
        sqlite7 = median_ms(lambda d: window_sqlite(raw, d, d + timedelta(days=6)), days,
                            "window_7d_sqlite3_ms")
        raw.close()
    naive7 = median_ms(lambda d: naive_window(engine, d, d + timedelta(days=6)), days)
    rows7 = statistics.median(len(query_events(engine, start=d, end=d + timedelta(days=6)))
                              for d in days[:5])
    engine.dispose()
    return {"events": n, "generate_s": gen, "index_build_ms": build, "state_ms": state,
            "state_naive_sql_ms": naive, "window_1d_ms": win1, "window_7d_ms": win7,
            "window_7d_sql_only_ms": ids7,
            "window_7d_sqlite3_rows_ms": sqlite7,
            "window_7d_naive_ms": naive7, "window_7d_rows": rows7,
            **{f"cpu_{k}": v for k, v in _CPU.items()},
            "backend": "postgresql" if pg_url else "sqlite"}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--keep", type=Path, help="Folder for the database files (kept).")
    parser.add_argument("--reuse", action="store_true",
                        help="With --keep: query databases already there instead of regenerating.")
    parser.add_argument("--root", type=Path, help="Use the store code of this tree.")
    parser.add_argument("--backends", default="sqlite,postgresql",
                        help="Stores side by side (PostgreSQL: $KARABAKH_TEST_PG_URL or a "
                             "throwaway server; left out when there is none).")
    parser.add_argument("--smoke", action="store_true",
                        help="Smallest run (5,000 events, 5 dates): checks the whole path.")
    args = parser.parse_args(argv)
    if args.root:
        rest = without_option(sys.argv[1:] if argv is None else argv, "--root")
        return run_on_tree(__spec__.name, args.root, rest)
    sizes = [5000] if args.smoke else [int(x) for x in args.sizes.split(",")]
    dates = 5 if args.smoke else 30
    import karabakh_map

    print(f"machine: cores {os.cpu_count()}, Python {sys.version.split()[0]}, SQLite "
          f"{sqlite3.sqlite_version}, SQLAlchemy {sa.__version__}")
    print(f"code: {Path(karabakh_map.__file__).parents[1]}")
    print(f"load average at start: {_load()}", flush=True)
    backends = parse_backends(args.backends)
    if "postgresql" in backends and (why := pgserver.unavailable()):
        print(f"postgresql left out: {why}")
        backends.remove("postgresql")
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        base = stack.enter_context(pgserver.server()) if "postgresql" in backends else ""
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for n in sizes:
            for backend in backends:
                with contextlib.ExitStack() as schema:
                    url = (schema.enter_context(pgserver.pg_store_url(base))
                           if backend == "postgresql" else None)
                    results.append(run(n, folder, args.reuse, dates, url))
                r = results[-1]
                print(f"{n:>9,} events ({backend}): generated in {r['generate_s']:.1f} s "
                      f"(load {_load()})", flush=True)
    print(f"load average at end: {_load()}")
    cols = list(results[0])
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in results:
        print("| " + " | ".join(f"{r[c]:,.0f}" if c in ("events", "window_7d_rows") else
                                str(r[c]) if c == "backend" else
                                f"{r[c]:.2f}" for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
