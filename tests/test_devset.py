"""The extraction development and holdout sets: every expected-events file is valid; the scorer
runs on the texts of both sets; extraction output per development article matches its reviewed
snapshot.

The article texts are not in the repository (see docs/devset.md); the tests that read them skip
when they are absent. When extraction changes on purpose, review the new output and refresh the
snapshots with KARABAKH_UPDATE_SNAPSHOTS=1. Holdout articles never get a snapshot: it would put
their extraction into the tuning loop.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.bench_extraction import (
    EXPECTED_DIR,
    LANGUAGES,
    SETS,
    devset_dir,
    extract,
    known_ids,
    load_records,
    matches,
    report,
    run,
    score_sets,
    set_of,
    snapshot,
    text_path,
)
from karabakh_map.model import (
    CONTROL_TYPES,
    Controller,
    EventType,
    ExtractedEvent,
    FuzzyDate,
    Precision,
    Stance,
)

SNAPSHOTS = EXPECTED_DIR / "snapshots"
RECORDS = load_records(which="all")
DEV = load_records()  # snapshots cover the development set only
HOLDOUT = load_records(which="holdout")
SEVEN = {"en", "ru", "fr", "de", "tr", "az", "hy"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KEYS = {"type", "place", "date", "controller", "stance", "why", "alt_dates", "alt_places",
        "required", "part"}


def _date_ok(value: object) -> bool:
    if value is None or value == "any":
        return True
    if not isinstance(value, str) or not DATE.match(value):
        return False
    parts = [int(x) for x in value.split("-")] + [1, 1]
    try:
        date(*parts[:3])
    except ValueError:
        return False
    return 1990 <= parts[0] <= 2024


def problems(rec: dict[str, Any], ids: set[str]) -> list[str]:
    """What is wrong with one expected-events file (an empty list when nothing)."""
    out = []
    if not rec["text_file"].startswith(rec["id"] + "."):
        out.append("text_file is not named after the id")
    if not re.fullmatch(r"[0-9a-f]{64}", rec["sha256"]):
        out.append("sha256 is not 64 hex digits")
    if rec["language"] not in LANGUAGES:
        out.append(f"language {rec['language']!r}")
    if rec.get("holdout") not in (None, True):
        out.append("holdout must be true or absent")
    if (set_of(rec) == "holdout") != bool(re.fullmatch(r"[a-z]{2}-g\d+", rec["id"])):
        out.append("holdout ids are <lang>-g<N>, and only holdout ids")
    if bool(rec.get("former_holdout")) != bool(re.fullmatch(r"[a-z]{2}-h\d+", rec["id"])):
        out.append("the former holdout (<lang>-h<N>) is marked former_holdout, and only it")
    if rec["published"] is not None and not (DATE.match(rec["published"])
                                             and len(rec["published"]) == 10):
        out.append(f"published {rec['published']!r}")
    for n, exp in enumerate(rec["expected"]):
        where = f"expected[{n}]"
        out += [f"{where}: unknown key {k!r}" for k in set(exp) - KEYS]
        if exp["type"] not in {t.value for t in EventType}:
            out.append(f"{where}: type {exp['type']!r}")
        out += [f"{where}: place {p!r}" for p in [exp["place"], *exp.get("alt_places", [])]
                if p is not None and p not in ids]
        out += [f"{where}: date {d!r}" for d in [exp["date"], *exp.get("alt_dates", [])]
                if not _date_ok(d)]
        if exp["stance"] not in {s.value for s in Stance}:
            out.append(f"{where}: stance {exp['stance']!r}")
        if exp["controller"] is not None and exp["controller"] not in {c.value for c in Controller}:
            out.append(f"{where}: controller {exp['controller']!r}")
        if not exp.get("why"):
            out.append(f"{where}: no why")
        if rec["no_change_of_control"] and EventType(exp["type"]) in CONTROL_TYPES \
                and exp.get("required", True):
            out.append(f"{where}: a change of control on a no-change text")
    return out


def test_at_least_forty_texts_in_seven_languages() -> None:
    assert len(DEV) >= 40
    assert {r["language"] for r in DEV} >= SEVEN
    assert sum(r["no_change_of_control"] for r in DEV) >= 3


def test_holdout_is_a_separate_set_of_other_articles() -> None:
    assert len(HOLDOUT) >= 35
    assert {r["language"] for r in HOLDOUT} >= SEVEN
    assert sum(r["no_change_of_control"] for r in HOLDOUT) >= 6
    assert len(DEV) + len(HOLDOUT) == len(RECORDS)
    assert not {r["url"] for r in DEV} & {r["url"] for r in HOLDOUT}
    assert not {r["sha256"] for r in DEV} & {r["sha256"] for r in HOLDOUT}


@pytest.mark.parametrize("rec", RECORDS, ids=[r["id"] for r in RECORDS])
def test_expected_file_is_valid(rec: dict[str, Any]) -> None:
    assert problems(rec, known_ids()) == []


def test_no_article_text_in_the_repository() -> None:
    banned = {".txt", ".html", ".htm", ".md"}
    assert not [p for p in EXPECTED_DIR.rglob("*") if p.suffix in banned]
    for rec in RECORDS:
        assert set(rec) <= {"id", "url", "publisher", "title", "published", "published_how",
                            "language", "text_file", "sha256", "excerpt", "holdout",
                            "former_holdout", "no_change_of_control", "expected"}


needs_texts = pytest.mark.skipif(devset_dir() is None, reason="article texts absent (devset)")


@needs_texts
def test_scorer_runs_on_the_set() -> None:
    folder = devset_dir()
    assert folder is not None
    res = run(folder, DEV)
    assert res["articles"], res["skipped"]
    assert res["recall"]["total"] > 0
    json.dumps(res)  # --json output stays serialisable


@needs_texts
def test_sets_are_scored_apart_and_holdout_misses_stay_hidden() -> None:
    folder = devset_dir()
    assert folder is not None
    sets = score_sets(folder, "all", smoke=True)
    assert tuple(sets) == SETS
    assert {a["id"] for a in sets["holdout"]["articles"]} <= {r["id"] for r in HOLDOUT}
    assert all("missed" not in a for a in sets["holdout"]["articles"])
    assert all("missed" in a for a in sets["dev"]["articles"])
    assert "missed in" not in report(sets["holdout"], "holdout", verbose=True)
    json.dumps(sets)


@needs_texts
@pytest.mark.parametrize("rec", DEV, ids=[r["id"] for r in DEV])
def test_extraction_matches_snapshot(rec: dict[str, Any]) -> None:
    folder = devset_dir()
    assert folder is not None
    path, why = text_path(rec, folder)
    if path is None:
        pytest.skip(f"{rec['id']}: {why}")
    got = snapshot(extract(rec, path))
    file = SNAPSHOTS / f"{rec['id']}.json"
    if os.environ.get("KARABAKH_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        file.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    assert file.exists(), f"no snapshot for {rec['id']}: run with KARABAKH_UPDATE_SNAPSHOTS=1"
    want = json.loads(file.read_text(encoding="utf-8"))
    assert got == want, (f"extraction of {rec['id']} changed: review it, then refresh with "
                         "KARABAKH_UPDATE_SNAPSHOTS=1 (docs/devset.md)")


def test_snapshots_belong_to_records() -> None:
    ids = {r["id"] for r in DEV}  # a holdout snapshot would leak its output into tuning
    assert {p.stem for p in Path(SNAPSHOTS).glob("*.json")} <= ids


def _event(type_: EventType, place: str | None, district: str | None, fd: FuzzyDate,
           stance: Stance = Stance.REPORTS, part: str | None = None) -> ExtractedEvent:
    return ExtractedEvent(type_, fd, place, district, controller="Azerbaijan", stance=stance,
                          part=part)


def test_matching_rules() -> None:
    day = FuzzyDate.day(date(2020, 11, 20))
    week = FuzzyDate(Precision.RANGE, date(2020, 11, 16), date(2020, 11, 22))
    unknown = FuzzyDate(Precision.UNKNOWN, None, date(2020, 11, 25))
    exp = {"type": "transfer_of_territory", "place": "AZ-AGM", "date": "2020-11-20",
           "controller": "Azerbaijan", "stance": "reports", "why": "x"}
    d: dict[str, str | None] = {"aghdam": "AZ-AGM", "shusha": "AZ-SUS"}
    assert matches(exp, _event(EventType.TRANSFER, "aghdam", "AZ-AGM", day), d)
    assert not matches(exp, _event(EventType.TRANSFER, "aghdam", "AZ-AGM", week), d)
    assert matches({**exp, "date": "2020-11"}, _event(EventType.TRANSFER, None, "AZ-AGM", week), d)
    assert matches({**exp, "date": None}, _event(EventType.TRANSFER, None, "AZ-AGM", unknown), d)
    assert not matches({**exp, "date": None}, _event(EventType.TRANSFER, None, "AZ-AGM", day), d)
    villages = {**exp, "part": "villages"}
    assert not matches(villages, _event(EventType.TRANSFER, None, "AZ-AGM", day), d)
    assert matches(villages, _event(EventType.TRANSFER, None, "AZ-AGM", day, part="held_1994"), d)
    denial = {**exp, "type": "military_capture", "place": "shusha", "stance": "denies"}
    assert not matches(denial, _event(EventType.CAPTURE, "shusha", "AZ-SUS", day), d)
    assert matches(denial, _event(EventType.CAPTURE, None, "AZ-SUS", day, Stance.DENIES), d)
