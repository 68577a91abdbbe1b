"""The demo event catalogue: our own summary of the seed articles, loaded through the
same write path as ingest (articles as stubs without text, each naming the content hashes
of its real captures, so ingesting a real capture fills the stub instead of adding a copy)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from karabakh_map.model import EventType, ExtractedEvent
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

DEMO_FLAG = "demo_loaded"


@dataclass(frozen=True)
class DemoArticle:
    """One catalogue article and the events it reports."""

    key: str
    record: ArticleRecord
    seeds: tuple[str, ...]  # file stems of the seed captures, parallel to record.known_hashes
    events: tuple[ExtractedEvent, ...]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_catalogue(raw: dict[str, Any] | None = None) -> list[DemoArticle]:
    """Parse the packaged catalogue (or `raw`) into articles with their reported events."""
    if raw is None:
        text = resources.files("karabakh_map").joinpath("data/demo_events.json").read_text("utf-8")
        raw = json.loads(text)
    per_article: dict[str, list[ExtractedEvent]] = {a["key"]: [] for a in raw["articles"]}
    for item in raw["events"]:
        for report in item["reports"]:
            def field(name: str, report: dict[str, Any] = report,
                      item: dict[str, Any] = item) -> Any:
                return report.get(name, item.get(name))

            per_article[report["article"]].append(ExtractedEvent(
                type=EventType(item["type"]), date=parse_date(report["date"]),
                place_id=item.get("place_id"), district_id=item.get("district_id"),
                actor1=item.get("actor1"), actor2=item.get("actor2"),
                controller=item.get("controller"), announced=_day(field("announced")),
                deadline=_day(field("deadline")),
                previous_deadline=_day(field("previous_deadline")),
                figures=dict(report.get("figures", {})), note=item["note"],
            ))
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
            events=tuple(per_article[a["key"]]),
        )
        for a in raw["articles"]
    ]


def load_demo(engine: Engine, resolve_place: PlaceResolver | None = None) -> list[ArticleResult]:
    """Write the catalogue into the store (a second run adds nothing). Places resolve with
    the gazetteer unless `resolve_place` is given."""
    if resolve_place is None:
        from karabakh_map.areas import gazetteer_resolver

        resolve_place = gazetteer_resolver()
    return [write_article(engine, a.record, a.events, resolve_place=resolve_place)
            for a in load_catalogue()]


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
