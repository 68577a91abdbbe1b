"""Situations that change no district's holder: an offensive launched, a road blocked, a
checkpoint set up, the corridor moved to a new road, an authority dissolved.

Road events (blockade, checkpoint, new road) belong to the Lachin corridor when the sentence
names it or a place of its district; the others to the region or the nearest district place,
else to no place (the whole conflict). Each is dated by the nearest free date of its sentence
(a dissolution by the day it was decided when the sentence also gives the day it takes
effect), else left undated; a denial in the sentence makes it a denied report.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from karabakh_map.ingest import domain_spec as spec
from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.extract.context import (
    Article,
    Candidate,
    Sentence,
    candidate,
    confidence,
)
from karabakh_map.ingest.extract.course import course_dates
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.model import CORRIDOR_ID, EventType, FuzzyDate, Precision, Stance

OFFENSIVE_DATE_AFTER = 80  # characters from an offensive's cue to a date that is its own
MAX_DAY_COUNT = 1000  # a longer count is no road's closure
OWN_POSTS = 40  # characters around a checkpoint cue where peacekeepers make it their own post


def situation_events(art: Article, sent: Sentence, taken: frozenset[int],
                     corridor: PlaceMention | None = None) -> list[Candidate]:
    """One event per situation kind the sentence names. `corridor`: the corridor as named in
    the headline or just before the sentence ("the highway was blocked" is its road)."""
    out: list[Candidate] = []
    for kind, pattern in art.cues.situations:
        m = pattern.search(sent.body)
        if m is None:
            continue
        cue = sent.start + m.start()
        road = kind in spec.CORRIDOR_KINDS
        place = (_corridor(sent) or (corridor if not _local(sent) else None)) if road \
            else _where(sent, cue, kind)
        if road and (place is None or (kind is EventType.CHECKPOINT and _own_post(art, sent, cue))):
            continue  # a road somewhere else, or the peacekeepers' own posts
        dm = _date(art, sent, taken, kind, cue)
        if kind is EventType.BLOCKADE and dm is not None and dm.qualifier != "since" \
                and art.cues.ongoing.search(sent.body):
            dm = None  # "the corridor is still closed today": the day seen, not the start
        when = dm.date if dm else art.fallback()
        if dm is None and kind is EventType.OFFENSIVE and sent.end <= art.lead_end \
                and not art.quiet and art.published is not None and not art.quoted(cue):
            when = FuzzyDate.day(art.published)  # the headline's offensive: the day's news
        if kind is EventType.BLOCKADE:
            began = _day_count(art, sent, dm)  # "the blockade entered its 16th day"
            dm, when = (dm or began[0], began[1]) if began else (dm, when)
        if dm is None and (place is None or art.quoted(cue)):
            continue
        stance = Stance.DENIES if art.cues.denial.search(sent.body) else Stance.REPORTS
        out.append(candidate(kind, when, dm is not None, place, sent, stance=stance,
                             confidence=confidence(explicit=dm is not None,
                                                   vague=place is None)))
    return out


def _own_post(art: Article, sent: Sentence, cue: int) -> bool:
    """Whether the peacekeepers are named right beside a checkpoint cue (their own post; "in
    the peacekeepers' zone" further on does not make it theirs)."""
    return art.cues.peacekeepers.search(art.text, max(sent.start, cue - OWN_POSTS),
                                        min(sent.end, cue + OWN_POSTS)) is not None


def _day_count(art: Article, sent: Sentence, dm: DateMention | None
               ) -> tuple[DateMention, FuzzyDate] | None:
    """'The blockade entered its 16th day on Tuesday': it began 15 days before the day the
    sentence names (else the article's), the first day counted as day one."""
    m = art.cues.day_count.search(sent.body)
    counted = dm.date.earliest if dm and dm.date.precision is Precision.DAY else art.published
    if m is None or counted is None or not 1 <= int(m.group(1)) <= MAX_DAY_COUNT:
        return None
    day = FuzzyDate.day(counted - timedelta(days=int(m.group(1)) - 1))
    a, b = sent.start + m.start(), sent.start + m.end()
    return DateMention(a, b, m.group(), day, True), day


def _corridor(sent: Sentence) -> PlaceMention | None:
    """The corridor's mention, a place of its district read as the corridor, or the road
    between the corridor's two ends ("the Stepanakert-Goris road")."""
    road = [p for p in sent.places if p.district_id == CORRIDOR_ID]
    if road:
        return road[0]
    ends = [p for p in sent.places if p.place_id in spec.CORRIDOR_ENDS]
    if len({p.place_id for p in ends}) > 1:
        return replace(ends[0], place_id=CORRIDOR_ID, district_id=CORRIDOR_ID, kind="region",
                       name="Lachin corridor", whole_district=False)
    near = [p for p in sent.places if p.district_id in spec.CORRIDOR_DISTRICTS]
    return replace(near[0], place_id=CORRIDOR_ID, district_id=CORRIDOR_ID, kind="region",
                   name="Lachin corridor", whole_district=False) if near else None


def _local(sent: Sentence) -> bool:
    """Whether the sentence names a place of its own in the districts (a road elsewhere)."""
    return any(p.district_id and p.district_id != CORRIDOR_ID for p in sent.places)


def _where(sent: Sentence, cue: int, kind: EventType) -> PlaceMention | None:
    """The region if named, else the district place nearest the cue (for an offensive, one
    inside the region), else none."""
    region = [p for p in sent.places if p.kind == "region" and p.district_id is None
              and p.country in spec.LOCAL_COUNTRIES]
    if region:
        return region[0]
    local = [p for p in sent.places if p.district_id and p.district_id != CORRIDOR_ID
             and (kind is not EventType.OFFENSIVE or p.district_id in spec.REGION_DISTRICTS)]
    return min(local, key=lambda p: abs(p.start - cue)) if local else None


def _date(art: Article, sent: Sentence, taken: frozenset[int], kind: EventType,
          cue: int) -> DateMention | None:
    if kind is EventType.OFFENSIVE:  # "the operation launched on 19 September": its own date
        taken = taken - course_dates(art, sent)
    free = [d for d in sent.dates if d.start not in taken
            and d.date.precision is not Precision.UNKNOWN]
    if kind is EventType.DISSOLUTION and art.published is not None:
        decided = [d for d in free if d.date.latest and d.date.latest <= art.published]
        free = decided or free
    if kind is EventType.OFFENSIVE and not art.cues.verb_final:
        # "freed on 20 October by an offensive launched on 27 September": the date after the
        # offensive's noun is its own; one before it may be what the offensive brought about
        after = [d for d in free if 0 <= d.start - cue <= OFFENSIVE_DATE_AFTER]
        free = after[:1] or free
    return min(free, key=lambda d: abs(d.start - cue)) if free else None
