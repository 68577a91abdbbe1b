"""Deadlines moved: a postponement of one place's handover.

The store's convention (karabakh_map.store.merge): the event's date is when it was decided
(unknown, no later than the deadline it moved or the article), with `previous_deadline` (the
deadline of that place the article gave last) and `deadline` (a day stated after the cue, else
the previous deadline plus the delay, e.g. "by one week").
"""

from __future__ import annotations

from datetime import date, timedelta

from karabakh_map.ingest import domain_spec as spec
from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.extract.context import Article, Candidate, Deadlines, Sentence, candidate
from karabakh_map.ingest.notes import format_date
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.model import EventType, FuzzyDate, Precision

DELAY_WINDOW = 40  # characters before the postponement cue where its delay may be stated
OWN_DAY_OPENING = 4  # characters before a sentence's first date that still open it ("On ")


def postponement(art: Article, sent: Sentence, place: PlaceMention, taken: frozenset[int],
                 original: DateMention | None, deadlines: Deadlines) -> Candidate:
    """The postponement of `place`'s handover; `original` is the date the sentence gives the
    handover (the deadline moved), `deadlines` what earlier sentences gave."""
    cues, s0, s1 = art.cues, sent.start, sent.end
    m = cues.postpone.search(sent.body)
    cue = s0 + m.start() if m else s0
    later = [d for d in sent.dates if d.start > cue and d is not original
             and d.start not in taken and d.date.precision is Precision.DAY]
    if original is not None and original.start > cue and original.date.precision is Precision.DAY:
        later, original = [original, *later], None  # the day after the cue is the new one
    own = _own_day(sent, taken)
    if own is not None and own is original:
        original = None  # "On 15 November, ... asked for ten more days": the request's day
    previous = None
    if original is not None and original.date.precision is Precision.DAY:
        previous = original.date.latest
    elif place.place_id in deadlines:
        previous = deadlines[place.place_id]
    figures: dict[str, int] = {}
    delay = cues.delay.search(art.text, max(s0, cue - DELAY_WINDOW), s1)
    if delay:
        n = delay.group(1).lower()
        days = int(n) if n.isdigit() else cues.number_words[n]
        figures["days_added"] = days * (7 if cues.week_unit.match(delay.group(2)) else 1)
    if later and previous == later[0].date.latest:
        previous = None  # "postponed to 25 November": the new deadline, read as a schedule too
    if later:
        deadline = later[0].date.latest
    elif previous is not None and figures:
        deadline = previous + timedelta(days=figures["days_added"])
    else:
        deadline = None
    detail = []
    if previous is not None:
        detail.append(f"from {format_date(FuzzyDate.day(previous))}")
    if deadline is not None:
        detail.append(f"to {format_date(FuzzyDate.day(deadline))}")
    bound = art.published
    if previous is not None and (bound is None or previous < bound):
        bound = previous
    when = own.date if own is not None else FuzzyDate(Precision.UNKNOWN, None, bound)
    return candidate(EventType.POSTPONEMENT, when, own is not None, place, sent,
                     note={"detail": " ".join(detail)}, actor1=spec.POSTPONED_BY,
                     deadline=deadline, previous_deadline=previous, figures=figures)


def _own_day(sent: Sentence, taken: frozenset[int]) -> DateMention | None:
    """The day opening the sentence ("On 14 November, ...", "Noyabrın 15-də ..."): the day the
    postponement was decided, not a deadline (none bounded by "by" or "until")."""
    first = sent.dates[0] if sent.dates else None
    if first is None or first.start - sent.start > OWN_DAY_OPENING or first.start in taken \
            or first.relative or first.date.precision is not Precision.DAY \
            or first.qualifier in ("by", "until", "before"):
        return None
    return first


def new_deadline(sent: Sentence, place: PlaceMention, moved: Candidate) -> Candidate | None:
    """The handover due on the day a postponement names ("put off to 25 November"): a
    schedule of its own, announced with the postponement. A deadline only reckoned (the old
    one plus "ten more days") is the postponement's figure, not a day the text gives."""
    e = moved.event
    if e.deadline is None or not _written(sent, e.deadline):
        return None
    controller = spec.HANDOVER_CONTROLLER
    return candidate(EventType.SCHEDULED, FuzzyDate.day(e.deadline), True, place, sent,
                     note={"deadline": True}, actor1=controller.value,
                     actor2=spec.OTHER_SIDE.get(controller, spec.OTHER_SIDE_DEFAULT),
                     controller=controller, announced=e.date.latest, deadline=e.deadline,
                     confidence=0.6)


def _written(sent: Sentence, day: date) -> bool:
    return any(d.date.precision is Precision.DAY and d.date.latest == day for d in sent.dates)

