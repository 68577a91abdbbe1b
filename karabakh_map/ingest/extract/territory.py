"""Territory per sentence: which places changed hands, were due to, or saw their deadline moved.

Each group of places ("Aghdam, Kalbajar and Lachin") takes the nearest territory cue before it
(else the first after it, in the same clause) and one date; a group without a cue takes the
previous group's type. The events themselves come from `control` (transfers, captures,
scheduled handovers) and `deadlines` (postponements).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

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
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.model import CORRIDOR_ID, EventType, Precision, Stance

CUE_BEFORE = 80  # characters between a cue and the place it governs
CUE_AFTER = 100
DATE_GAP = 120  # characters between a group of places and its date
_YEAR = re.compile(r"\d{4}")
_CLAUSE_END = re.compile(r"[,;:]")
# a date's case ending or postposition ("-dək", "'a kadar"), then the place
_ATTACHED = re.compile(r"^(?:[-'’]\w{0,5})?\s+(?:\w{2,5}\s+)?$")
_WORD = re.compile(r"[^\W\d_]{2,}")
REFERENCE_GAP = 300  # characters from the last place to a sentence that may refer to it
CUE_DATE_GAP = 40  # ... or between the group's cue and its date
MODAL_WINDOW = 40  # characters before a transfer cue that may make it a schedule
PEOPLE_WINDOW = 60  # characters before "returned" that may make it people coming back
CONTAINER_GAP = 40  # characters between a place and the district it is said to lie in
NAMED_GAP = 12  # characters from "villages" to the first village it names ("of ")
VAGUE_WINDOW = 50  # characters around a place that may make it the frame of a vaguer area
RECALL_WINDOW = 40  # characters around a cue that may say the change is only recalled
HANDOVER_KINDS = frozenset({EventType.TRANSFER, EventType.SCHEDULED, EventType.CAPTURE})
CHANGES = frozenset({EventType.TRANSFER, EventType.CAPTURE})
DEADLINE_BOUNDS = ("by", "until")  # a date so qualified is a deadline
REFERRED = frozenset({EventType.TRANSFER, EventType.SCHEDULED})  # kinds found by reference
TOWN_KINDS = ("town", "city")  # ... and a capture, when the sentence says "the town"
STORY_GAP = 700  # characters from a dated change to an undated one continuing its story
DUE_AHEAD = timedelta(days=90)  # a handover dated up to this far after the article is due then


@dataclass(frozen=True)
class Reading:
    """One group of places with its type (None: no cue), cue and date as the sentence gives."""

    places: tuple[PlaceMention, ...]
    kind: EventType | None
    cue: Cue | None
    date: DateMention | None


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
    """'(A, B and C) in Khojavend district were freed': a whole district after "in" only
    locates what changed hands."""
    return place.whole_district and art.cues.container_before.search(
        art.text, max(sent.start, place.start - VAGUE_WINDOW), place.start) is not None


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


def read_groups(art: Article, sent: Sentence, places: list[PlaceMention],
                taken: frozenset[int]) -> list[Reading]:
    """Each group of places with the cue, type and date that govern it."""
    text, s0, s1 = art.text, sent.start, sent.end
    cues = find_cues(art, sent)
    groups = _groups(art, places)
    free = free_dates(sent, taken)
    out: list[Reading] = []
    prev_kind: EventType | None = None
    boundary = s0
    # "On 26 August, X entered A and took B": a sentence's only date, before all its places,
    # dates every group that has none of its own
    opening = free if len(free) == 1 and groups and free[0].end <= groups[0][0].start else []
    for gi, group in enumerate(groups):
        first, last = group[0], group[-1]
        nxt = groups[gi + 1][0].start if gi + 1 < len(groups) else s1
        # "returned to X" before a place is people moving, not X changing hands
        before = [c for c in cues if boundary <= c.start and c.end <= first.start
                  and first.start - c.end <= CUE_BEFORE and c.kind in HANDOVER_KINDS
                  and not art.cues.people_verb.match(text[c.start:c.end])]
        # verb-final languages: the clause's verb after every group governs them all
        end = s1 if art.cues.verb_final else nxt
        after = [c for c in cues if c.start >= last.end and c.end <= end
                 and c.start - last.end <= CUE_AFTER * (2 if art.cues.verb_final else 1)
                 and c.kind in HANDOVER_KINDS and not _other_clause(art, text[last.end:c.start])]
        # "liberated villages occupied by X, including P": the occupation participle
        # describes the villages; the liberation is P's event
        active = [c for c in before if not art.cues.occupation.search(text[c.start:c.end])]
        if before and active and before[-1] not in active:
            before = active
        elif before and not active and art.cues.verb_final and after:
            # "1993'te işgal edilen X, geçen yıl 4 Ekim'de kurtarıldı": the participle before
            # describes X; the verb after is its event
            before = []
        cue = before[-1] if before else (after[0] if after else None)
        if cue is None and not art.cues.verb_final:
            # "muss A bis zum 15., B bis zum 20. und C bis zum 1. übergeben": a list of
            # places each due by its day shares the schedule verb closing the clause
            due = [d for d in free if d.qualifier in DEADLINE_BOUNDS
                   and last.end <= d.start < nxt and d.start - last.end <= DATE_GAP]
            later = [c for c in cues if c.start >= last.end
                     and c.kind in (EventType.SCHEDULED, EventType.TRANSFER)]
            cue = later[0] if due and later else None
        kind = cue.kind if cue else prev_kind
        # verb-final: the verb of a done change closes its clause (a date after it is the
        # next clause's); a schedule's noun ("devir tarihi 15 Kasım") runs to the comma
        verb_end = s1
        if art.cues.verb_final and cue is not None and cue.start >= last.end:
            stop = _CLAUSE_END.search(text, cue.end, s1)
            verb_end = cue.end if kind in CHANGES else stop.start() if stop else s1
        # "ceded X, captured by its forces in 1993": a date after another cue is that cue's
        d_after = [d for d in free if last.end <= d.start < min(nxt, verb_end)
                   and d.start - last.end <= DATE_GAP
                   and not (kind in CHANGES and _ahead(art, d))
                   and (art.cues.verb_final or cue is None or cue.start >= last.end
                        or not any(last.end <= c.start < d.start for c in cues))]
        d_before = [d for d in free if boundary <= d.start and d.end <= first.start
                    and first.start - d.end <= DATE_GAP]
        d_cue = [d for d in free if cue is not None and cue.end <= d.start < min(nxt, verb_end)
                 and d.start - cue.end <= CUE_DATE_GAP
                 and not any(cue.end <= c.start < d.start for c in cues)]
        dm = next(iter(d_after or d_before[-1:] or d_cue or opening), None)
        if art.cues.verb_final and d_before and _ATTACHED.match(
                text[d_before[-1].end:first.start]):
            # "15 Kasıma dek Kelbecer'i, 20 Kasıma dek Ağdam'ı ...": in a verb-final
            # language the date right before a place is its own; the one after, the next's
            dm = d_before[-1]
        if dm is None and art.cues.verb_final and cue is not None and cue.start >= last.end:
            # "A town and its villages B and C today passed to X": the date before the verb
            # all the groups share is theirs
            shared = [d for d in free if last.end <= d.start and d.end <= cue.start
                      and d.start - last.end <= DATE_GAP
                      and not (kind in CHANGES and _ahead(art, d))]
            dm = shared[-1] if shared else None
        if dm is None and cue is not None and len(groups) == 1 and len(free) == 1 \
                and not art.cues.verb_final and free[0].start >= cue.end \
                and free[0].start - last.end <= 2 * DATE_GAP \
                and not any(cue.end <= c.start < free[0].start for c in cues) \
                and not (kind in CHANGES and _ahead(art, free[0])):
            # "X was left by the troops, the general told the press on 20 November": the
            # sentence's one date, after its one cue, dates its one group
            dm = free[0]
        if dm is None and kind is EventType.TRANSFER:
            # "the deadline for the handover of X is 15 November": a handover dated after the
            # article is due then, not done
            ahead = [d for d in free if last.end <= d.start < nxt
                     and d.start - last.end <= DATE_GAP and _due(art, d)]
            dm = ahead[0] if ahead else None
        if dm is not None and kind is EventType.TRANSFER and _due(art, dm):
            kind = EventType.SCHEDULED
        boundary = dm.end if dm is not None and dm.start >= last.end else last.end
        out.append(Reading(tuple(group), kind, cue, dm))
        prev_kind = kind
    return out


def _ahead(art: Article, d: DateMention) -> bool:
    """Whether a date lies after the article: it cannot date a change already made ("on
    Friday Aghdam went over, on 1 December Lachin is to follow")."""
    return (art.published is not None and d.date.earliest is not None
            and d.date.earliest > art.published)


def _due(art: Article, d: DateMention) -> bool:
    """Whether a date lies after the article, within DUE_AHEAD: a handover's deadline (a day
    years ahead is a typo, kept apart by the article's check)."""
    return _ahead(art, d) and art.published is not None and d.date.earliest is not None \
        and d.date.earliest <= art.published + DUE_AHEAD


def find_cues(art: Article, sent: Sentence) -> list[Cue]:
    """The sentence's territory cues in text order; a transfer cue after a modal is a
    schedule, and "returned" after a people noun is no cue at all."""
    cues, text, s0 = art.cues, art.text, sent.start
    found: list[Cue] = []
    for kind, pattern in cues.territory:
        for m in pattern.finditer(sent.body):
            a, b = s0 + m.start(), s0 + m.end()
            if kind is EventType.TRANSFER:
                if cues.modal_before.search(text[max(s0, a - MODAL_WINDOW):a]):
                    found.append(Cue(a, b, EventType.SCHEDULED))
                    continue
                if cues.people_verb.match(m.group()) and cues.people_before.search(
                        text[max(s0, a - PEOPLE_WINDOW):a]):
                    continue
            found.append(Cue(a, b, kind))
    if cues.postpone.search(sent.body):  # a handover whose date moved is not done then
        found = [Cue(c.start, c.end, EventType.SCHEDULED) if c.kind is EventType.TRANSFER
                 else c for c in found]
    # Overlapping cues ("übergeben werden", "teslim edilecek" read as both): a schedule
    # wins, else the longer cue.
    found.sort(key=lambda c: (c.kind is not EventType.SCHEDULED, c.start - c.end))
    out: list[Cue] = []
    for c in found:
        if all(c.end <= o.start or o.end <= c.start for o in out):
            out.append(c)
    return sorted(out)


def _groups(art: Article, places: list[PlaceMention]) -> list[list[PlaceMention]]:
    """Lists such as 'Aghdam, Kalbajar and Lachin' share one verb and one date."""
    groups: list[list[PlaceMention]] = []
    for p in places:
        if groups and art.cues.group_gap.match(art.text[groups[-1][-1].end:p.start]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _other_clause(art: Article, gap: str) -> bool:
    """'Lachin — as part of the deal that had reclaimed ...': the cue belongs to another noun."""
    cues = art.cues
    if cues.other_clause.search(gap):
        return True
    return bool(cues.relative_pronoun.search(gap)) and not cues.relative_same_noun.match(gap)
