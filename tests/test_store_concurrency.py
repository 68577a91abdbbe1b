"""Ingests and a dashboard-like reader at once, in real processes on one store (an SQLite
file, or a PostgreSQL database): nothing lost, no lock errors, the reader never sees the
store go backwards, nor half an article."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from karabakh_map.areas import gazetteer_resolver
from karabakh_map.demo import open_with_demo
from karabakh_map.pipeline import ingest_file
from karabakh_map.store import counts, open_store, query_events
from tests.conftest import BOTH, REPO
from tests.support.article_batch import CLI, subprocess_env, write_articles
from tests.support.store_check import store_problems

STORE_BACKENDS = BOTH

WORKER = """
import sys
from pathlib import Path
from karabakh_map.store import open_store
from karabakh_map.pipeline import ingest_file
store = open_store(sys.argv[1])
for name in sys.argv[2:]:
    r = ingest_file(store.engine, Path(name)).result
    print(r.status, name, flush=True)
"""


def _summary(engine) -> tuple[dict[str, int], set[tuple[object, ...]]]:
    return counts(engine), {(e.type, e.district_id, e.to_json()["date"], len(e.sources))
                            for e in query_events(engine)}


def test_two_processes_ingesting_overlapping_batches_lose_nothing(tmp_path, new_url):
    pytest.importorskip("geodata.gazetteer")
    paths = write_articles(tmp_path, 36)
    url = new_url("shared")
    open_store(url).engine.dispose()  # migrated once, as a fresh install is
    batches = [paths[:24], paths[12:][::-1]]  # 12 articles in both, met in opposite orders
    env = subprocess_env()
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, url, *map(str, batch)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env, cwd=REPO) for batch in batches]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "database is locked" not in err
    statuses = [line.split()[0] for out, _ in outputs for line in out.splitlines()]
    assert statuses.count("new") == 36 and statuses.count("duplicate") == 12
    assert "failed" not in statuses
    # the same as one process ingesting everything once
    alone = open_store(new_url("alone")).engine
    for path in paths:
        ingest_file(alone, path)
    shared = open_store(url).engine
    assert _summary(shared) == _summary(alone)
    assert _summary(shared)[0]["articles"] == 36
    assert store_problems(url) == []
    shared.dispose()
    alone.dispose()


def test_two_ingests_and_a_dashboard_reader_at_once(tmp_path, new_url):
    """Two `karabakh-map ingest` processes over overlapping batches while a third process
    reads the store the way the dashboard does, from before the writers start until after
    they end (tests/support/dashboard_reader.py)."""
    pytest.importorskip("geodata.gazetteer")
    paths = write_articles(tmp_path / "batch", 48)
    url = new_url("shared")
    first = open_with_demo(url, load_demo=True).engine  # as a first dashboard start leaves it
    demo = counts(first)["articles"]
    first.dispose()
    stop, ready = tmp_path / "stop", tmp_path / "ready"
    env = subprocess_env()
    reader = subprocess.Popen([sys.executable, "-m", "tests.support.dashboard_reader", url,
                               str(stop), str(ready)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE,
                              text=True, env=env, cwd=REPO)
    while not ready.exists():  # the reader has done a whole pass before anything is written
        assert reader.poll() is None, reader.communicate()
        time.sleep(0.05)
    batches = [paths[:32], paths[16:][::-1]]  # 16 articles in both, met in opposite orders
    writers = [subprocess.Popen([*CLI, "ingest", *map(str, batch), "--db", url],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env, cwd=REPO) for batch in batches]
    outputs = [w.communicate(timeout=600) for w in writers]
    stop.write_text("stop")
    out, err = reader.communicate(timeout=600)

    for w, (w_out, w_err) in zip(writers, outputs, strict=True):
        assert w.returncode == 0, w_err
        assert "database is locked" not in w_err and "Traceback" not in w_err
        assert ", 0 failed;" in w_out
    assert reader.returncode == 0, err
    report = json.loads(out.splitlines()[-1])
    assert report["errors"] == []
    seen = report["articles"]
    assert seen == sorted(seen), "the reader saw the number of articles go down"
    assert report["versions"] == sorted(report["versions"])
    assert seen[0] == demo and seen[-1] == demo + 48  # from the demo alone to everything
    # the same as one process ingesting everything once, into the same demo store
    alone_url = new_url("alone")
    alone = open_with_demo(alone_url, load_demo=True).engine
    for path in paths:
        ingest_file(alone, path, resolve_place=gazetteer_resolver())
    shared = open_store(url).engine
    assert _summary(shared) == _summary(alone)
    assert store_problems(url) == []
    shared.dispose()
    alone.dispose()


def test_three_processes_creating_one_new_store_at_once(new_url):
    """A fresh install started three times at once: the migrations and the demo catalogue
    land once, and no process fails."""
    pytest.importorskip("geodata.gazetteer")
    url = new_url("new")
    procs = [subprocess.Popen([*CLI, "db", "load-demo", "--db", url], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=subprocess_env(),
                              cwd=REPO) for _ in range(3)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in outputs]
    new = [int(out.split()[2]) for out, _ in outputs]  # "demo articles: N new, M already there"
    total = [int(out.split()[2]) + int(out.split()[4]) for out, _ in outputs]
    assert sum(new) == total[0] == total[1] == total[2]
    engine = open_store(url).engine
    assert counts(engine)["articles"] == total[0]
    engine.dispose()
    assert store_problems(url) == []


WRITER = """
import sys
from datetime import date
from karabakh_map.model import EventType
from karabakh_map.store import open_store, write_article
from tests.conftest import article, ev, fake_resolver
engine = open_store(sys.argv[1]).engine
for i in range(int(sys.argv[2])):
    day = date(2020, 11, 1 + i % 28)
    write_article(engine, article(f"writer {sys.argv[3]} article {i} " * 20), [
        ev(EventType.TRANSFER, day, "AZ-AGM", place_id="aghdam", actor1="Azerbaijan"),
        ev(EventType.TRANSFER, day, "AZ-KAL", place_id="kalbajar", actor1="Azerbaijan"),
    ], resolve_place=fake_resolver)
"""


def test_a_reader_never_sees_half_an_article(new_url):
    """Two writer processes commit articles with two source links each while this process
    reads the articles, then their links, then the events, in one read transaction: the
    later statements never see an article the first did not (SQLite's WAL snapshot; on
    PostgreSQL, REPEATABLE READ for readers)."""
    from karabakh_map.store.db import make_engine

    url = new_url("shared")
    open_store(url).engine.dispose()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, url, "150", str(n)],
                                stderr=subprocess.PIPE, text=True, env=subprocess_env(),
                                cwd=REPO) for n in range(2)]
    engine = make_engine(url)
    passes, torn = 0, []
    while any(w.poll() is None for w in writers) or passes == 0:
        with engine.connect() as conn:
            ids = set(conn.exec_driver_sql("SELECT id FROM articles").scalars())
            time.sleep(0.002)  # give a writer the chance to commit in between
            linked = list(conn.exec_driver_sql(
                "SELECT article_id FROM event_sources").scalars())
            sources = conn.exec_driver_sql("SELECT count(*) FROM event_sources").scalar_one()
        passes += 1
        if set(linked) != ids or sources != 2 * len(ids):
            torn.append((len(ids), len(set(linked)), sources))
    for w in writers:
        assert w.wait(timeout=300) == 0, w.stderr.read() if w.stderr else ""
    assert torn == [], f"{len(torn)} of {passes} passes saw part of a write"
    assert counts(engine)["articles"] == 300 and passes > 10
    engine.dispose()
