"""English cues."""

from __future__ import annotations

import re

from karabakh_map.ingest.cues.table import IC, CueTable, vague_after, vague_before, words
from karabakh_map.model import EventType as T

_HANDVERB = (r"(?:hand(?:ed|ing)?\s+(?:over|back)|turn(?:ed)?\s+over|given\s+back|returned|"
             r"transferred|ceded|surrendered)")
NUMBER_WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30}
_APPROX = r"(?:some|about|around|nearly|almost|approximately|roughly|over|more\s+than|up\s+to|" \
          r"at\s+least|just\s+over|close\s+to|an\s+estimated)"
_NUMBER = r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)"  # linear on digit runs
# "the liberated territories": an adjective, not a capture
# "the separatists surrendered": the fighting's end; "X was surrendered", "surrendered Lachin"
# are handovers
_SURRENDERED = (r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bwas\s)(?<!\bwere\s)\bsurrendered\b"
                r"(?!\s+(?:the\s+)?(?-i:[A-Z]))")
_NOT_AREA = r"(?!\s+(?:territor|lands|areas|regions|districts|cities|villages|lands))"

ENGLISH = CueTable(
    territory=(
        (T.SCHEDULED, re.compile(
            rf"\b(?:(?:is|are|was|were)\s+(?:also\s+)?(?:due|scheduled|set|expected|supposed)\s+"
            rf"to\s+(?:be\s+{_HANDVERB}|begin|start)|(?:is|are|was|were)\s+(?:also\s+)?to\s+be\s+"
            rf"{_HANDVERB}|to\s+be\s+{_HANDVERB}|due\s+to\s+be\s+{_HANDVERB})", IC)),
        (T.SCHEDULED, re.compile(
            r"\bwill\s+(?:also\s+)?(?:be\s+)?(?:hand(?:ed)?\s+(?:over|back)|return(?:ed)?|"
            r"cede[d]?|transfer(?:red)?|surrender(?:ed)?|give\s+back|withdraw)", IC)),
        (T.SCHEDULED, re.compile(
            r"\b(?:initially|originally|first)\s+(?:scheduled|due|planned|set|expected)\b", IC)),
        (T.SCHEDULED, re.compile(r"\bscheduled\s+for\s+(?:handover|transfer|return)\b", IC)),
        (T.SCHEDULED, re.compile(r"\bdeadline\b", IC)),
        (T.SCHEDULED, re.compile(r"\b(?:has|have|had|was\s+given|were\s+given|given)\s+until\b",
                                 IC)),
        (T.SCHEDULED, re.compile(r"\bshould\s+(?:have\s+been|be)\b", IC)),
        (T.SCHEDULED, re.compile(r"\bmust\s+(?:be\s+)?(?:hand|return|cede|withdraw)", IC)),
        (T.SCHEDULED, re.compile(
            r"\bobliged\b[^.;]{0,40}?\bto\s+(?:return|hand|cede|withdraw)\w*", IC)),
        (T.TRANSFER, re.compile(r"\b(?:enter|enters|entered|entering)\b", IC)),
        (T.TRANSFER, re.compile(
            r"\b(?:took|taken|takes|take|taking|regain(?:s|ed|ing)?|gain(?:s|ed)?|assumed?|"
            r"restor(?:ed|es|ation\s+of))\s+(?:full\s+)?control\b", IC)),
        (T.TRANSFER, re.compile(
            r"\b(?:came|come|comes|coming|passed|placed|taken|brought)\s+under\s+(?:the\s+)?"
            r"(?:full\s+)?(?:[\w'’]+\s+)?control\b", IC)),
        (T.TRANSFER, re.compile(
            r"\b(?:took|taken|takes|taking)\s+(?:over|back)\b(?!\s+militarily)", IC)),
        (T.TRANSFER, re.compile(
            r"\b(?:hand(?:ed|s)?\s+(?:over|back)|turn(?:ed|s)\s+over|handover\s+of|ceded|cedes|"
            r"returned|reclaim(?:s|ed)|"
            r"retrocession\w*|withdr(?:ew|awn)\s+from|given\s+back)\b", IC)),
        (T.TRANSFER, re.compile(r"\b(?:leave|vacate|withdraw\s+(?:\w+\s+){0,3}?from|"
                                r"pull\s+out\s+of)\b", IC)),
        (T.CAPTURE, re.compile(
            r"\b(?:(?:was|were|been|being)\s+occupied|occupied\s+by|occupying)\b", IC)),
        (T.CAPTURE, re.compile(
            r"\b(?:forces|army|military|troops|armenians?|separatists)\s+occupied\b", IC)),
        (T.CAPTURE, re.compile(
            rf"\b(?:captured|recaptured|claims?\s+(?:on|of|about)\s+capturing|retook|retaken|seized|liberated{_NOT_AREA}|overran|"
            rf"taken\s+back\s+militarily|fell\s+to|freed{_NOT_AREA}|wrested|"
            r"(?:capture|fall|liberation|seizure)\s+of|loss\s+of(?=\s+(?-i:[A-Z]))|"
            r"(?:has|had|have)\s+fallen|regained(?=\s+(?-i:[A-Z]))|"
            r"took\s+(?:the\s+)?(?:(?:strategic|key)\s+)?(?:town|city|village|settlement|"
            r"district|region)\s+of|"
            r"(?:has|have|had)\s+taken(?!\s+(?:part|place|control|over|back|up|steps)))\b",
            IC)),
    ),
    modal_before=re.compile(
        r"\b(?:will|would|shall|to\s+be|is\s+to|are\s+to|due\s+to|set\s+to|expected\s+to|must|"
        r"should|agreed\s+to|obliged\s+to)\s+(?:\w+\s+)?$", IC),
    people_verb=re.compile(r"returned", IC),
    schedule_only=re.compile(r"(?:leave|vacate|withdraw\s|pull\s)", IC),
    people_before=re.compile(r"\b(?:residents|refugees|people|inhabitants|IDPs|displaced|"
                             r"civilians|families)\b[^.]{0,30}$", IC),
    occupation=re.compile(r"occup", IC),
    present=re.compile(
        r"^(?:enters|entering|takes|taking|regains|gains|cedes|hands|reclaims|restoration|"
        r"comes|passes)", IC),
    perfect_before=re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?$", IC),
    other_clause=re.compile(r"[—()]|\bas part of\b"),
    relative_pronoun=re.compile(r"\b(?:that|which|who)\b"),
    relative_same_noun=re.compile(
        r"^\W*(?:district|region|town|city|province)?\W*(?:that|which|who)\b", IC),
    group_gap=re.compile(r"^\s*(?:,|and|, and|-|–|—|or|\(|\))?\s*(?:the\s+)?"
                         r"(?:(?:districts?|regions?)\s+(?:of\s+)?)?$", IC),
    alias_gap=re.compile(r"^[\s,(/]*(?:also\s+known\s+as|or|aka|known\s+as)?[\s,(/]*$", IC),
    vague_before=vague_before(r"villages|settlements|parts?|outskirts|positions|heights|"
                              r"areas|vicinity|direction"),
    vague_after=vague_after(r"villages|settlements|outskirts"),
    container_before=re.compile(r"\b(?:in|within)\s+(?:the\s+)?$", IC),
    quiet=words(r"anniversar\w*", r"demin\w*", r"mine[- ]?clear\w*", r"(?:land)?mines?\b",
                r"reconstruct\w*", r"rebuil\w*", r"commemorat\w*", r"memorial",
                r"(?:unable|cannot|could\s+not|can't)\s+(?:to\s+)?return", r"visit\w*",
                r"pilgrim\w*", r"tour(?:ed|s)?\b"),
    recalled_before=re.compile(
        r"\b(?:anniversary|years?|months?)\s+(?:of|after|since)\s+(?:the\s+)?$|"
        r"\b(?:commemorat\w+|celebrat\w+|mark\w*)\s+(?:the\s+)?$|\bsince\s+the\s+$", IC),
    recalled_after=re.compile(r"^\W*(?:\w+\W+){0,3}?(?:years?|months?)\s+ago\b", IC),
    town_noun=words(r"the\s+(?:town|city)\b"),
    denial=words(r"den(?:y|ies|ied|ying|ial)\b", r"refut\w*", r"rejected\s+(?:the\s+)?"
                 r"(?:claim|report)s?", r"dismissed\s+(?:the\s+)?(?:claim|report)s?",
                 r"not\s+true", r"untrue", r"false\b", r"fake\b", r"disinformation"),
    confirm=words(r"confirm\w*", r"acknowledg\w*", r"admitted"),
    claim=words(r"claim\w*", r"said", r"says", r"announced", r"declared", r"stated",
                r"alleged\w*", r"statement"),
    postpone=re.compile(
        r"\b(?:postpon\w*|delay(?:ed|s)?|deferred|pushed\s+back|extended\s+the\s+deadline|"
        r"(?:additional|extra|more)\s+(?:days|time|week)|granted\b[^.]{0,40}?\bdays)\b", IC),
    delay=re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:more\s+|additional\s+|"
                     r"extra\s+)?(days?|weeks?)\b", IC),
    week_unit=re.compile(r"week", IC),
    number_words=NUMBER_WORDS,
    other_event_date=re.compile(
        r"\b(?:kicked\s+off|broke\s+out|erupted|began|started|spiral+ed|resumed)\s+(?:\w+\s+)?$",
        IC),
    clash=re.compile(r"\b(?:clash\w*|fighting|hostilities|war|conflict|offensive|battles?|"
                     r"combat)\b", IC),
    agreement_noun=re.compile(
        r"\b(?:cease-?fire|truce|peace\s+(?:deal|accord|agreement)|accord|agreement|deal|"
        r"statement|armistice|lay\s+down\s+(?:their\s+)?arms|surrender|capitulat(?:ed|ion)|"
        r"end\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:war|hostilities))\b|"
        + _SURRENDERED, IC),
    agreement_verb=re.compile(
        r"\b(?:signed|brokered|agreed|reached|concluded|struck|ended\s+in|came\s+into\s+force|"
        r"took\s+effect|announced|capitulated)\b|" + _SURRENDERED, IC),
    agreement_date_after=re.compile(r"\s+(?:in|on|of)\s+\S"),
    ceasefire_noun=words(r"cease-?fire", r"truce", r"cessation\s+of\s+hostilities",
                         r"lay\s+down\s+(?:their\s+)?arms", r"surrender\b", _SURRENDERED,
                         r"end\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:war|hostilities)",
                         r"capitulat"),
    document_noun=words(r"statement", r"agreement", r"deal", r"accord", r"declaration"),
    russia=re.compile(r"\b(?:Russia\w*|Moscow|Putin)\b"),
    az_actor=re.compile(r"\b(?:Azerbaijan\w*|Baku|Aliyev)\b"),
    am_actor=re.compile(r"\b(?:Armenia\w*|Yerevan|separatists?|Artsakh|Karabakh\s+Armenians?)\b"),
    situations=(
        (T.OFFENSIVE, words(r"(?:launch\w*|began|started|start)\s+(?:an?\s+|its\s+)?(?:\w+\s+)?"
                            r"(?:offensive|operation|assault)", r"(?:counter-?)?offensive\b",
                            r"anti-?terror(?:ist)?\s+(?:operation|measures)",
                            r"military\s+operation",
                            r"(?:military\s+)?(?:attack|assault|incursion)\s+on\s+(?:the\s+)?"
                            r"(?:region|enclave|Nagorno|Karabakh|Artsakh)",
                            r"lightning\s+(?:offensive|operation|war|campaign)",
                            r"(?:one|24)-(?:day|hour)\s+(?:war|offensive|operation|campaign)")),
        (T.BLOCKADE, words(r"blockade\w*", r"blockad(?:ed|ing)",
                           r"(?:was|were|been|being|is|are|remains?|remained)\s+(?:\w+\s+)?"
                           r"(?:blocked|closed|cut\s+off)\b", r"road\s+closure",
                           r"block(?:ed|ing|s)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:road|corridor|highway)",
                           r"clos(?:ed|ing|es|ure\s+of)\s+(?:the\s+)?(?:\w+\s+)?"
                           r"(?:road|corridor|highway)")),
        (T.CHECKPOINT, words(r"check-?points?\b", r"border\s+(?:crossing|post)\w*",
                             r"control\s+post\w*")),
        (T.REROUTE, words(r"(?:new|alternative|bypass)\s+(?:\w+\s+)?(?:road|route|highway)\b",
                          r"re-?rout\w*")),
        (T.DISSOLUTION, words(r"dissol\w*", r"ceases?\s+to\s+exist", r"ceased\s+to\s+exist",
                              r"disband\w*", r"abolish\w*")),
    ),
    ongoing=words(r"still", r"remains?\b", r"remained", r"continu\w*", r"ongoing"),
    day_count=re.compile(r"\b(?:enter(?:s|ed|ing)|in|into|reach(?:es|ed))\s+(?:its|the)\s+"
                         r"(\d{1,4})(?:st|nd|rd|th)\s+day\b", IC),
    people=(
        (T.RETURN, re.compile(
            r"\b(?:return(?:ed|ing)?\s+(?:home|to\s+their)|return\s+of\s+(?:the\s+)?(?:people|"
            r"residents|refugees|displaced|IDPs|population)|started\s+to\s+return|"
            r"(?:bussed|brought|bringing|flown|driven)\b[^.]{0,40}\bback|"
            r"(?:residents|refugees|people|families|IDPs|inhabitants)\s+back\s+to|"
            r"resettle\w*|came\s+back)", IC)),
        (T.DISPLACEMENT, re.compile(
            r"\b(?:displac\w+|fled|flee\w*|exodus|forced\s+to\s+(?:leave|abandon|flee)|expelled|"
            r"IDPs|internally\s+displaced)\b", IC)),
        (T.DESTRUCTION, re.compile(
            r"\b(?:burn(?:ed|t|ing)|destroy\w*|destruction|looted|plunder\w*|demolish\w*|razed|"
            r"desecrat\w*|chopp\w*\s+down)\b", IC)),
    ),
    not_before=re.compile(r"\b(?:unable|cannot|can't|could\s+not|not\s+able|never|not)\s+"
                          r"(?:yet\s+)?(?:to\s+|be\s+able\s+to\s+)?$", IC),
    peacekeepers=re.compile(r"\bpeace-?keep\w*", IC),
    peacekeeper_presence=re.compile(r"deploy|stationed|took under control|arriv", IC),
    political=re.compile(
        r"\b(?:resign\w*|protest\w*|demonstrat(?:ors|ions?)|parliament\b[^.]{0,30}?"
        r"\b(?:approv|vot)\w*|election\w*|sworn\s+in|impeach\w*)", IC),
    political_labels=(("resign", "a resignation"), ("protest", "protests"),
                      ("demonstrat", "protests"), ("parliament", "a parliamentary vote"),
                      ("election", "an election"), ("sworn", "a swearing-in"),
                      ("impeach", "an impeachment")),
    troops=re.compile(rf"(?:\b({_APPROX})\s+)?{_NUMBER}\s+(?:Russian\s+)?"
                      r"(?:peace-?keepers|troops|servicemen|soldiers|military\s+personnel)\b", IC),
    head_count=re.compile(rf"(?:\b({_APPROX})\s+)?{_NUMBER}\s+(?:\w+\s+)?"
                          r"(?:people|residents|refugees|azerbaijanis|armenians|civilians|"
                          r"inhabitants|idps|persons)\b", IC),
)
