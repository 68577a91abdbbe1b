"""Helpers of the per-language cue tests: short sentences of our own through parse_article."""

from __future__ import annotations

from datetime import date
from functools import cache

from geodata.gazetteer import load_gazetteer
from karabakh_map.ingest import parse_article
from karabakh_map.model import CONTROL_TYPES, ExtractedEvent

PUB = date(2023, 9, 28)  # a Thursday


@cache
def _gazetteer():  # type: ignore[no-untyped-def]
    return load_gazetteer()


def events(text: str, lang: str, published: date | None = PUB) -> list[ExtractedEvent]:
    """The events of `text` read as language `lang`."""
    return parse_article(text, published=published, lang=lang, gazetteer=_gazetteer()).events


def found(text: str, lang: str) -> set[tuple[str, str | None, str | None, str]]:
    """(type, place, ISO day or None, stance) of each event; the place is the district id
    when the event is of a whole district ("Aghdam district")."""
    return {(e.type.value, e.place_id or e.district_id, e.date.earliest.isoformat()
             if e.date.earliest and e.date.earliest == e.date.latest else None, e.stance.value)
            for e in events(text, lang)}


def changes(text: str, lang: str) -> list[ExtractedEvent]:
    """The changes of control found in `text` (denials aside)."""
    return [e for e in events(text, lang) if e.type in CONTROL_TYPES
            and e.stance.value != "denies"]


def kinds(text: str, lang: str) -> set[tuple[str, str | None, str]]:
    """(type, place, stance) of each event, dates aside."""
    return {(t, p, s) for t, p, _, s in found(text, lang)}
