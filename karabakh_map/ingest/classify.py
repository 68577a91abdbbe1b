"""Sentence-level event extraction: what happened (or was scheduled) where, and when.

Per sentence: the war's course and agreements first (they claim their dates), then territory
events for each place that belongs to a district (the nearest cue before the place, else after
it, decides the type), then side events (displacement, return, destruction, peacekeepers,
politics) and situations (offensive, blockade, checkpoint, new road, dissolution). Dates come
from the same sentence; when none fits, the article date is used only for present-tense
handovers. Inside quoted speech only dated events count: a speaker's "we have returned X" says
nothing about when.

The extractors live in karabakh_map.ingest.extract, one module per event family, the cue
words in karabakh_map.ingest.cues (one table per language) and the domain facts in
karabakh_map.ingest.domain_spec. This module picks the tables and runs the extractors in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TypeVar

from karabakh_map.ingest.cues import CueTable, tables_for
from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.extract.context import (
    Article,
    Candidate,
    Deadlines,
    Sentence,
    quote_spans,
)
from karabakh_map.ingest.extract.course import agreement_day, agreements, clashes, course_dates
from karabakh_map.ingest.extract.dating import refine_dates
from karabakh_map.ingest.extract.side import peacekeeper_events, people_events, political_events
from karabakh_map.ingest.extract.situation import situation_events
from karabakh_map.ingest.extract.territory import targets, territory
from karabakh_map.ingest.notes import DISTRICT_NAMES
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.ingest.sentences import sentence_spans
from karabakh_map.model import CORRIDOR_ID, EventType, FuzzyDate, Precision, Stance

BACKGROUND_GAP = timedelta(days=365)
REFERENCE_GAP = 300  # characters from a corridor mention to a sentence about its road
LEAD_CHARS = 300  # an article's headline and lead: what the piece is about ...
LEAD_SENTENCES = 2  # ... at most its first sentences
DATE_HEAD_CHARS = 30  # a timeline entry's date standing as a sentence of its own
_LETTER = re.compile(r"[^\W\d_]")

_LOOKALIKE_SCHWA = "\u04d9"
_SCHWA = str.maketrans({"\u04d9": "\u0259", "\u04d8": "\u018f"})

__all__ = ["Candidate", "extract_events", "quote_spans"]

_M = TypeVar("_M", PlaceMention, DateMention)


def extract_events(text: str, places: list[PlaceMention], dates: list[DateMention],
                   published: date | None, *, lang: str | None = None,
                   cues: CueTable | None = None) -> list[Candidate]:
    """Events reported by the article `text` (cleaned), in text order. The cue tables are
    those of `lang` (see cues.tables_for), or `cues` alone when given."""
    if _LOOKALIKE_SCHWA in text:  # Azerbaijani typed with the Cyrillic schwa: same length
        text = text.translate(_SCHWA)
    tables = (cues,) if cues is not None else tables_for(lang, text)
    spans = _timeline(text, list(sentences(text, places, refine_dates(text, dates, published))),
                      published)
    quotes = tuple(quote_spans(text))
    lead = " ".join(s.body for s in spans[:LEAD_SENTENCES])[:LEAD_CHARS]
    quiet = any(t.quiet.search(lead) for t in tables)  # an anniversary piece, a visit ...
    lead_end = spans[:LEAD_SENTENCES][-1].end if spans else 0
    dated = _dated_districts(spans, published)
    if len(tables) == 1:
        return _namesakes(_extract(Article(text, published, quotes, tables[0], quiet, lead_end,
                                           dated), spans))
    found = [c for table in tables
             for c in _extract(Article(text, published, quotes, table, quiet, lead_end, dated),
                               spans)]
    # stable: each table's order kept
    return _namesakes(sorted(found, key=lambda c: c.event.start))


def _timeline(text: str, spans: list[Sentence], published: date | None) -> list[Sentence]:
    """A timeline's entries ('15 June. Baku closes the corridor.'): a sentence that is only a
    day or month dates the sentence after it, read as one (not the article's own day: a
    stamp above the story says when it was written, not when its events were)."""
    out: list[Sentence] = []
    head: Sentence | None = None
    for sent in spans:
        if head is not None and "\n\n" not in text[head.end:sent.start]:
            sent = Sentence(head.start, sent.end, text[head.start:sent.end],
                            head.places + sent.places, head.dates + sent.dates)
        elif head is not None:
            out.append(head)
        head = None
        if _date_only(sent, published):
            head = sent
            continue
        out.append(sent)
    if head is not None:
        out.append(head)
    return out


def _date_only(sent: Sentence, published: date | None) -> bool:
    if len(sent.dates) != 1 or sent.places or len(sent.body) > DATE_HEAD_CHARS:
        return False
    d = sent.dates[0]
    rest = sent.body[:d.start - sent.start] + sent.body[d.end - sent.start:]
    return (not _LETTER.search(rest) and not d.relative
            and d.date.precision in (Precision.DAY, Precision.MONTH)
            and not (published is not None and d.date.earliest == published))


def _dated_districts(spans: list[Sentence], published: date | None) -> frozenset[str]:
    """Districts named in a sentence that gives a day within a year before the article."""
    if published is None:
        return frozenset()
    return frozenset(
        p.district_id for s in spans if any(
            d.date.precision is Precision.DAY and d.date.latest is not None
            and not _background(d.date.latest, published) for d in s.dates)
        for p in s.places if p.district_id)


def _namesakes(found: list[Candidate]) -> list[Candidate]:
    """'Troops entered Aghdam' beside 'the Aghdam district was handed over' in one article: one
    handover of the district, not a second one of its namesake town. Among the transfers of a
    district and of its namesake town (same stance), a dated report beats an undated one, and
    on the same date the district's stays."""
    def key(c: Candidate) -> tuple[object, ...] | None:
        e = c.event
        if e.type is not EventType.TRANSFER or e.district_id is None:
            return None
        if e.place_id is not None and DISTRICT_NAMES.get(e.district_id) != _town_name(
                e.place_id):
            return None
        return (e.district_id, e.stance)

    groups: dict[tuple[object, ...], list[Candidate]] = {}
    for c in found:
        k = key(c)
        if k is not None:
            groups.setdefault(k, []).append(c)
    drop: set[int] = set()
    for group in groups.values():
        if not any(c.event.place_id is None for c in group):
            continue  # the town alone: article._unique decides
        whole = {c.event.date for c in group if c.event.place_id is None}
        explicit = [c.event.date for c in group if c.explicit]
        for c in group:
            e = c.event
            if e.place_id is not None and e.date in whole:
                drop.add(id(c))  # the district's report of that date stands for both
            elif not c.explicit and not (e.place_id is None and e.date in explicit) and any(
                    not _background(d.latest, e.date.latest) for d in explicit):
                drop.add(id(c))
    return [c for c in found if id(c) not in drop]


def _background(latest: date | None, published: date | None) -> bool:
    """Whether a dated report ends a year or more before the article (`published`): another
    event than the article's undated news ("occupied in 1993")."""
    return latest is not None and published is not None and \
        latest < published - BACKGROUND_GAP


def _town_name(place_id: str) -> str:
    """The gazetteer id's name as the districts spell it ("aghdam" -> "Aghdam")."""
    return place_id.replace("-", " ").title()


def _extract(art: Article, spans: list[Sentence]) -> list[Candidate]:
    out: list[Candidate] = []
    last_target: PlaceMention | None = None
    headline = _headline_corridor(spans)  # the road a bare "the highway was blocked" is on
    roads = [p for s in spans for p in s.places if p.district_id == CORRIDOR_ID]
    deadlines: Deadlines = {}
    story: dict[str, tuple[EventType, FuzzyDate, int, frozenset[str | None]]] = {}
    day: date | None = None  # the first agreement dated to the day
    for sent in spans:
        taken = course_dates(art, sent)
        agreed, used = agreements(art, sent, taken)
        taken |= used
        day = day or agreement_day(agreed)
        here = targets(art, sent)
        held, deadlines = territory(art, sent, here, taken, last_target, deadlines, day, story)
        for c in held:
            e = c.event
            if c.explicit and e.district_id and e.stance is not Stance.DENIES \
                    and e.date.precision is Precision.DAY:
                told = story.get(e.district_id)
                seen = told[3] if told and told[1] == e.date else frozenset()
                story[e.district_id] = (e.type, e.date, sent.end, seen | {e.place_id})
        out += [*clashes(art, sent), *agreed, *held, *people_events(art, sent, taken),
                *peacekeeper_events(art, sent, taken, last_target),
                *political_events(art, sent, taken),
                *situation_events(art, sent, taken, _near_road(roads, sent) or headline)]
        if here:
            last_target = here[-1]
    return out


def _near_road(roads: list[PlaceMention], sent: Sentence) -> PlaceMention | None:
    """The corridor named within REFERENCE_GAP characters before or after the sentence."""
    near = [p for p in roads if sent.start - REFERENCE_GAP <= p.start <= sent.end + REFERENCE_GAP]
    return min(near, key=lambda p: abs(p.start - sent.start)) if near else None


def _headline_corridor(spans: list[Sentence]) -> PlaceMention | None:
    """The corridor when the article's first line names it (it is then what the piece is
    about)."""
    first = spans[0] if spans else None
    if first is None:
        return None
    return next((p for p in first.places if p.district_id == CORRIDOR_ID), None)


def sentences(text: str, places: list[PlaceMention],
              dates: list[DateMention]) -> Iterator[Sentence]:
    """The sentences of `text` with the mentions inside each (mentions sorted by start)."""
    # Each sentence takes its slice by bisection (a filter over all mentions per sentence
    # made a 5 MB file take minutes).
    place_starts = [p.start for p in places]
    date_starts = [d.start for d in dates]
    for s0, s1 in sentence_spans(text):
        sp = tuple(p for p in _starting_in(places, place_starts, s0, s1) if p.end <= s1)
        sd = tuple(d for d in _starting_in(dates, date_starts, s0, s1) if d.end <= s1)
        yield Sentence(s0, s1, text[s0:s1], sp, sd)


def _starting_in(items: list[_M], starts: list[int], s0: int, s1: int) -> list[_M]:
    """The items whose start lies in [s0, s1); `starts` is their sorted list of starts."""
    return items[bisect_left(starts, s0):bisect_left(starts, s1)]
