"""Two ingests at once, in two real processes on one SQLite file: nothing lost, no lock errors."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from karabakh_map.store import counts, open_store, query_events
from karabakh_map.store.pipeline import ingest_file
from tests.conftest import REPO

PLACES = ["Aghdam", "Kalbajar", "Lachin", "Shusha"]
WORDS = ["river", "road", "village", "bridge", "winter", "market", "school", "orchard",
         "convoy", "checkpoint", "valley", "mountain", "teacher", "farmer", "driver", "bakery",
         "station", "clinic", "harvest", "border"]

WORKER = """
import sys
from pathlib import Path
from karabakh_map.store import open_store
from karabakh_map.store.pipeline import ingest_file
store = open_store(sys.argv[1], load_demo=False)
for name in sys.argv[2:]:
    r = ingest_file(store.engine, Path(name)).result
    print(r.status, name, flush=True)
"""


def _articles(folder: Path, n: int) -> list[Path]:
    rng = random.Random(3)
    paths = []
    for i in range(n):
        place, day = PLACES[i % 4], 18 + i % 3  # reports of the same handovers overlap
        filler = " ".join(" ".join(rng.sample(WORDS, 8)) + "." for _ in range(30))
        p = folder / f"a{i:02d}.txt"
        p.write_text(f"Report number {i}\n\ndate 2020-11-{day + 5}\n\n"
                     f"Government troops entered {place} district on {day} November 2020.\n\n"
                     f"{filler}\n", encoding="utf-8")
        paths.append(p)
    return paths


def _summary(engine) -> tuple[dict[str, int], set[tuple[object, ...]]]:
    return counts(engine), {(e.type, e.district_id, e.to_json()["date"], len(e.sources))
                            for e in query_events(engine)}


def test_two_processes_ingesting_overlapping_batches_lose_nothing(tmp_path):
    pytest.importorskip("geodata.gazetteer")
    paths = _articles(tmp_path, 36)
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    open_store(url, load_demo=False).engine.dispose()  # migrated once, as a fresh install is
    batches = [paths[:24], paths[12:][::-1]]  # 12 articles in both, met in opposite orders
    env = {**os.environ, "PYTHONPATH": str(REPO)}
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
    alone = open_store(f"sqlite:///{tmp_path / 'alone.sqlite'}", load_demo=False).engine
    for path in paths:
        ingest_file(alone, path)
    shared = open_store(url, load_demo=False).engine
    assert _summary(shared) == _summary(alone)
    assert _summary(shared)[0]["articles"] == 36
