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
from datetime import date
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
from karabakh_map.ingest.extract.side import peacekeeper_events, people_events, political_events
from karabakh_map.ingest.extract.situation import situation_events
from karabakh_map.ingest.extract.territory import targets, territory
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.ingest.sentences import sentence_spans

__all__ = ["Candidate", "extract_events", "quote_spans"]

_M = TypeVar("_M", PlaceMention, DateMention)
# Sentence ends that sentence_spans does not split on: the Armenian full stop, and a stop
# before a capital outside A-Z and Cyrillic (Şuşa, Ədliyyə, Élysée, Über).
_MORE_ENDS = re.compile(r"։\s*|[.!?]+[\"”’»)]*\s+(?=[«\"“(]?([^\W\d_A-Z\u0400-\u04ff]))")

_ORDINAL_END = re.compile(r"(?<![\d.])\b\d{1,2}\.$")


def extract_events(text: str, places: list[PlaceMention], dates: list[DateMention],
                   published: date | None, *, lang: str | None = None,
                   cues: CueTable | None = None) -> list[Candidate]:
    """Events reported by the article `text` (cleaned), in text order. The cue tables are
    those of `lang` (see cues.tables_for), or `cues` alone when given."""
    tables = (cues,) if cues is not None else tables_for(lang, text)
    spans = list(sentences(text, places, dates))
    quotes = tuple(quote_spans(text))
    if len(tables) == 1:
        return _extract(Article(text, published, quotes, tables[0]), spans)
    found = [c for table in tables for c in _extract(Article(text, published, quotes, table),
                                                     spans)]
    return sorted(found, key=lambda c: c.event.start)  # stable: each table's order kept


def _extract(art: Article, spans: list[Sentence]) -> list[Candidate]:
    out: list[Candidate] = []
    last_target: PlaceMention | None = None
    deadlines: Deadlines = {}
    day: date | None = None  # the first agreement dated to the day
    for sent in spans:
        taken = course_dates(art, sent)
        agreed, used = agreements(art, sent, taken)
        taken |= used
        day = day or agreement_day(agreed)
        here = targets(art, sent)
        held, deadlines = territory(art, sent, here, taken, last_target, deadlines, day)
        out += [*clashes(art, sent), *agreed, *held, *people_events(art, sent, taken),
                *peacekeeper_events(art, sent, taken, last_target),
                *political_events(art, sent, taken), *situation_events(art, sent, taken)]
        if here:
            last_target = here[-1]
    return out


def sentences(text: str, places: list[PlaceMention],
              dates: list[DateMention]) -> Iterator[Sentence]:
    """The sentences of `text` with the mentions inside each (mentions sorted by start)."""
    # Each sentence takes its slice by bisection (a filter over all mentions per sentence
    # made a 5 MB file take minutes).
    place_starts = [p.start for p in places]
    date_starts = [d.start for d in dates]
    for s0, s1 in _split(text, sentence_spans(text)):
        sp = tuple(p for p in _starting_in(places, place_starts, s0, s1) if p.end <= s1)
        sd = tuple(d for d in _starting_in(dates, date_starts, s0, s1) if d.end <= s1)
        yield Sentence(s0, s1, text[s0:s1], sp, sd)


def _split(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """`spans` joined where one ends in an ordinal ("am 1. Januar" is no sentence end),
    then split further at the sentence ends in _MORE_ENDS."""
    joined: list[tuple[int, int]] = []
    for s0, s1 in spans:
        if joined and _ORDINAL_END.search(text, joined[-1][0], joined[-1][1]) \
                and text.count("\n", joined[-1][1], s0) == 0:
            joined[-1] = (joined[-1][0], s1)
        else:
            joined.append((s0, s1))
    for s0, s1 in joined:
        start = s0
        for m in _MORE_ENDS.finditer(text, s0, s1):
            if m.group(1) is not None and not m.group(1).isupper():
                continue
            end = m.start() + len(m.group().rstrip())
            if end > start:
                yield start, end
            start = m.end()
        if start < s1:
            yield start, s1


def _starting_in(items: list[_M], starts: list[int], s0: int, s1: int) -> list[_M]:
    """The items whose start lies in [s0, s1); `starts` is their sorted list of starts."""
    return items[bisect_left(starts, s0):bisect_left(starts, s1)]
