"""How a sentence's places group and which cue and date govern each group.

Each group of places ("Aghdam, Kalbajar and Lachin") takes the nearest territory cue before it
(else the first after it, in the same clause; in verb-final languages the clause's closing
verb) and one date; a group without a cue takes the previous group's type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.extract.context import Article, Cue, Sentence, free_dates
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.model import EventType

CUE_BEFORE = 80  # characters between a cue and the place it governs
CUE_AFTER = 100
DATE_GAP = 120  # characters between a group of places and its date
CUE_DATE_GAP = 40  # ... or between the group's cue and its date
MODAL_WINDOW = 40  # characters before a transfer cue that may make it a schedule
PEOPLE_WINDOW = 60  # characters before "returned" that may make it people coming back
HANDOVER_KINDS = frozenset({EventType.TRANSFER, EventType.SCHEDULED, EventType.CAPTURE})
CHANGES = frozenset({EventType.TRANSFER, EventType.CAPTURE})
DEADLINE_BOUNDS = ("by", "until")  # a date so qualified is a deadline
DUE_AHEAD = timedelta(days=90)  # a handover dated up to this far after the article is due then
_CLAUSE_END = re.compile(r"[,;:]")
# a date's case ending or postposition ("-dək", "'a kadar"), then the place
_ATTACHED = re.compile(r"^(?:[-'’]\w{0,5})?\s+(?:\w{2,5}\s+)?$")


@dataclass(frozen=True)
class Reading:
    """One group of places with its type (None: no cue), cue and date as the sentence gives."""

    places: tuple[PlaceMention, ...]
    kind: EventType | None
    cue: Cue | None
    date: DateMention | None


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
                  and not (c.kind is not EventType.CAPTURE  # "вернул себе X": taken back
                           and art.cues.people_verb.match(text[c.start:c.end]))]
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
