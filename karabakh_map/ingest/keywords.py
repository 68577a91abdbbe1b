"""Cue phrases (English) that tell event types apart; classify.py decides how they combine."""

from __future__ import annotations

import re

from karabakh_map.model import EventType

_I = re.IGNORECASE
_HANDVERB = (r"(?:hand(?:ed|ing)?\s+(?:over|back)|given\s+back|returned|transferred|ceded|"
             r"surrendered)")

# Territory cues: (type, pattern). A transfer cue preceded by a modal becomes a schedule.
TERRITORY: list[tuple[EventType, re.Pattern[str]]] = [
    (EventType.SCHEDULED, re.compile(
        rf"\b(?:(?:is|are|was|were)\s+(?:also\s+)?(?:due|scheduled|set|expected|supposed)\s+to\s+"
        rf"(?:be\s+{_HANDVERB}|begin|start)|(?:is|are|was|were)\s+(?:also\s+)?to\s+be\s+"
        rf"{_HANDVERB}|to\s+be\s+{_HANDVERB}|due\s+to\s+be\s+{_HANDVERB})", _I)),
    (EventType.SCHEDULED, re.compile(
        r"\bwill\s+(?:also\s+)?(?:be\s+)?(?:hand(?:ed)?\s+(?:over|back)|return(?:ed)?|"
        r"cede[d]?|transfer(?:red)?|surrender(?:ed)?|give\s+back|withdraw)", _I)),
    (EventType.SCHEDULED, re.compile(
        r"\b(?:initially|originally|first)\s+(?:scheduled|due|planned|set|expected)\b", _I)),
    (EventType.SCHEDULED, re.compile(r"\bscheduled\s+for\s+(?:handover|transfer|return)\b", _I)),
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
]
MODAL_BEFORE = re.compile(
    r"\b(?:will|would|shall|to\s+be|is\s+to|are\s+to|due\s+to|set\s+to|expected\s+to|must|"
    r"should|agreed\s+to|obliged\s+to)\s+(?:\w+\s+)?$", _I)
PRESENT = re.compile(
    r"^(?:enters|entering|takes|taking|regains|gains|cedes|hands|reclaims|restoration)", _I)
PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?$", _I)
PEOPLE_BEFORE = re.compile(r"\b(?:residents|refugees|people|inhabitants|IDPs|displaced|"
                           r"civilians|families)\b[^.]{0,30}$", _I)

POSTPONE = re.compile(
    r"\b(?:postpon\w*|delay(?:ed|s)?|deferred|pushed\s+back|extended\s+the\s+deadline|"
    r"(?:additional|extra|more)\s+(?:days|time|week)|granted\b[^.]{0,40}?\bdays)\b", _I)
# "kicked off on September 27": dates that belong to the war's course, not to a handover.
OTHER_EVENT_DATE = re.compile(
    r"\b(?:kicked\s+off|broke\s+out|erupted|began|started|spiral+ed|resumed)\s+(?:\w+\s+)?$", _I)

AGREEMENT_NOUN = re.compile(
    r"\b(?:cease-?fire|truce|peace\s+(?:deal|accord|agreement)|accord|agreement|deal|"
    r"statement|armistice)\b", _I)
AGREEMENT_VERB = re.compile(
    r"\b(?:signed|brokered|agreed|reached|concluded|struck|ended\s+in|came\s+into\s+force|"
    r"took\s+effect|announced)\b", _I)

SIDE: list[tuple[EventType, re.Pattern[str]]] = [
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
    (EventType.PEACEKEEPERS, re.compile(r"\bpeace-?keep\w*", _I)),
    (EventType.POLITICAL, re.compile(
        r"\b(?:resign\w*|protest\w*|demonstrat(?:ors|ions?)|parliament\b[^.]{0,30}?"
        r"\b(?:approv|vot)\w*|election\w*|sworn\s+in|impeach\w*)", _I)),
]

APPROX = r"(?:some|about|around|nearly|almost|approximately|roughly|over|more\s+than|up\s+to|" \
         r"at\s+least|just\s+over|close\s+to|an\s+estimated)"
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
TROOPS = re.compile(rf"(?:\b({APPROX})\s+)?{NUMBER}\s+(?:Russian\s+)?"
                    r"(?:peace-?keepers|troops|servicemen|soldiers|military\s+personnel)\b", _I)
PEOPLE = re.compile(rf"(?:\b({APPROX})\s+)?{NUMBER}\s+(?:\w+\s+)?"
                    r"(?:people|residents|refugees|azerbaijanis|armenians|civilians|inhabitants|"
                    r"idps|persons)\b", _I)

AZ_ACTOR = re.compile(r"\b(?:Azerbaijan\w*|Baku|Aliyev)\b")
AM_ACTOR = re.compile(r"\b(?:Armenia\w*|Yerevan|separatists?|Artsakh)\b")
RUSSIA = re.compile(r"\b(?:Russia\w*|Moscow|Putin)\b")
