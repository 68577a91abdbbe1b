"""Control changes: a transfer, a capture or a scheduled handover of one place, and who holds
the place after it (the rules are the named facts of `domain_spec`)."""

from __future__ import annotations

import re
from datetime import date

from karabakh_map.ingest import domain_spec as spec
from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.extract.context import (
    Article,
    Candidate,
    Cue,
    Sentence,
    candidate,
    confidence,
)
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.model import CORRIDOR_ID, Controller, EventType, FuzzyDate, Precision, Stance

ACTOR_WINDOW = 60  # characters before a cue where the acting side is named
OCCUPATION_GAP = 20  # characters before a side that may hold the occupation word naming it
_GAP = re.compile(r"[\s-]*")
PERFECT_WINDOW = 20  # characters before a present-tense cue that may hold "has"
DEADLINE_QUALIFIERS = ("by", "before", "until")
DEADLINE_BOUNDS = ("by", "until")  # a handover dated so is due then, not done
ROAD_SITUATIONS = frozenset({EventType.BLOCKADE, EventType.REROUTE})
STANCE_KINDS = frozenset({EventType.TRANSFER, EventType.CAPTURE})


def handover(art: Article, sent: Sentence, kind: EventType, place: PlaceMention,
             dm: DateMention | None, cue: Cue | None, *, superseded: bool,
             agreement_day: date | None, reference: bool = False) -> Candidate | None:
    """The event of `kind` at `place` dated by `dm`, or None when it cannot be placed in time:
    a change of control is news only with a date the text grounds (a date in the sentence, a
    headline's present tense), else it may be background or another day's; a denial stays,
    undated. A corridor in a sentence about its blockade or new road is not handed over.
    `reference`: the place was named in an earlier sentence."""
    text, s0 = art.text, sent.start
    if place.district_id == CORRIDOR_ID and kind is not EventType.CAPTURE and any(
            k in ROAD_SITUATIONS and p.search(sent.body) for k, p in art.cues.situations):
        return None  # the road closed or replaced: its situation, never a handover
    cue_text = text[cue.start:cue.end] if cue else ""
    if kind is EventType.TRANSFER and dm is not None and dm.qualifier in DEADLINE_BOUNDS:
        kind = EventType.SCHEDULED  # "übergeben bis zum 15.", "teslim ... 15 Kasım'a kadar"
    if kind is EventType.TRANSFER and art.cues.schedule_only.match(cue_text):
        return None  # a withdrawal neither due nor scheduled: not a handover
    stance = stance_of(art, sent, kind)
    if dm is not None:  # a relative date without an article date stays unknown, yet written
        when, explicit = dm.date, True
    elif (kind is EventType.TRANSFER and art.published is not None and cue is not None
          and art.cues.present.match(cue_text)
          and not art.cues.perfect_before.search(text[max(s0, cue.start - PERFECT_WINDOW):
                                                      cue.start])):
        when, explicit = FuzzyDate.day(art.published), False  # a headline's "enters"
    elif stance is Stance.DENIES:
        when, explicit = art.fallback(), False  # a denial dates nothing: kept undated
    elif kind is EventType.TRANSFER and sent.end <= art.lead_end and not art.quiet \
            and art.published is not None and place.district_id not in art.dated_districts \
            and spec.handover_news(place.place_id, place.district_id, art.published):
        # the headline's or lead's handover is the piece's news: no later than the article
        # (unless the article dates news of that district elsewhere: then it is that day's)
        when, explicit = art.fallback(), False
    else:  # a change of control the text does not date is not reported as news
        return None
    if not explicit and art.quoted(cue.start if cue else place.start) \
            and stance is Stance.REPORTS:
        return None
    if (kind is EventType.CAPTURE and place.district_id in spec.HANDED_OVER
            and when.earliest is not None and when.earliest >= spec.STATEMENT_DAY):
        kind = EventType.TRANSFER  # the statement's handover, hailed as a liberation
        stance = stance_of(art, sent, kind)
    if kind is EventType.TRANSFER and _misdated(place, when, art.published):
        return None
    year = when.earliest.year if when.earliest else None
    controller = controller_after(art, sent, kind, place, cue, year)
    named = kind is EventType.CAPTURE and _named_side(art, sent, cue)
    announced = deadline = None
    if kind is EventType.SCHEDULED:
        announced = agreement_day if (agreement_day and when.earliest
                                      and agreement_day <= when.earliest) else art.published
        if when.precision is Precision.DAY:
            deadline = when.latest
    bound = when.latest or when.earliest
    part = spec.STATEMENT_PART if (kind is EventType.TRANSFER and place.whole_district
                                   and place.district_id in spec.HANDED_OVER
                                   and bound is not None and bound >= spec.STATEMENT_DAY) \
        else None
    return candidate(kind, when, explicit, place, sent, part=part,
                     note={"superseded": superseded,
                           "deadline": kind is EventType.SCHEDULED and dm is not None
                           and dm.qualifier in DEADLINE_QUALIFIERS},
                     actor1=controller.value, actor2=spec.OTHER_SIDE.get(controller,
                                                                   spec.OTHER_SIDE_DEFAULT),
                     controller=controller, announced=announced, deadline=deadline,
                     stance=stance,
                     confidence=confidence(explicit=explicit, cue=cue is not None,
                                           pronoun=reference,
                                           inferred=kind is EventType.CAPTURE and not named))


def _misdated(place: PlaceMention, when: FuzzyDate, published: date | None) -> bool:
    """A handover of a statement district dated to a day of the statement's period other than
    the district's handover day or the next (the completion reported a day later), or the
    district's handover dated to the same day of a later year, not after the article (an
    anniversary's "today"; a day after the article is dealt with as such)."""
    day = spec.HANDOVER_DAYS.get(place.district_id or "")
    if day is None or when.precision is not Precision.DAY or when.earliest is None:
        return False
    if when.earliest.year > day.year and (when.earliest.month, when.earliest.day) == (
            day.month, day.day) and (published is None or when.earliest <= published):
        return True
    return (spec.STATEMENT_DAY <= when.earliest <= spec.STATEMENT_PERIOD_END
            and not day <= when.earliest <= day + spec.HANDOVER_SLACK)


def stance_of(art: Article, sent: Sentence, kind: EventType) -> Stance:
    """What the sentence says of a control change: denied, confirmed, a side's claim (a
    capture announced by a side), or plainly reported."""
    if kind not in STANCE_KINDS:
        return Stance.REPORTS
    cues, body = art.cues, sent.body
    if cues.denial.search(body):
        return Stance.DENIES
    if cues.confirm.search(body):
        return Stance.CONFIRMS
    if kind is EventType.CAPTURE and cues.claim.search(body) and (
            cues.az_actor.search(body) or cues.am_actor.search(body)):
        return Stance.CLAIMS
    return Stance.REPORTS


def _named_side(art: Article, sent: Sentence, cue: Cue | None) -> bool:
    """Whether the text before the cue names a side (else the period's side is assumed)."""
    if cue is None:
        return False
    window = art.text[max(sent.start, cue.start - ACTOR_WINDOW):cue.start]
    return bool(art.cues.az_actor.search(window) or art.cues.am_actor.search(window)
                or art.cues.occupation.search(art.text[cue.start:cue.end]))


def controller_after(art: Article, sent: Sentence, kind: EventType, place: PlaceMention,
                     cue: Cue | None, year: int | None) -> Controller:
    """Who holds `place` after the event: the corridor's peacekeepers; for a capture or an
    event before the 2020 statement, the side the text names; else the statement's handover."""
    if place.district_id == CORRIDOR_ID:
        return spec.CORRIDOR_CONTROLLER
    if kind is EventType.CAPTURE or (year is not None and year < spec.STATEMENT_YEAR):
        return _acting_side(art, sent, cue, year)
    return spec.HANDOVER_CONTROLLER


def _acting_side(art: Article, sent: Sentence, cue: Cue | None, year: int | None) -> Controller:
    """The side that took the place: an occupation's occupier, else the side named last
    before the cue (a side named as the occupier, "from Armenian occupation", lost the place:
    its foe took it), else the side of the period."""
    cues, s0 = art.cues, sent.start
    cue_start = cue.start if cue else s0
    if cue is not None and cues.occupation.search(art.text[cue.start:cue.end]):
        return spec.OCCUPIER
    w0 = max(s0, cue_start - ACTOR_WINDOW)
    window = art.text[w0:cue_start]
    named: list[tuple[int, Controller, bool]] = []
    for side, pattern in ((Controller.AZERBAIJAN, cues.az_actor),
                          (Controller.ARMENIAN_FORCES, cues.am_actor)):
        named += [(m.start(), side, _occupier(art, w0 + m.start(), w0 + m.end()))
                  for m in pattern.finditer(window)]
    if named:
        acting = [(at, side) for at, side, lost in named if not lost]
        if acting:
            return max(acting)[1]
        lost_side = max(named)[1]
        return Controller.ARMENIAN_FORCES if lost_side is Controller.AZERBAIJAN \
            else Controller.AZERBAIJAN
    if year is not None and year < spec.FIRST_WAR_BEFORE:
        return spec.FIRST_WAR_CONTROLLER
    return spec.RECOVERY_CONTROLLER


def _occupier(art: Article, start: int, end: int) -> bool:
    """Whether the side named at start:end is named as an occupation's occupier: right before
    the occupation word ("Ermenistan işgalinden", "Armenian occupation") or right after it
    ("l'occupation arménienne")."""
    occupation, text = art.cues.occupation, art.text
    if occupation.match(text, _GAP.match(text, end).end()):  # type: ignore[union-attr]
        return True
    before = text[max(0, start - OCCUPATION_GAP):start]
    found = list(occupation.finditer(before))
    if not found:
        return False
    tail = before[found[-1].end():]  # the rest of the occupation word, then the gap to the side
    word = tail.rstrip(" \t\n\u00a0-")
    return len(word) < len(tail) and (not word or word.isalnum())
