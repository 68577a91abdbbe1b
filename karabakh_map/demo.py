"""The shipped catalogue: the dated record of control 1991-2024 (data/record.json, our own
words; docs/record.md), loaded through the same write path as ingest. Articles are stubs
without text; the seed articles name the content hashes of their real captures, so ingesting
a capture fills the stub instead of adding a copy.

Each record event becomes one store event: its reports carry their stance and the event's
part, and where the merge rule would join two record events (a claim and its later
confirmation in the same year) the later one gets a key of its own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from karabakh_map.model import EventType, ExtractedEvent, Stance
from karabakh_map.store import (
    ArticleRecord,
    ArticleResult,
    Engine,
    PlaceResolver,
    Store,
    has_flag,
    open_store,
    parse_date,
    set_flag,
    write_article,
)
from karabakh_map.store.edits import confirm_reported_by
from karabakh_map.store.merge import merge_key

CATALOGUE = "data/record.json"

DEMO_FLAG = "demo_loaded"


@dataclass(frozen=True)
class DemoArticle:
    """One catalogue article and the events it reports."""

    key: str
    record: ArticleRecord
    seeds: tuple[str, ...]  # file stems of the seed captures, parallel to record.known_hashes
    events: tuple[ExtractedEvent, ...]
    keys: tuple[str | None, ...] = ()  # parallel to events: the record's own merge keys


def read_catalogue() -> dict[str, Any]:
    """The packaged record as parsed JSON."""
    return json.loads(resources.files("karabakh_map").joinpath(CATALOGUE).read_text("utf-8"))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_catalogue(raw: dict[str, Any] | None = None) -> list[DemoArticle]:
    """Parse the packaged record (or `raw`) into articles with their reported events."""
    raw = read_catalogue() if raw is None else raw
    per_article: dict[str, list[tuple[ExtractedEvent, str | None]]] = {
        a["key"]: [] for a in raw["articles"]}
    taken: set[str] = set()
    for item in raw["events"]:
        reports = [(report, _report_event(item, report)) for report in item["reports"]]
        keys = {merge_key(e) for _, e in reports}
        own: str | None = None
        if len(keys) > 1 or keys & taken:
            # One record event, one store event: a key of its own (first free "#n").
            base = merge_key(reports[0][1])
            n = 2
            while f"{base}#{n}" in taken:
                n += 1
            own = f"{base}#{n}"
            keys = {own}
        taken |= keys
        for report, event in reports:
            per_article[report["article"]].append((event, own))
    return [
        DemoArticle(
            key=a["key"],
            record=ArticleRecord(
                title=a["title"], source=a["publisher"],
                published=date.fromisoformat(a["published"]), published_how="given",
                text=None, url=a.get("url"), language=a.get("language"),
                known_hashes=tuple(a.get("captures", {}).values()),
            ),
            seeds=tuple(a.get("captures", {})),
            events=tuple(e for e, _ in per_article[a["key"]]),
            keys=tuple(k for _, k in per_article[a["key"]]),
        )
        for a in raw["articles"]
    ]


def _report_event(item: dict[str, Any], report: dict[str, Any]) -> ExtractedEvent:
    """One report of a record event, as ingest would have extracted it."""
    def field(name: str) -> Any:
        return report.get(name, item.get(name))

    return ExtractedEvent(
        type=EventType(item["type"]), date=parse_date(report["date"]),
        place_id=item.get("place_id"), district_id=item.get("district_id"),
        actor1=item.get("actor1"), actor2=item.get("actor2"),
        controller=item.get("controller"), announced=_day(field("announced")),
        deadline=_day(field("deadline")), previous_deadline=_day(field("previous_deadline")),
        figures=dict(report.get("figures", {})), note=item["note"], part=item.get("part"),
        stance=Stance(report.get("stance", Stance.REPORTS)),
    )


def load_demo(engine: Engine, resolve_place: PlaceResolver | None = None) -> list[ArticleResult]:
    """Write the catalogue into the store (a second run adds nothing). Places resolve with
    the gazetteer unless `resolve_place` is given."""
    if resolve_place is None:
        from karabakh_map.areas import gazetteer_resolver

        resolve_place = gazetteer_resolver()
    results = [write_article(engine, a.record, a.events, resolve_place=resolve_place,
                             keys=a.keys or None)
               for a in load_catalogue()]
    # The catalogue is curated: its events come in confirmed, not awaiting review (all the
    # events its articles report, so a load cut short and run again confirms them too).
    confirm_reported_by(engine, [i for r in results
                                 for i in (r.article_id, r.duplicate_of) if i is not None])
    return results


def ensure_demo_loaded(
    engine: Engine, resolve_place: PlaceResolver | None = None
) -> list[ArticleResult]:
    """Load the catalogue once per store: a no-op after the first successful load."""
    if has_flag(engine, DEMO_FLAG):
        return []
    results = load_demo(engine, resolve_place)
    set_flag(engine, DEMO_FLAG)
    return results


def open_with_demo(url: str | None = None, *, load_demo: bool | None = None) -> Store:
    """Open the store (see karabakh_map.store.open_store) and load the demo catalogue into it
    on first use when it is the default store, or when load_demo=True."""
    store = open_store(url)
    if load_demo if load_demo is not None else store.is_default:
        ensure_demo_loaded(store.engine)
    return store
