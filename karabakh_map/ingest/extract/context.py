"""What every extractor reads (the article, one sentence) and what it returns (candidates)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from karabakh_map.ingest.cues import CueTable
from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.notes import format_date, make_note, where
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.model import EventType, ExtractedEvent, FuzzyDate, Precision, Stance

_TERRITORY_NOTES = frozenset({EventType.TRANSFER, EventType.SCHEDULED, EventType.POSTPONEMENT,
                              EventType.CAPTURE})
# Notes of the kinds notes.make_note has no template for (our words, never article text).
_SITUATION_NOTES = {
    EventType.OFFENSIVE: "Military offensive reported at {place} ({when}).",
    EventType.CEASEFIRE: "Report of a ceasefire taking effect ({when}).",
    EventType.BLOCKADE: "Road blocked at {place} ({when}).",
    EventType.CHECKPOINT: "Checkpoint set up at {place} ({when}).",
    EventType.REROUTE: "Traffic of {place} moved to a new road ({when}).",
    EventType.DISSOLUTION: "Authorities of {place} to be dissolved ({when}).",
}
_WHOLE_KINDS = frozenset({EventType.TRANSFER, EventType.CAPTURE})
DENIED_NOTE = " The report denies it."
CLAIM_NOTE = " A side's claim."
_STANCE_NOTES = {Stance.DENIES: DENIED_NOTE, Stance.CLAIMS: CLAIM_NOTE,
                 Stance.CONFIRMS: " The report confirms it."}
_QUOTE_MARK = re.compile("[“”\"«»„]")


@dataclass(frozen=True)
class Candidate:
    """An extracted event and whether its date was written in the text."""

    event: ExtractedEvent
    explicit: bool


@dataclass(frozen=True)
class Article:
    """The cleaned article text, its date, its quoted spans and the cues of its language."""

    text: str
    published: date | None
    quotes: tuple[tuple[int, int], ...]
    cues: CueTable
    quiet: bool = False  # the lead is about an anniversary, demining, a visit: background piece
    lead_end: int = 0  # where the headline and lead end: what the piece reports as its news
    # districts named in a sentence with a day of the article's year (an undated lead report
    # of them is that day's, which extraction missed: not kept undated)
    dated_districts: frozenset[str] = frozenset()

    def quiet_here(self, sent: Sentence) -> bool:
        """Whether changes of control in `sent` count only with a full date written: a quiet
        article, or a sentence about an anniversary, demining, a visit."""
        return self.quiet or self.cues.quiet.search(sent.body) is not None

    def quoted(self, pos: int) -> bool:
        """Whether `pos` lies inside quoted speech."""
        # quote spans are sorted and disjoint: only the last one opening at or before pos
        i = bisect_right(self.quotes, (pos, float("inf"))) - 1
        return i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]

    def fallback(self) -> FuzzyDate:
        """Undated report: unknown date, no later than the article."""
        return FuzzyDate(Precision.UNKNOWN, None, self.published)


@dataclass(frozen=True)
class Sentence:
    """One sentence as offsets into the article, with the mentions that lie inside it."""

    start: int
    end: int
    body: str  # the article text from start to end
    places: tuple[PlaceMention, ...]
    dates: tuple[DateMention, ...]


class Cue(NamedTuple):
    """A territory cue: its span in the article and the event type it signals."""

    start: int
    end: int
    kind: EventType


Deadlines = Mapping[str, date]
"""Place id -> the last deadline the article gave that place so far."""

Story = Mapping[str, tuple[EventType, FuzzyDate, int, frozenset[str | None]]]
"""District id -> the last change of control the article dated to the day there so far: its
type, its date, the end of its sentence and the places (ids) it was reported of."""


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech, paired within each line (“…”, «…», „…“, "…", or mixed)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        opened: int | None = None
        for m in _QUOTE_MARK.finditer(line):  # only quote marks change the state
            i, ch = m.start(), m.group()
            if ch in "“«„" and opened is None:
                opened = i
            elif opened is not None and (ch in "”»\"" or (ch == "“" and line[opened] == "„")):
                spans.append((pos + opened, pos + i + 1))
                opened = None
            elif ch == "\"":
                opened = i
        pos += len(line) + 1
    return spans


def candidate(kind: EventType, when: FuzzyDate, explicit: bool, place: PlaceMention | None,
              sent: Sentence, note: Mapping[str, Any] | None = None,
              **fields: Any) -> Candidate:
    """A candidate event supported by `sent`, its note built from our templates; `fields`
    are further ExtractedEvent fields, `note` further make_note arguments."""
    territory = kind in _TERRITORY_NOTES
    label = where(place.name if place else None, place.district_id if place else None,
                  territory=territory)
    if kind in _SITUATION_NOTES:
        text = _SITUATION_NOTES[kind].format(place=label, when=format_date(when))
    else:
        text = make_note(kind, place=label, date=when, controller=fields.get("controller"),
                         figures=fields.get("figures"), **(note or {}))
    text += _STANCE_NOTES.get(fields.get("stance", Stance.REPORTS), "")
    # a whole district changes hands as a district; its deadlines stay its namesake town's
    # (the record's convention, so that reports of one deadline merge)
    whole = place is not None and place.whole_district and kind in _WHOLE_KINDS
    place_id = place.place_id if place and not whole else None
    event = ExtractedEvent(type=kind, date=when, place_id=place_id,
                           district_id=place.district_id if place else None, note=text,
                           start=sent.start, end=sent.end, **fields)
    return Candidate(event, explicit)


def free_dates(sent: Sentence, taken: frozenset[int]) -> list[DateMention]:
    """The sentence's dates that no earlier extractor claimed (by start offset)."""
    return [d for d in sent.dates if d.start not in taken]


def confidence(*, explicit: bool, cue: bool = True, inferred: bool = False,
               pronoun: bool = False, vague: bool = False) -> float:
    """How sure extraction is of an event: lower when undated, without a cue of its own,
    with an inferred controller, a place found by reference, or a vague place."""
    score = 0.9 - 0.3 * (not explicit) - 0.15 * (not cue) - 0.15 * inferred \
        - 0.2 * pronoun - 0.3 * vague
    return round(max(score, 0.1), 2)
