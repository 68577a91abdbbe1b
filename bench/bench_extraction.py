"""Extraction scored on the development and holdout sets: real articles, hand-written events.

    python3 dev.py bench extraction [--set dev|holdout|all] [--json] [--smoke] [--verbose]
    python -m bench.bench_extraction [...]      (from the repository root)

Expected events live in bench/devset/<id>.json (no article text; see docs/devset.md); files
marked "holdout" form a held-out set that checks generalisation, scored and reported apart,
its missed events never listed. The texts are third-party copyright and stay outside the
repository: $KARABAKH_DEVSET, else /work/devset, else ../devset beside the repository. Each is
parsed with karabakh_map.ingest.parse_file (the recorded publication date and publisher given)
and its events matched one to one to the expected ones: same type family, same place or its
district, the date equal at the expected precision (a null date must stay unknown), a denial
only to a denial. Prints recall by kind and by language, precision over the scored kinds, and
false changes of control (extracted transfers or captures that match nothing expected, and any
on a text marked no_change_of_control). A text whose sha256 differs from the recorded one is
skipped with a line saying so. `--smoke`: the first 3 texts of each set. Not a test.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import json
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from karabakh_map.ingest import BadInput, parse_file
from karabakh_map.model import (
    CONTROL_TYPES,
    CORRIDOR_ID,
    EventType,
    ExtractedEvent,
    FuzzyDate,
    Precision,
    Stance,
)

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_DIR = ROOT / "bench" / "devset"
LANGUAGES = ("en", "ru", "fr", "de", "tr", "az", "hy", "uk")
SETS = ("dev", "holdout")
REGION = "nagorno-karabakh"
# Districts inside (or overlapping) the former NKAO: a region-wide event may name any of them.
REGION_DISTRICTS = frozenset({"AZ-XA", "AZ-XCI", "AZ-XVD", "AZ-SUS", "AZ-TAR"})
T = EventType
FAMILY: dict[EventType, str] = {
    T.TRANSFER: "control", T.CAPTURE: "control", T.SCHEDULED: "deadline",
    T.POSTPONEMENT: "postponement", T.OFFENSIVE: "fighting", T.CLASH: "fighting",
    T.CEASEFIRE: "ceasefire", T.AGREEMENT: "ceasefire", T.BLOCKADE: "blockade",
    T.CHECKPOINT: "checkpoint", T.REROUTE: "reroute", T.DISSOLUTION: "dissolution"}
SCORED = frozenset(FAMILY.values())  # precision counts only events of these families


def devset_dir() -> Path | None:
    """Where the article texts are: $KARABAKH_DEVSET, /work/devset, ../devset beside the repo."""
    env = os.environ.get("KARABAKH_DEVSET")
    for cand in ([Path(env)] if env else []) + [Path("/work/devset"), ROOT.parent / "devset"]:
        if cand.is_dir():
            return cand
    return None


def set_of(record: dict[str, Any]) -> str:
    """The set a record belongs to: "holdout" when marked so, else "dev"."""
    return "holdout" if record.get("holdout") else "dev"


def load_records(folder: Path = EXPECTED_DIR, which: str = "dev") -> list[dict[str, Any]]:
    """The expected-events files of one set ("dev", "holdout") or of both ("all"), by id.

    Dev by default, so that nothing tuned on the development set reads the holdout by accident.
    """
    recs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    return [r for r in recs if which == "all" or set_of(r) == which]


def _districts() -> dict[str, str | None]:
    """Gazetteer place id -> its district id (None for places outside the districts)."""
    from geodata.gazetteer import load_gazetteer

    return {pid: p.district_id for pid, p in load_gazetteer().places.items()}


def known_ids() -> set[str]:
    """Every id an expected event may name: gazetteer places, districts, the corridor."""
    from geodata.district_spec import DISTRICTS

    return set(_districts()) | {d.id for d in DISTRICTS} | {CORRIDOR_ID}


def _span(value: str) -> tuple[date, date]:
    """First and last day of an ISO day, "YYYY-MM" or "YYYY"."""
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1],
                                                 calendar.monthrange(*parts)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def date_matches(expected: str | None, got: FuzzyDate) -> bool:
    """A day must be that day; a month or year must contain the extracted span; None (no
    resolvable date) must stay unknown; "any" is not scored."""
    if expected == "any":
        return True
    if expected is None or got.precision is Precision.UNKNOWN:
        return expected is None and got.precision is Precision.UNKNOWN
    lo, hi = _span(expected)
    if got.earliest is None or got.latest is None:
        return False
    if lo == hi:
        return got.earliest == got.latest == lo
    return lo <= got.earliest and got.latest <= hi


def place_matches(expected: str | None, e: ExtractedEvent, districts: dict[str, str | None]
                  ) -> bool:
    """The same place, or its district; the region matches a region-wide or region event."""
    if expected is None:
        return True
    if expected == REGION:
        return e.place_id == REGION or (e.place_id is None and e.district_id is None) or \
            e.district_id in REGION_DISTRICTS
    district = districts.get(expected)
    return expected in (e.place_id, e.district_id) or \
        (district is not None and district == e.district_id)


def matches(exp: dict[str, Any], e: ExtractedEvent, districts: dict[str, str | None]) -> bool:
    """Whether extracted event `e` is the expected event `exp` (see the module docstring)."""
    if FAMILY.get(e.type, e.type.value) != FAMILY.get(T(exp["type"]), exp["type"]):
        return False
    if (exp["stance"] == Stance.DENIES) != (e.stance is Stance.DENIES):
        return False
    if exp.get("controller") and e.controller and exp["controller"] != e.controller:
        return False
    if exp.get("part") and e.part is None:
        return False
    places = [exp["place"], *exp.get("alt_places", [])]
    dates = [exp["date"], *exp.get("alt_dates", [])]
    return any(place_matches(p, e, districts) for p in places) and \
        any(date_matches(d, e.date) for d in dates)


def kind(exp: dict[str, Any], district_ids: set[str]) -> str:
    """The reporting kind of an expected event (handovers split by district or town)."""
    t, denial = T(exp["type"]), exp["stance"] == Stance.DENIES
    if t is T.TRANSFER:
        return "handover (district)" if exp["place"] in district_ids else "handover (town)"
    names = {T.CAPTURE: "capture", T.SCHEDULED: "deadline", T.OFFENSIVE: "offensive/clash",
             T.CLASH: "offensive/clash", T.REROUTE: "re-route"}
    return names.get(t, t.value) + (" denial" if denial else "")


def snapshot(events: list[ExtractedEvent]) -> list[dict[str, Any]]:
    """What a snapshot keeps of each extracted event (no text)."""
    return [{"type": e.type.value, "place": e.place_id, "district": e.district_id,
             "date": [e.date.precision.value, e.date.earliest and e.date.earliest.isoformat(),
                      e.date.latest and e.date.latest.isoformat()],
             "controller": e.controller, "stance": e.stance.value} for e in events]


def text_path(record: dict[str, Any], folder: Path) -> tuple[Path | None, str]:
    """The record's text file, or None with the reason it cannot be used."""
    path = folder / record["text_file"]
    if not path.is_file():
        return None, "text absent"
    if hashlib.sha256(path.read_bytes()).hexdigest() != record["sha256"]:
        return None, "text differs from the recorded sha256"
    return path, ""


def extract(record: dict[str, Any], path: Path) -> list[ExtractedEvent]:
    """The project's parser on one article, with its recorded date and publisher."""
    pub = date.fromisoformat(record["published"]) if record["published"] else None
    return parse_file(path, published=pub, source=record["publisher"]).events


def score(record: dict[str, Any], events: list[ExtractedEvent],
          districts: dict[str, str | None]) -> dict[str, Any]:
    """Match one article's events; required expected events first, then optional ones."""
    order = sorted(range(len(record["expected"])),
                   key=lambda i: not record["expected"][i].get("required", True))
    used: dict[int, int] = {}
    for i in order:
        exp = record["expected"][i]
        j = next((j for j, e in enumerate(events)
                  if j not in used.values() and matches(exp, e, districts)), None)
        if j is not None:
            used[i] = j
    hit = set(used.values())
    false = [e for j, e in enumerate(events) if e.type in CONTROL_TYPES
             and e.stance is not Stance.DENIES
             and (record.get("no_change_of_control") or j not in hit)]
    scored = [j for j, e in enumerate(events) if FAMILY.get(e.type) in SCORED]
    return {"found": {i for i in used if record["expected"][i].get("required", True)},
            "precision": (sum(j in hit for j in scored), len(scored)), "false": false}


def run(folder: Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Score every record whose text is present and unchanged."""
    districts, district_ids = _districts(), known_ids() - set(_districts())
    by_kind: dict[str, Counter[str]] = {}
    by_lang: dict[str, Counter[str]] = {}
    out: dict[str, Any] = {"skipped": [], "errors": [], "articles": [], "false_changes": []}
    prec = Counter[str]()
    for rec in records:
        path, why = text_path(rec, folder)
        if path is None:
            out["skipped"].append({"id": rec["id"], "reason": why})
            continue
        try:
            events = extract(rec, path)
        except BadInput as exc:
            out["errors"].append({"id": rec["id"], "error": str(exc)})
            continue
        res = score(rec, events, districts)
        prec.update(ok=res["precision"][0], all=res["precision"][1])
        missed = []
        for i, exp in enumerate(rec["expected"]):
            if not exp.get("required", True):
                continue
            k, got = kind(exp, district_ids), i in res["found"]
            for table, key in ((by_kind, k), (by_lang, rec["language"])):
                table.setdefault(key, Counter()).update(found=got, total=1)
            if not got:
                missed.append(f"{exp['type']} {exp['place']} {exp['date']} ({exp['stance']})")
        for e in res["false"]:
            out["false_changes"].append({"id": rec["id"], "type": e.type.value,
                                         "place": e.place_id or e.district_id,
                                         "date": snapshot([e])[0]["date"]})
        out["articles"].append({"id": rec["id"], "events": len(events), "missed": missed})
    total = Counter[str]()
    for c in by_kind.values():
        total.update(c)
    out.update(by_kind={k: dict(v) for k, v in sorted(by_kind.items())},
               by_language={k: dict(by_lang[k]) for k in LANGUAGES if k in by_lang},
               recall=dict(total), precision=dict(prec),
               no_change_texts=sum(bool(r.get("no_change_of_control")) for r in records))
    return out


def _ratio(c: dict[str, int], num: str = "found", den: str = "total") -> str:
    n, d = c.get(num, 0), c.get(den, 0)
    return f"{n:>3}/{d:<3} {n / d:.2f}" if d else f"{n:>3}/{d:<3}  -"


def report(res: dict[str, Any], name: str, verbose: bool) -> str:
    """The human-readable summary of one set (missed events listed for the dev set only)."""
    lines = [f"{name} set: {len(res['articles'])} texts scored, {len(res['skipped'])} skipped, "
             f"{len(res['errors'])} refused, {res['seconds']:.1f} s"]
    lines += [f"skip {s['id']}: {s['reason']}" for s in res["skipped"]] + \
        [f"refused {e['id']}: {e['error']}" for e in res["errors"]] + ["recall by kind:"]
    lines += [f"  {k:<22} {_ratio(c)}" for k, c in res["by_kind"].items()]
    lines.append("recall by language:")
    lines += [f"  {k:<22} {_ratio(c)}" for k, c in res["by_language"].items()]
    lines.append(f"recall, all required    {_ratio(res['recall'])}")
    lines.append(f"precision, scored kinds {_ratio(res['precision'], 'ok', 'all')}")
    lines.append(f"false changes of control: {len(res['false_changes'])}")
    lines += [f"  {f['id']}: {f['type']} {f['place']} {f['date']}" for f in res["false_changes"]]
    if verbose and name == "holdout":
        lines.append("  (missed events are not listed for the holdout set)")
    elif verbose:
        lines += [f"  missed in {a['id']}: {m}" for a in res["articles"] for m in a["missed"]]
    return "\n".join(lines)


def score_sets(folder: Path, which: str, smoke: bool = False) -> dict[str, dict[str, Any]]:
    """Each selected set scored apart. The holdout's missed events are dropped: listing them
    would put its expected events into the tuning loop."""
    out: dict[str, dict[str, Any]] = {}
    for name in SETS if which == "all" else (which,):
        records = load_records(which=name)
        started = time.perf_counter()
        res = run(folder, records[:3] if smoke else records)
        res["seconds"] = round(time.perf_counter() - started, 2)
        if name == "holdout":
            for art in res["articles"]:
                art.pop("missed")
        out[name] = res
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", dest="which", choices=("dev", "holdout", "all"), default="all",
                    help="which set to score (default: both, reported apart)")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--smoke", action="store_true", help="only the first 3 texts of each set")
    ap.add_argument("--verbose", action="store_true", help="list the missed events (dev set)")
    args = ap.parse_args(argv)
    folder = devset_dir()
    if folder is None:
        print("no article texts: set KARABAKH_DEVSET (see docs/devset.md)", file=sys.stderr)
        return 2
    sets = score_sets(folder, args.which, args.smoke)
    if args.json:
        print(json.dumps({"devset": str(folder), "sets": sets}, indent=1))
    else:
        print(f"extraction scored on the texts in {folder}")
        print("\n\n".join(report(res, name, args.verbose) for name, res in sets.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
