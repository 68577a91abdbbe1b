"""Cue tables: the words that tell event types apart, one table per language.

Data only: the extractors (karabakh_map.ingest.extract) decide how cues combine and never name
a word themselves. A language adds its cues by building a `CueTable` (see `ENGLISH`) and
registering it in `TABLES`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from karabakh_map.model import EventType

_I = re.IGNORECASE


NEVER = re.compile(r"(?!)")
"""A pattern that matches nothing: for a cue a language's table does not (yet) have."""


@dataclass(frozen=True, kw_only=True)
class CueTable:
    """The cues of one language. Patterns are matched inside one sentence. Fields added for
    new event kinds take `NEVER` as their default, so older tables stay valid."""

    # Territory: (type, pattern); a transfer cue after `modal_before` becomes a schedule.
    territory: tuple[tuple[EventType, re.Pattern[str]], ...]
    modal_before: re.Pattern[str]  # matched at the end of the 40 characters before a cue
    people_verb: re.Pattern[str]  # a transfer cue that may be people coming back ("returned")
    people_before: re.Pattern[str]  # ... and is, when this ends the 60 characters before it
    occupation: re.Pattern[str]  # a capture cue that names the occupier's side, not the victor
    present: re.Pattern[str]  # a transfer cue in the present tense (a headline's "enters")
    perfect_before: re.Pattern[str]  # ... unless a perfect auxiliary ends the text before it
    other_clause: re.Pattern[str]  # a gap that puts a cue after a place into another clause
    relative_pronoun: re.Pattern[str]  # "which" in the gap: another clause ...
    relative_same_noun: re.Pattern[str]  # ... unless it opens the gap ("district, which")
    group_gap: re.Pattern[str]  # between places of one list ("A, B and C")
    alias_gap: re.Pattern[str]  # between two names of one place ("A, also known as B")
    # Deadlines
    postpone: re.Pattern[str]
    delay: re.Pattern[str]  # group 1: a number (digits or a word of `number_words`), 2: unit
    week_unit: re.Pattern[str]  # the delay's unit is weeks
    number_words: Mapping[str, int]
    # The war's course and agreements
    other_event_date: re.Pattern[str]  # ends the 30 characters before a date of the war's course
    clash: re.Pattern[str]
    agreement_noun: re.Pattern[str]
    agreement_verb: re.Pattern[str]
    agreement_date_after: re.Pattern[str]  # "the ceasefire on 10 November": matched after noun
    russia: re.Pattern[str]
    az_actor: re.Pattern[str]
    am_actor: re.Pattern[str]
    # People, property, peacekeepers, politics; `people` in the order they are tried.
    people: tuple[tuple[EventType, re.Pattern[str]], ...]
    peacekeepers: re.Pattern[str]
    peacekeeper_presence: re.Pattern[str]  # without a head count, the deployment needs this
    political: re.Pattern[str]
    political_labels: tuple[tuple[str, str], ...]  # (lower-case stem of the cue, label)
    troops: re.Pattern[str]  # group 1: approximate word, 2: the number
    head_count: re.Pattern[str]  # likewise, for people


_HANDVERB = (r"(?:hand(?:ed|ing)?\s+(?:over|back)|given\s+back|returned|transferred|ceded|"
             r"surrendered)")
_NUMBER_WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30}
_APPROX = r"(?:some|about|around|nearly|almost|approximately|roughly|over|more\s+than|up\s+to|" \
          r"at\s+least|just\s+over|close\s+to|an\s+estimated)"
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"

ENGLISH = CueTable(
    territory=(
        (EventType.SCHEDULED, re.compile(
            rf"\b(?:(?:is|are|was|were)\s+(?:also\s+)?(?:due|scheduled|set|expected|supposed)\s+"
            rf"to\s+(?:be\s+{_HANDVERB}|begin|start)|(?:is|are|was|were)\s+(?:also\s+)?to\s+be\s+"
            rf"{_HANDVERB}|to\s+be\s+{_HANDVERB}|due\s+to\s+be\s+{_HANDVERB})", _I)),
        (EventType.SCHEDULED, re.compile(
            r"\bwill\s+(?:also\s+)?(?:be\s+)?(?:hand(?:ed)?\s+(?:over|back)|return(?:ed)?|"
            r"cede[d]?|transfer(?:red)?|surrender(?:ed)?|give\s+back|withdraw)", _I)),
        (EventType.SCHEDULED, re.compile(
            r"\b(?:initially|originally|first)\s+(?:scheduled|due|planned|set|expected)\b", _I)),
        (EventType.SCHEDULED, re.compile(
            r"\bscheduled\s+for\s+(?:handover|transfer|return)\b", _I)),
        (EventType.SCHEDULED, re.compile(r"\bdeadline\b", _I)),
        (EventType.SCHEDULED, re.compile(r"\bshould\s+(?:have\s+been|be)\b", _I)),
        (EventType.SCHEDULED, re.compile(r"\bmust\s+(?:be\s+)?(?:hand|return|cede|withdraw)", _I)),
        (EventType.SCHEDULED, re.compile(
            r"\bobliged\b[^.;]{0,40}?\bto\s+(?:return|hand|cede|withdraw)\w*", _I)),
        (EventType.TRANSFER, re.compile(r"\b(?:enter|enters|entered|entering)\b", _I)),
        (EventType.TRANSFER, re.compile(
            r"\b(?:took|taken|takes|take|taking|regain(?:s|ed|ing)?|gain(?:s|ed)?|assumed?|"
            r"restor(?:ed|es|ation\s+of))\s+(?:full\s+)?control\b", _I)),
        (EventType.TRANSFER, re.compile(
            r"\b(?:took|taken|takes|taking)\s+(?:over|back)\b(?!\s+militarily)", _I)),
        (EventType.TRANSFER, re.compile(
            r"\b(?:hand(?:ed|s)\s+(?:over|back)|ceded|cedes|returned|reclaim(?:s|ed)|"
            r"retrocession\w*|withdr(?:ew|awn)\s+from)\b", _I)),
        (EventType.CAPTURE, re.compile(
            r"\b(?:(?:was|were|been|being)\s+occupied|occupied\s+by|occupying)\b", _I)),
        (EventType.CAPTURE, re.compile(
            r"\b(?:forces|army|military|troops|armenians?|separatists)\s+occupied\b", _I)),
        (EventType.CAPTURE, re.compile(
            r"\b(?:captured|recaptured|retook|retaken|seized|liberated|overran|"
            r"taken\s+back\s+militarily)\b", _I)),
    ),
    modal_before=re.compile(
        r"\b(?:will|would|shall|to\s+be|is\s+to|are\s+to|due\s+to|set\s+to|expected\s+to|must|"
        r"should|agreed\s+to|obliged\s+to)\s+(?:\w+\s+)?$", _I),
    people_verb=re.compile(r"returned", _I),
    people_before=re.compile(r"\b(?:residents|refugees|people|inhabitants|IDPs|displaced|"
                             r"civilians|families)\b[^.]{0,30}$", _I),
    occupation=re.compile(r"occup", _I),
    present=re.compile(
        r"^(?:enters|entering|takes|taking|regains|gains|cedes|hands|reclaims|restoration)", _I),
    perfect_before=re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?$", _I),
    other_clause=re.compile(r"[—()]|\bas part of\b"),
    relative_pronoun=re.compile(r"\b(?:that|which|who)\b"),
    relative_same_noun=re.compile(
        r"^\W*(?:district|region|town|city|province)?\W*(?:that|which|who)\b", _I),
    group_gap=re.compile(r"^\s*(?:,|and|, and|-|–|—|or|\(|\))?\s*(?:the\s+)?"
                         r"(?:(?:districts?|regions?)\s+(?:of\s+)?)?$", _I),
    alias_gap=re.compile(r"^[\s,(]*(?:also\s+known\s+as|or|aka|known\s+as)?[\s,(]*$", _I),
    postpone=re.compile(
        r"\b(?:postpon\w*|delay(?:ed|s)?|deferred|pushed\s+back|extended\s+the\s+deadline|"
        r"(?:additional|extra|more)\s+(?:days|time|week)|granted\b[^.]{0,40}?\bdays)\b", _I),
    delay=re.compile(r"\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+(?:more\s+|additional\s+|"
                     r"extra\s+)?(days?|weeks?)\b", _I),
    week_unit=re.compile(r"week", _I),
    number_words=_NUMBER_WORDS,
    other_event_date=re.compile(
        r"\b(?:kicked\s+off|broke\s+out|erupted|began|started|spiral+ed|resumed)\s+(?:\w+\s+)?$",
        _I),
    clash=re.compile(r"\b(?:clash\w*|fighting|hostilities|war|conflict|offensive|battles?|"
                     r"combat)\b", _I),
    agreement_noun=re.compile(
        r"\b(?:cease-?fire|truce|peace\s+(?:deal|accord|agreement)|accord|agreement|deal|"
        r"statement|armistice)\b", _I),
    agreement_verb=re.compile(
        r"\b(?:signed|brokered|agreed|reached|concluded|struck|ended\s+in|came\s+into\s+force|"
        r"took\s+effect|announced)\b", _I),
    agreement_date_after=re.compile(r"\s+(?:in|on|of)\s+\S"),
    russia=re.compile(r"\b(?:Russia\w*|Moscow|Putin)\b"),
    az_actor=re.compile(r"\b(?:Azerbaijan\w*|Baku|Aliyev)\b"),
    am_actor=re.compile(r"\b(?:Armenia\w*|Yerevan|separatists?|Artsakh)\b"),
    people=(
        (EventType.RETURN, re.compile(
            r"\b(?:return(?:ed|ing)?\s+(?:home|to\s+their)|return\s+of\s+(?:the\s+)?(?:people|"
            r"residents|refugees|displaced|IDPs|population)|started\s+to\s+return|"
            r"(?:bussed|brought|bringing|flown|driven)\b[^.]{0,40}\bback|"
            r"(?:residents|refugees|people|families|IDPs|inhabitants)\s+back\s+to|"
            r"resettle\w*|came\s+back)", _I)),
        (EventType.DISPLACEMENT, re.compile(
            r"\b(?:displac\w+|fled|flee\w*|exodus|forced\s+to\s+(?:leave|abandon|flee)|expelled|"
            r"IDPs|internally\s+displaced)\b", _I)),
        (EventType.DESTRUCTION, re.compile(
            r"\b(?:burn(?:ed|t|ing)|destroy\w*|destruction|looted|plunder\w*|demolish\w*|razed|"
            r"desecrat\w*|chopp\w*\s+down)\b", _I)),
    ),
    peacekeepers=re.compile(r"\bpeace-?keep\w*", _I),
    peacekeeper_presence=re.compile(r"deploy|stationed|took under control|arriv", _I),
    political=re.compile(
        r"\b(?:resign\w*|protest\w*|demonstrat(?:ors|ions?)|parliament\b[^.]{0,30}?"
        r"\b(?:approv|vot)\w*|election\w*|sworn\s+in|impeach\w*)", _I),
    political_labels=(("resign", "a resignation"), ("protest", "protests"),
                      ("demonstrat", "protests"), ("parliament", "a parliamentary vote"),
                      ("election", "an election"), ("sworn", "a swearing-in"),
                      ("impeach", "an impeachment")),
    troops=re.compile(rf"(?:\b({_APPROX})\s+)?{_NUMBER}\s+(?:Russian\s+)?"
                      r"(?:peace-?keepers|troops|servicemen|soldiers|military\s+personnel)\b", _I),
    head_count=re.compile(rf"(?:\b({_APPROX})\s+)?{_NUMBER}\s+(?:\w+\s+)?"
                          r"(?:people|residents|refugees|azerbaijanis|armenians|civilians|"
                          r"inhabitants|idps|persons)\b", _I),
)

# Language code (ISO 639-1) -> its cue table.
TABLES: dict[str, CueTable] = {"en": ENGLISH}
