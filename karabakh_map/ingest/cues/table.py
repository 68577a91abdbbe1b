"""The shape of a language's cue table: the words that tell event kinds apart.

Data only: the extractors (karabakh_map.ingest.extract) decide how cues combine and never name
a word themselves. Every field but `territory` has a default that matches nothing, so a
language fills in what it has. Patterns are matched inside one sentence; stems with `\\w*`
keep them tolerant of case endings and verb forms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from karabakh_map.model import EventType

IC = re.IGNORECASE

NEVER = re.compile(r"(?!)")
"""A pattern that matches nothing: for a cue a language's table does not (yet) have."""

Pattern = re.Pattern[str]
Kinds = tuple[tuple[EventType, Pattern], ...]


def words(*alternatives: str, flags: int = IC) -> Pattern:
    """One pattern of the alternatives, each starting at a word boundary."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", flags)


def vague_before(nouns: str) -> Pattern:
    """'villages of the ... region' ending the text before a place: up to four short words
    between the noun and the place."""
    return re.compile(rf"\b(?:{nouns})\W+(?:\w{{1,12}}\W+){{0,4}}$", IC)


def vague_after(nouns: str) -> Pattern:
    """'... region's seven villages' starting the text after a place (SOV languages); a
    comma or a stop between them ends the frame ('the city of X, and seven villages')."""
    return re.compile(rf"^\w*[^\w,;.:]+(?:\w+[^\w,;.:]+){{0,5}}?(?:{nouns})", IC)


@dataclass(frozen=True, kw_only=True)
class CueTable:
    """The cues of one language."""

    # Territory: (type, pattern); a transfer cue after `modal_before` becomes a schedule.
    # Overlapping cues: a schedule wins over a transfer, else the longer cue.
    territory: Kinds
    modal_before: Pattern = NEVER  # matched at the end of the 40 characters before a cue
    people_verb: Pattern = NEVER  # a transfer cue that may be people coming back ("returned")
    people_before: Pattern = NEVER  # ... and is, when this ends the 60 characters before it
    occupation: Pattern = NEVER  # a capture cue that names the occupier's side, not the victor
    # a transfer cue that is only ever a schedule ("must leave", "by 1 December"): done, it
    # may be troops or people leaving, not a handover
    schedule_only: Pattern = NEVER
    present: Pattern = NEVER  # a transfer cue in the present tense (a headline's "enters")
    perfect_before: Pattern = NEVER  # ... unless a perfect auxiliary ends the text before it
    other_clause: Pattern = re.compile(r"[—()]")  # a gap putting a later cue in another clause
    relative_pronoun: Pattern = NEVER  # "which" in the gap: another clause ...
    relative_same_noun: Pattern = NEVER  # ... unless it opens the gap ("district, which")
    group_gap: Pattern = re.compile(r"^\s*(?:,|-|–|—|\(|\))?\s*$")  # between places of a list
    alias_gap: Pattern = re.compile(r"^[\s,(/]*$")  # between two names of one place
    # a conjunction between two places: a list, never a place and the district it lies in
    list_word: Pattern = re.compile(
        r"\b(?:and|or|et|ou|und|oder|и|или|ve|veya|ile|və|yaxud|ilə|և|եւ|ու|կամ)\b|[;,&]",
        re.IGNORECASE)
    # Precision: a place that is only the frame of a vaguer area ("villages of X district"),
    # and sentences about places without any change of control (anniversaries, demining).
    vague_before: Pattern = NEVER
    vague_after: Pattern = NEVER
    # "(villages ...) in the X district": a whole district after this only locates
    container_before: Pattern = NEVER
    container_after: Pattern = NEVER  # the same in a case ending after it: "X rayonunda"
    quiet: Pattern = NEVER
    # A change of control only recalled ("a year after the liberation of", "годовщина
    # освобождения", "azad edilməsinin ildönümü"): ends the text before its cue, or starts
    # the text after it (suffixing languages); the sentence's date is not the change's.
    recalled_before: Pattern = NEVER
    recalled_after: Pattern = NEVER
    # "the town": a capture without a place of its own may concern the town named just before
    town_noun: Pattern = NEVER
    # Stance of a control report: the other side denies it, confirms it, or a side claims it.
    denial: Pattern = NEVER
    confirm: Pattern = NEVER
    claim: Pattern = NEVER
    # Deadlines
    postpone: Pattern = NEVER
    delay: Pattern = NEVER  # group 1: a number (digits or a word of `number_words`), 2: unit
    week_unit: Pattern = NEVER  # the delay's unit is weeks
    number_words: Mapping[str, int] = field(default_factory=dict)  # lower-case keys
    # The war's course and agreements
    verb_final: bool = False  # SOV: an agreement's date stands before its verb, not after
    other_event_date: Pattern = NEVER  # ends the 30 characters before a date of the war's course
    other_event_after: Pattern = NEVER  # ... or starts the 30 after it ("27 Eylül'de başlayan")
    clash: Pattern = NEVER
    agreement_noun: Pattern = NEVER
    agreement_verb: Pattern = NEVER
    agreement_date_after: Pattern = NEVER  # "the ceasefire on 10 November": matched after noun
    ceasefire_noun: Pattern = NEVER  # an agreement noun that is a ceasefire ...
    document_noun: Pattern = NEVER  # ... unless the sentence names a signed text
    russia: Pattern = NEVER
    az_actor: Pattern = NEVER
    am_actor: Pattern = NEVER
    # Situations without a change of control: offensive, blockade, checkpoint, the
    # corridor's new road, dissolution (in the order they are tried).
    situations: Kinds = ()
    day_count: Pattern = NEVER  # "entered its 16th day": group 1, the day's number
    ongoing: Pattern = NEVER  # "the road is still closed": the sentence's day is not its start
    # People, property, peacekeepers, politics; `people` in the order they are tried.
    people: Kinds = ()
    not_before: Pattern = NEVER  # "unable to" ending the text before a people cue
    peacekeepers: Pattern = NEVER
    peacekeeper_presence: Pattern = NEVER  # without a head count, the deployment needs this
    political: Pattern = NEVER
    political_labels: tuple[tuple[str, str], ...] = ()  # (lower-case stem of the cue, label)
    troops: Pattern = NEVER  # group 1: approximate word, 2: the number
    head_count: Pattern = NEVER  # likewise, for people
