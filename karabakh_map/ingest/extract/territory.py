"""Territory per sentence: which places changed hands, were due to, or saw their deadline moved.

The sentence's places are read in groups with their cue and date (`groups`); the events
themselves come from `control` (transfers, captures, scheduled handovers) and `deadlines`
(postponements). Sentences without a place of their own may continue the previous one's
(a reference, a story told on).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from karabakh_map.ingest import domain_spec as spec
from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.extract.context import (
    CLAIM_NOTE,
    DENIED_NOTE,
    Article,
    Candidate,
    Cue,
    Deadlines,
    Sentence,
    Story,
    free_dates,
)
from karabakh_map.ingest.extract.control import handover
from karabakh_map.ingest.extract.deadlines import new_deadline, postponement
from karabakh_map.ingest.extract.groups import CHANGES, Reading, find_cues, read_groups
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.model import CORRIDOR_ID, EventType, Precision, Stance

_YEAR = re.compile(r"\d{4}")
_WORD = re.compile(r"[^\W\d_]{2,}")
REFERENCE_GAP = 300  # characters from the last place to a sentence that may refer to it
CONTAINER_GAP = 40  # characters between a place and the district it is said to lie in
NAMED_GAP = 12  # characters from "villages" to the first village it names ("of ")
VAGUE_WINDOW = 50  # characters around a place that may make it the frame of a vaguer area
RECALL_WINDOW = 40  # characters around a cue that may say the change is only recalled
REFERRED = frozenset({EventType.TRANSFER, EventType.SCHEDULED})  # kinds found by reference
TOWN_KINDS = ("town", "city")  # ... and a capture, when the sentence says "the town"
STORY_GAP = 700  # characters from a dated change to an undated one continuing its story


def targets(art: Article, sent: Sentence) -> list[PlaceMention]:
    """The sentence's places that belong to a district and can change hands (a monastery
    does not); 'Kalbajar, also known as Karvachar' is one mention."""
    out: list[PlaceMention] = []
    for p in sent.places:
        if not p.district_id or p.kind in spec.NO_CONTROL_KINDS:
            continue
        if (out and out[-1].place_id == p.place_id
                and art.cues.alias_gap.match(art.text[out[-1].end:p.start])):
            continue
        if out and _container(art, out[-1], p):
            if p.whole_district:  # "Hadrut in the Khojavend region"
                continue
            out[-1] = p  # "Xocavənd rayonunun Hadrut qəsəbəsi"
            continue
        out.append(p)
    return out


def _container(art: Article, a: PlaceMention, b: PlaceMention) -> bool:
    """Whether one of two neighbouring mentions only locates the other: the same district,
    one named as the district, close together and not a list."""
    gap = art.text[a.end:b.start]
    return (a.district_id == b.district_id and a.whole_district != b.whole_district
            and len(gap) <= CONTAINER_GAP and "\n" not in gap
            and not art.cues.group_gap.match(gap) and not art.cues.list_word.search(gap))


def territory(art: Article, sent: Sentence, places: list[PlaceMention], taken: frozenset[int],
              last_target: PlaceMention | None, deadlines: Deadlines,
              agreement_day: date | None, story: Story | None = None
              ) -> tuple[list[Candidate], Deadlines]:
    """Territory events of `places` (the sentence's targets) in text order, and the deadlines
    known after the sentence. `last_target` is the previous sentences' last target (a bare
    "it was postponed" concerns it); `agreement_day` dates the announcement of schedules;
    `story` the changes dated so far (an undated one of the same kind and district right
    after continues that day's story: "X was taken on 26 August. Villages Y and Z too.")."""
    postponed = art.cues.postpone.search(sent.body) is not None
    if not places:
        if postponed and last_target is not None:
            return _moved(sent, last_target,
                          postponement(art, sent, last_target, taken, None, deadlines)), deadlines
        if last_target is not None and sent.start - last_target.end <= REFERENCE_GAP:
            return _by_reference(art, sent, last_target, taken, agreement_day), deadlines
        return [], deadlines
    out: list[Candidate] = []
    quiet = art.quiet_here(sent)
    for r in read_groups(art, sent, places, taken):
        if r.kind is not None and not (r.kind in CHANGES and _recalled(art, r.cue)):
            framed = vague(art, sent, r.places[-1])  # "A, B and C's villages"
            members = tuple(p for p in r.places if not (
                framed or vague(art, sent, p) or (r.kind in CHANGES and _locates(art, sent, p))))
            if r.kind is EventType.SCHEDULED and len(members) > 1 and r.date is not None \
                    and r.date.qualifier == "by":
                # "return A, B and C by D": D is the deadline of the list as a whole, i.e. of
                # the last handover; the others may well have been due earlier.
                members = members[-1:]
            for place in members:
                dm = r.date or _story_day(art, sent, r, place, story)
                c = handover(art, sent, r.kind, place, dm, r.cue,
                             superseded=postponed and r.kind is EventType.SCHEDULED,
                             agreement_day=agreement_day)
                if c is not None and not (quiet and _undated_news(c, r.date)):
                    out += _with_claim(art, sent, c)
                    if c.event.deadline is not None:
                        deadlines = {**deadlines, place.place_id: c.event.deadline}
        if postponed:
            moved = r.date if r.kind is not None else None
            for place in r.places:
                out += _moved(sent, place,
                              postponement(art, sent, place, taken, moved, deadlines))
    return out, deadlines


def _moved(sent: Sentence, place: PlaceMention, c: Candidate) -> list[Candidate]:
    """A postponement, and the handover due on the new day when the sentence writes it."""
    due = new_deadline(sent, place, c)
    return [c] if due is None else [c, due]


def _story_day(art: Article, sent: Sentence, r: Reading, place: PlaceMention,
               story: Story | None) -> DateMention | None:
    """The day of the change of the same kind the article dated last in `place`'s district,
    within STORY_GAP characters before the sentence, for an undated change: the same story
    told on ("the town was taken on Friday; two villages near it were taken too"), for a
    place not yet reported. An occupation named by its occupier is another story (the first
    war's)."""
    if story is None or r.kind not in CHANGES or r.cue is None or place.district_id is None \
            or art.cues.occupation.search(art.text[r.cue.start:r.cue.end]):
        return None
    told = story.get(place.district_id)
    if told is None or told[0] is not r.kind or sent.start - told[2] > STORY_GAP \
            or place.place_id in told[3]:
        return None  # a place already reported is that report again, said otherwise
    return DateMention(r.cue.start, r.cue.end, "", told[1], True)


def _by_reference(art: Article, sent: Sentence, place: PlaceMention, taken: frozenset[int],
                  agreement_day: date | None) -> list[Candidate]:
    """'Army units entered the area on Wednesday', 'the zone was to be handed over on
    Sunday', 'the town was taken at the weekend, which Y denied on Monday': a dated handover
    or capture without a place of its own concerns the place the previous sentence ended on
    (a schedule only on a day the record knows as that place's deadline, a capture only
    when the sentence says "the town" and that place is one; never the corridor)."""
    dates = [d for d in free_dates(sent, taken) if d.date.earliest is not None]
    if not dates or place.district_id == CORRIDOR_ID:
        return []  # most sentences have no date; a road is named when it changes hands
    town = art.cues.town_noun.search(sent.body) is not None and place.kind in TOWN_KINDS
    cues = [c for c in find_cues(art, sent)
            if c.kind in REFERRED or (town and c.kind is EventType.CAPTURE)]
    if not cues or art.quiet_here(sent):
        return []
    if cues[0].kind is EventType.SCHEDULED and not spec.known_deadline(
            place.district_id, dates[0].date):
        return []  # "the last district is due on 1 December" may be another than the last named
    c = handover(art, sent, cues[0].kind, place, dates[0], cues[0], superseded=False,
                 agreement_day=agreement_day, reference=True)
    return [c] if c is not None else []


def _with_claim(art: Article, sent: Sentence, c: Candidate) -> list[Candidate]:
    """'X announced the capture, which Y denied': the claim and the denial, two reports."""
    cues, body, e = art.cues, sent.body, c.event
    if e.stance is not Stance.DENIES or not cues.claim.search(body) or not (
            cues.az_actor.search(body) and cues.am_actor.search(body)):
        return [c]
    claim = replace(e, stance=Stance.CLAIMS, note=e.note.replace(DENIED_NOTE, CLAIM_NOTE))
    return [c, replace(c, event=claim)]


def vague(art: Article, sent: Sentence, place: PlaceMention) -> bool:
    """Whether the place only frames a vaguer area ('seven villages of the X region', 'the
    outskirts of X'): no event of the place itself."""
    if place.kind == "village":
        return False  # "the villages of A and B" names them: a village frames no other
    # the window stops at the neighbouring places: "X town and X district's villages"
    text = art.text
    lo = max([sent.start, place.start - VAGUE_WINDOW,
              *(p.end for p in sent.places if p.end <= place.start)])
    hi = min([sent.end, place.end + VAGUE_WINDOW,
              *(p.start for p in sent.places if p.start >= place.end)])
    before, after = text[lo:place.start], text[place.end:hi]
    # ... and at a conjunction after a head noun of the place's own: "X town and the nearby
    # villages" frames nothing ("X and Y's villages" still frames the list)
    joins = list(art.cues.list_word.finditer(before))
    if joins and _WORD.search(before[joins[-1].end():]):
        before = before[joins[-1].end():]
    join = art.cues.list_word.search(after)
    if join and _WORD.search(after[:join.start()]):
        after = after[:join.start()]
    framed = art.cues.vague_after.match(after)
    if framed and any(p.kind == "village" and 0 <= p.start - (place.end + framed.end())
                      <= NAMED_GAP for p in sent.places):
        framed = None  # "the town of X and the villages of A and B": the villages are named
    return bool(art.cues.vague_before.search(before) or framed)


def _locates(art: Article, sent: Sentence, place: PlaceMention) -> bool:
    """'(A, B and C) in Khojavend district were freed': a whole district after "in" (or in a
    locative case, "Xocavənd rayonunda") only locates what changed hands."""
    cues = art.cues
    return place.whole_district and (cues.container_before.search(
        art.text, max(sent.start, place.start - VAGUE_WINDOW), place.start) is not None
        or cues.container_after.match(art.text, _after_gap(art.text, place.end), sent.end)
        is not None)


def _after_gap(text: str, at: int) -> int:
    """The position after the spaces and hyphens that start text[at:]."""
    while at < len(text) and text[at] in " -\u00a0":
        at += 1
    return at


def _recalled(art: Article, cue: Cue | None) -> bool:
    """Whether the cue names a change only recalled: "a year after the liberation of"."""
    if cue is None:
        return False
    cues, text = art.cues, art.text
    return bool(cues.recalled_before.search(text[max(0, cue.start - RECALL_WINDOW):cue.start])
                or cues.recalled_after.match(text[cue.end:cue.end + RECALL_WINDOW]))


def _undated_news(c: Candidate, dm: DateMention | None) -> bool:
    """A change of control in a sentence about something else (an anniversary, demining)
    counts only with a day written in full, year included (or given the year of a full date
    beside it): "on Tuesday" or "20 November" date the ceremony."""
    return c.event.type in CHANGES and (
        dm is None or dm.relative or dm.date.precision is not Precision.DAY
        or not (_YEAR.search(dm.text) or dm.anchored))
