"""Events beside the handovers: people displaced or coming back, property destroyed,
peacekeepers deployed, political events. Each is dated by the nearest free date of its
sentence, else undated (and then dropped inside quoted speech)."""

from __future__ import annotations

from typing import Any

from karabakh_map.ingest import domain_spec as spec
from karabakh_map.ingest.extract.context import (
    Article,
    Candidate,
    Sentence,
    candidate,
    confidence,
)
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.model import CORRIDOR_ID, EventType, FuzzyDate, Precision

FIGURE_WINDOW = 60  # characters after a people cue where its head count may stand
NOT_WINDOW = 30  # characters before a people cue that may negate it


def people_events(art: Article, sent: Sentence, taken: frozenset[int]) -> list[Candidate]:
    """Returns, displacements and destruction, in the order of the cue table."""
    out: list[Candidate] = []
    returned = False
    for kind, pattern in art.cues.people:
        m = pattern.search(sent.body)
        if m is None:
            continue
        if kind is EventType.DISPLACEMENT and returned:
            continue  # "bussed back residents who had fled" is a return
        cue = sent.start + m.start()
        if art.cues.not_before.search(art.text[max(sent.start, cue - NOT_WINDOW):cue]):
            continue  # "unable to return home" is no return
        returned = returned or kind is EventType.RETURN
        place = nearest_place(sent.places, cue, prefer_corridor=False)
        if place is None:
            continue
        figures: dict[str, int] = {}
        approximate = False
        if kind in (EventType.DISPLACEMENT, EventType.RETURN):
            fm = art.cues.head_count.search(sent.body[m.start():m.end() + FIGURE_WINDOW])
            if fm:
                figures["people"] = _number(fm.group(2))
                approximate = bool(fm.group(1))
        out += _dated(art, sent, taken, kind, cue, place, approximate=approximate,
                      figures=figures)
    return out


def peacekeeper_events(art: Article, sent: Sentence, taken: frozenset[int],
                       last_target: PlaceMention | None) -> list[Candidate]:
    """A deployment of peacekeepers, with its head count; `last_target` (the previous
    sentences' last district place) locates a counted deployment that names no place."""
    m = art.cues.peacekeepers.search(sent.body)
    if m is None:
        return []
    cue = sent.start + m.start()
    place = nearest_place(sent.places, cue, prefer_corridor=True)
    figures: dict[str, int] = {}
    approximate = False
    fm = art.cues.troops.search(sent.body)
    if fm:
        figures["peacekeepers"] = _number(fm.group(2))
        approximate = bool(fm.group(1))
        place = place or last_target
    elif not art.cues.peacekeeper_presence.search(sent.body):
        return []
    elif place is not None and place.district_id != CORRIDOR_ID \
            and place.kind not in spec.PEACEKEEPER_PLACE_KINDS:
        return []  # "peacekeepers to the region ... the town of X": X is not where
    if place is None:
        return []
    fields: dict[str, Any] = {"actor1": spec.PEACEKEEPERS}
    if place.district_id == CORRIDOR_ID:
        fields["controller"] = spec.CORRIDOR_CONTROLLER
    return _dated(art, sent, taken, EventType.PEACEKEEPERS, cue, place, approximate=approximate,
                  figures=figures, **fields)


def political_events(art: Article, sent: Sentence, taken: frozenset[int]) -> list[Candidate]:
    """A resignation, protest, vote, election, swearing-in or impeachment with a place or a
    date."""
    m = art.cues.political.search(sent.body)
    if m is None:
        return []
    cue = sent.start + m.start()
    place = nearest_place(sent.places, cue, prefer_corridor=False)
    if place is None and _nearest_date(sent, taken, cue) is None:
        return []
    stem = m.group().lower()
    label = next((lab for s, lab in art.cues.political_labels if stem.startswith(s)),
                 "unspecified")
    return _dated(art, sent, taken, EventType.POLITICAL, cue, place, detail=label, figures={})


def nearest_place(places: tuple[PlaceMention, ...], pos: int, *, prefer_corridor: bool
                  ) -> PlaceMention | None:
    """The place an event at `pos` happened at: the corridor first when preferred, else the
    nearest local place, district places first."""
    if not places:
        return None
    if prefer_corridor:
        corridor = [p for p in places if p.district_id == CORRIDOR_ID]
        if corridor:
            return corridor[0]
    # Capitals far away (Moscow, Paris) name actors, not where things happen.
    local = [p for p in places if p.country in spec.LOCAL_COUNTRIES]
    pool = [p for p in local if p.district_id] or local
    return min(pool, key=lambda p: abs(p.start - pos)) if pool else None


def _number(text: str) -> int:
    """'1,960', '1 960', '1.960': thousands separators of any language dropped."""
    return int("".join(ch for ch in text if ch.isdigit()))


def _nearest_date(sent: Sentence, taken: frozenset[int], pos: int) -> FuzzyDate | None:
    free = [d for d in sent.dates if d.start not in taken
            and d.date.precision is not Precision.UNKNOWN]
    return min(free, key=lambda d: abs(d.start - pos)).date if free else None


def _dated(art: Article, sent: Sentence, taken: frozenset[int], kind: EventType, cue: int,
           place: PlaceMention | None, *, approximate: bool = False, detail: str = "",
           **fields: Any) -> list[Candidate]:
    """The event dated by the nearest free date, or undated outside quoted speech."""
    found = _nearest_date(sent, taken, cue)
    if found is None and art.quoted(cue):
        return []
    when, explicit = (found, True) if found else (art.fallback(), False)
    return [candidate(kind, when, explicit, place, sent,
                      note={"approximate": approximate, "detail": detail},
                      confidence=confidence(explicit=explicit, vague=place is None), **fields)]
