"""Generated article batches and whole-store comparisons, for the crash and concurrency tests."""

from __future__ import annotations

import os
import random
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from tests.conftest import REPO

PLACES = ["Aghdam", "Kalbajar", "Lachin", "Shusha"]
WORDS = ["river", "road", "village", "bridge", "winter", "market", "school", "orchard",
         "convoy", "checkpoint", "valley", "mountain", "teacher", "farmer", "driver", "bakery",
         "station", "clinic", "harvest", "border"]
# Columns that record when something was written, not what: they differ between two stores
# holding the same data.
CLOCK_COLUMNS = {"ingested_at", "applied_at"}
# `karabakh-map ...` from a fresh interpreter, as an installed console script would run it.
CLI = [sys.executable, "-c", "from karabakh_map.cli import main; main()"]

# Rows the schema's keys would not catch doubled (checked on both backends).
DOUBLED = [
    ("SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1",
     "article stored twice"),
    ("SELECT event_id, article_id FROM event_sources GROUP BY event_id, article_id "
     "HAVING count(*) > 1", "source linked twice"),
    ("SELECT article_id, hash FROM article_fingerprints GROUP BY article_id, hash "
     "HAVING count(*) > 1", "fingerprint stored twice"),
]


def write_articles(folder: Path, n: int) -> list[Path]:
    """`n` short reports of four handovers, each with its own filler (all new articles)."""
    folder.mkdir(parents=True, exist_ok=True)
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


def subprocess_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def store_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (clock columns left out), sorted: two stores holding the
    same data compare equal, ids included."""
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for t in tables:
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')
                    if r[1] not in CLOCK_COLUMNS]
            select = ", ".join(f'"{c}"' for c in cols)
            out[t] = sorted(conn.execute(f'SELECT {select} FROM "{t}"').fetchall(), key=repr)
    return out


def store_problems(path: Path) -> list[str]:
    """What SQLite's own checks find wrong (integrity, foreign keys), plus doubled rows
    the schema's keys would not catch."""
    with closing(sqlite3.connect(path)) as conn:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
        for sql, what in DOUBLED:
            problems += [f"{what}: {r}" for r in conn.execute(sql)]
    return problems


def event_set(path: Path) -> set[tuple[object, ...]]:
    """(type, district, dates, number of sources) of every event."""
    with closing(sqlite3.connect(path)) as conn:
        return set(conn.execute(
            "SELECT e.type, e.district_id, e.date_earliest, e.date_latest, count(s.id) "
            "FROM events e LEFT JOIN event_sources s ON s.event_id = e.id GROUP BY e.id"))
