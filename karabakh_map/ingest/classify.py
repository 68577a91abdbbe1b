"""Sentence-level event extraction: what happened (or was scheduled) where, and when.

Per sentence: the war's course and agreements first (they claim their dates), then territory
events for each place that belongs to a district (the nearest cue before the place, else after
it, decides the type), then side events (displacement, return, destruction, peacekeepers,
politics). Dates come from the same sentence; when none fits, the article date is used only
for present-tense handovers. Inside quoted speech only dated events count: a speaker's "we
have returned X" says nothing about when.

Postponements follow the store's convention (karabakh_map.store.merge): the event's date is
when it was decided (unknown, no later than the deadline it moved or the article), with
`previous_deadline` (the deadline of that place the article gave last) and `deadline` (a day
stated after the cue, else the previous deadline plus the delay, e.g. "by one week").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from karabakh_map.ingest import keywords as kw
from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.notes import format_date, make_note, where
from karabakh_map.ingest.places import PlaceMention
from karabakh_map.ingest.sentences import sentence_spans
from karabakh_map.model import EventType, ExtractedEvent, FuzzyDate, Precision

CUE_BEFORE = 80  # characters between a cue and the place it governs
CUE_AFTER = 100
DATE_GAP = 120
_TERRITORY_TYPES = {EventType.TRANSFER, EventType.SCHEDULED, EventType.CAPTURE}
_GROUP_GAP = re.compile(r"^\s*(?:,|and|, and|-|–|—|or|\(|\))?\s*(?:the\s+)?"
                        r"(?:(?:districts?|regions?)\s+(?:of\s+)?)?$", re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30}
_DELAY = re.compile(r"\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+(?:more\s+|additional\s+|"
                    r"extra\s+)?(days?|weeks?)\b", re.IGNORECASE)
_CLASH = re.compile(r"\b(?:clash\w*|fighting|hostilities|war|conflict|offensive|battles?|"
                    r"combat)\b", re.IGNORECASE)
_M = TypeVar("_M", PlaceMention, DateMention)
_ALIAS_GAP = re.compile(r"^[\s,(]*(?:also\s+known\s+as|or|aka|known\s+as)?[\s,(]*$",
                        re.IGNORECASE)


@dataclass
class Candidate:
    """An extracted event and whether its date was written in the text."""

    event: ExtractedEvent
    explicit: bool


@dataclass
class _Ctx:
    text: str
    published: date | None
    dates: list[DateMention]
    consumed: set[int] = field(default_factory=set)  # start offsets of dates already used
    agreement_day: date | None = None
    last_target: PlaceMention | None = None
    out: list[Candidate] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    deadlines: dict[str, date] = field(default_factory=dict)  # place id -> last deadline

    def quoted(self, pos: int) -> bool:
        # quote spans are sorted and disjoint: only the last one opening at or before pos
        i = bisect_right(self.quotes, (pos, float("inf"))) - 1
        return i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]


def extract_events(text: str, places: list[PlaceMention], dates: list[DateMention],
                   published: date | None) -> list[Candidate]:
    """Events reported by the article `text` (cleaned), in text order."""
    ctx = _Ctx(text, published, dates, quotes=quote_spans(text))
    # Mentions come sorted by start: each sentence takes its slice by bisection (a filter
    # over all mentions per sentence made a 5 MB file take minutes).
    place_starts = [p.start for p in places]
    date_starts = [d.start for d in dates]
    for s0, s1 in sentence_spans(text):
        sp = [p for p in _starting_in(places, place_starts, s0, s1) if p.end <= s1]
        sd = [d for d in _starting_in(dates, date_starts, s0, s1) if d.end <= s1]
        _clashes(ctx, s0, s1, sp, sd)
        _agreements(ctx, s0, s1, sd)
        targets = _merge_aliases(text, [p for p in sp if p.district_id])
        _territory(ctx, s0, s1, targets, sd)
        _side_events(ctx, s0, s1, sp, sd)
        if targets:
            ctx.last_target = targets[-1]
    return ctx.out


# --- helpers ---------------------------------------------------------------------------------

def _starting_in(items: list[_M], starts: list[int], s0: int, s1: int) -> list[_M]:
    """The items whose start lies in [s0, s1); `starts` is their sorted list of starts."""
    return items[bisect_left(starts, s0):bisect_left(starts, s1)]


_QUOTE_MARK = re.compile("[“”\"]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech, paired within each line (“…”, "…", or the two mixed)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        opened: int | None = None
        for m in _QUOTE_MARK.finditer(line):  # only quote marks change the state
            i, ch = m.start(), m.group()
            if ch == "“" and opened is None:
                opened = i
            elif ch in "”\"" and opened is not None:
                spans.append((pos + opened, pos + i + 1))
                opened = None
            elif ch == "\"":
                opened = i
        pos += len(line) + 1
    return spans


def _fallback(ctx: _Ctx) -> FuzzyDate:
    """Undated report: unknown date, no later than the article."""
    return FuzzyDate(Precision.UNKNOWN, None, ctx.published)


def _emit(ctx: _Ctx, kind: EventType, fd: FuzzyDate, explicit: bool, place: PlaceMention | None,
          s0: int, s1: int, **extra: object) -> None:
    note_args = extra.pop("note_args", {})
    territory = kind in (EventType.TRANSFER, EventType.SCHEDULED, EventType.POSTPONEMENT,
                         EventType.CAPTURE)
    place_label = where(place.name if place else None, place.district_id if place else None,
                        territory=territory)
    note = make_note(kind, place=place_label, date=fd,
                     controller=extra.get("controller"),  # type: ignore[arg-type]
                     figures=extra.get("figures"), **note_args)  # type: ignore[arg-type]
    ev = ExtractedEvent(type=kind, date=fd, place_id=place.place_id if place else None,
                        district_id=place.district_id if place else None, note=note,
                        start=s0, end=s1, **extra)  # type: ignore[arg-type]
    ctx.out.append(Candidate(ev, explicit))


def _merge_aliases(text: str, targets: list[PlaceMention]) -> list[PlaceMention]:
    """'Kalbajar, also known as Karvachar' is one mention."""
    out: list[PlaceMention] = []
    for p in targets:
        if (out and out[-1].place_id == p.place_id
                and _ALIAS_GAP.match(text[out[-1].end:p.start])):
            continue
        out.append(p)
    return out


def _groups(text: str, targets: list[PlaceMention]) -> list[list[PlaceMention]]:
    """Lists such as 'Aghdam, Kalbajar and Lachin' share one verb and one date."""
    groups: list[list[PlaceMention]] = []
    for p in targets:
        if groups and _GROUP_GAP.match(text[groups[-1][-1].end:p.start]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _cues(text: str, s0: int, s1: int) -> list[tuple[int, int, EventType]]:
    sentence = text[s0:s1]
    cues: list[tuple[int, int, EventType]] = []
    for kind, pattern in kw.TERRITORY:
        for m in pattern.finditer(sentence):
            a, b = s0 + m.start(), s0 + m.end()
            if kind is EventType.TRANSFER:
                before = text[max(s0, a - 40):a]
                if kw.MODAL_BEFORE.search(before):
                    kind_here = EventType.SCHEDULED
                elif m.group().lower().startswith("returned") and kw.PEOPLE_BEFORE.search(
                        text[max(s0, a - 60):a]):
                    continue
                else:
                    kind_here = kind
            else:
                kind_here = kind
            cues.append((a, b, kind_here))
    return sorted(cues)


def _other_clause(gap: str) -> bool:
    """'Lachin — as part of the deal that had reclaimed ...': the cue belongs to another noun."""
    if re.search(r"[—()]|\bas part of\b", gap):
        return True
    rel = re.search(r"\b(?:that|which|who)\b", gap)
    return bool(rel) and not re.match(
        r"^\W*(?:district|region|town|city|province)?\W*(?:that|which|who)\b", gap, re.I)


def _actor_controller(text: str, s0: int, cue_start: int, cue: str, year: int | None) -> str:
    if "occup" in cue.lower():
        return "Armenian forces"
    window = text[max(s0, cue_start - 60):cue_start]
    az = [m.start() for m in kw.AZ_ACTOR.finditer(window)]
    am = [m.start() for m in kw.AM_ACTOR.finditer(window)]
    if az or am:
        return "Azerbaijan" if max(az, default=-1) > max(am, default=-1) else "Armenian forces"
    return "Armenian forces" if year is not None and year < 2000 else "Azerbaijan"


# --- agreements ------------------------------------------------------------------------------

def _agreements(ctx: _Ctx, s0: int, s1: int, sd: list[DateMention]) -> None:
    """Ceasefires and agreements with the date each report gives them (no place: the
    agreement concerns the whole conflict)."""
    text = ctx.text
    for d in sd:  # dates of the war's course ("kicked off on September 27") are not handovers
        if kw.OTHER_EVENT_DATE.search(text[max(s0, d.start - 30):d.start]):
            ctx.consumed.add(d.start)
    sentence = text[s0:s1]
    if not kw.AGREEMENT_NOUN.search(sentence):
        return
    anchors = [s0 + m.start() for m in kw.AGREEMENT_VERB.finditer(sentence)]
    # "a ceasefire in 1994" / "the ceasefire on November 10" need no verb
    for m in kw.AGREEMENT_NOUN.finditer(sentence):
        if re.match(r"\s+(?:in|on|of)\s+\S", sentence[m.end():]):
            anchors.append(s0 + m.start())
    for a in sorted(set(anchors)):
        free = [d for d in sd if d.start not in ctx.consumed and d.date.precision is not
                Precision.UNKNOWN and d.qualifier != "by"]
        after = [d for d in free if d.start >= a and d.start - a <= 60]
        before = [d for d in free if d.end <= a and a - d.end <= 60
                  and not kw.AGREEMENT_NOUN.search(text[d.end:a])]
        d = after[0] if after else (before[-1] if before else None)
        if d is None:
            continue
        ctx.consumed.add(d.start)
        if d.date.precision is Precision.DAY and ctx.agreement_day is None:
            ctx.agreement_day = d.date.earliest
        russia = bool(kw.RUSSIA.search(sentence))
        _emit(ctx, EventType.AGREEMENT, d.date, True, None, s0, s1,
              actor1="Armenia", actor2="Azerbaijan", note_args={"russia": russia})


# --- territory -------------------------------------------------------------------------------

def _territory(ctx: _Ctx, s0: int, s1: int, targets: list[PlaceMention],
               sd: list[DateMention]) -> None:
    text = ctx.text
    sentence = text[s0:s1]
    postponed = kw.POSTPONE.search(sentence)
    if not targets:
        if postponed and ctx.last_target is not None:
            _postponement(ctx, s0, s1, ctx.last_target, sd, None)
        return
    cues = _cues(text, s0, s1)
    groups = _groups(text, targets)
    free = [d for d in sd if d.start not in ctx.consumed]
    prev_kind: EventType | None = None
    boundary = s0
    for gi, group in enumerate(groups):
        first, last = group[0], group[-1]
        nxt = groups[gi + 1][0].start if gi + 1 < len(groups) else s1
        # "returned to X" before a place is people moving, not X changing hands
        before = [c for c in cues if boundary <= c[0] and c[1] <= first.start
                  and first.start - c[1] <= CUE_BEFORE and c[2] in _TERRITORY_TYPES
                  and not text[c[0]:c[1]].lower().startswith("returned")]
        after = [c for c in cues if c[0] >= last.end and c[1] <= nxt
                 and c[0] - last.end <= CUE_AFTER and c[2] in _TERRITORY_TYPES
                 and not _other_clause(text[last.end:c[0]])]
        cue = before[-1] if before else (after[0] if after else None)
        kind = cue[2] if cue else prev_kind
        d_after = [d for d in free if last.end <= d.start < nxt and d.start - last.end <= DATE_GAP]
        d_before = [d for d in free if boundary <= d.start and d.end <= first.start
                    and first.start - d.end <= DATE_GAP]
        d_cue = [d for d in free if cue is not None and cue[1] <= d.start < nxt
                 and d.start - cue[1] <= 40]
        dm = next(iter(d_after or d_before[-1:] or d_cue), None)
        boundary = dm.end if dm is not None and dm.start >= last.end else last.end
        if kind is None:
            for place in group if postponed else ():
                _postponement(ctx, s0, s1, place, sd, None)
            continue
        prev_kind = kind
        superseded = bool(postponed) and kind is EventType.SCHEDULED
        members = group
        if kind is EventType.SCHEDULED and len(group) > 1 and dm is not None \
                and dm.qualifier == "by":
            # "return A, B and C by D": D is the deadline of the list as a whole, i.e. of
            # the last handover; the others may well have been due earlier.
            members = group[-1:]
        for place in members:
            _territory_event(ctx, s0, s1, kind, place, dm, cue, superseded)
        if postponed:
            for place in group:
                _postponement(ctx, s0, s1, place, sd, dm)


def _territory_event(ctx: _Ctx, s0: int, s1: int, kind: EventType, place: PlaceMention,
                     dm: DateMention | None, cue: tuple[int, int, EventType] | None,
                     superseded: bool) -> None:
    text = ctx.text
    cue_text = text[cue[0]:cue[1]] if cue else ""
    if dm is not None and dm.date.precision is not Precision.UNKNOWN:
        fd, explicit = dm.date, True
    elif dm is not None:
        fd, explicit = dm.date, True  # relative date without an article date: kept as unknown
    elif (kind is EventType.TRANSFER and ctx.published is not None and cue is not None
          and kw.PRESENT.match(cue_text)
          and not kw.PERFECT_BEFORE.search(text[max(s0, cue[0] - 20):cue[0]])):
        fd, explicit = FuzzyDate.day(ctx.published), False  # a headline's "enters"
    elif kind is EventType.TRANSFER:
        fd, explicit = _fallback(ctx), False
    else:
        return  # a schedule or a capture without its date says nothing we can place in time
    if not explicit and ctx.quoted(cue[0] if cue else place.start):
        return
    year = fd.earliest.year if fd.earliest else None
    if place.district_id == "lachin-corridor":
        controller = "Russian peacekeepers"
    elif kind is EventType.CAPTURE or (year is not None and year < 2020):
        controller = _actor_controller(text, s0, cue[0] if cue else s0, cue_text, year)
    else:
        controller = "Azerbaijan"  # the handovers of the 2020 statement
    other = "Armenia" if controller == "Azerbaijan" else "Azerbaijan"
    announced = deadline = None
    if kind is EventType.SCHEDULED:
        announced = ctx.agreement_day if (ctx.agreement_day and fd.earliest and
                                          ctx.agreement_day <= fd.earliest) else ctx.published
        if fd.precision is Precision.DAY:
            deadline = fd.latest
            ctx.deadlines[place.place_id] = fd.latest  # type: ignore[assignment]
    _emit(ctx, kind, fd, explicit, place, s0, s1, actor1=controller, actor2=other,
          controller=controller, announced=announced, deadline=deadline,
          note_args={"superseded": superseded,
                     "deadline": kind is EventType.SCHEDULED and dm is not None
                     and dm.qualifier in ("by", "before", "until")})


def _postponement(ctx: _Ctx, s0: int, s1: int, place: PlaceMention, sd: list[DateMention],
                  original: DateMention | None) -> None:
    text = ctx.text
    m = kw.POSTPONE.search(text[s0:s1])
    cue = s0 + m.start() if m else s0
    later = [d for d in sd if d.start > cue and d is not original
             and d.start not in ctx.consumed and d.date.precision is Precision.DAY]
    previous = None
    if original is not None and original.date.precision is Precision.DAY:
        previous = original.date.latest
    elif place.place_id in ctx.deadlines:
        previous = ctx.deadlines[place.place_id]
    figures: dict[str, int] = {}
    delay = _DELAY.search(text, max(s0, cue - 40), s1)
    if delay:
        n = delay.group(1).lower()
        days = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        figures["days_added"] = days * (7 if delay.group(2).lower().startswith("week") else 1)
    if later:
        deadline = later[0].date.latest
    elif previous is not None and figures:
        deadline = previous + timedelta(days=figures["days_added"])
    else:
        deadline = None
    detail_parts = []
    if previous is not None:
        detail_parts.append(f"from {format_date(FuzzyDate.day(previous))}")
    if deadline is not None:
        detail_parts.append(f"to {format_date(FuzzyDate.day(deadline))}")
    bound = ctx.published
    if previous is not None and (bound is None or previous < bound):
        bound = previous
    fd = FuzzyDate(Precision.UNKNOWN, None, bound)
    _emit(ctx, EventType.POSTPONEMENT, fd, False, place, s0, s1, actor1="Azerbaijan",
          deadline=deadline, previous_deadline=previous, figures=figures,
          note_args={"detail": " ".join(detail_parts)})


# --- the war's course ------------------------------------------------------------------------

def _clashes(ctx: _Ctx, s0: int, s1: int, sp: list[PlaceMention],
             sd: list[DateMention]) -> None:
    """'Fighting broke out on 27 September in the region': an armed clash at the region."""
    text = ctx.text
    if not _CLASH.search(text[s0:s1]):
        return
    regions = [p for p in sp if p.kind == "region" and p.district_id is None]
    for d in sd:
        if d.start in ctx.consumed or d.date.precision is Precision.UNKNOWN:
            continue
        if not kw.OTHER_EVENT_DATE.search(text[max(s0, d.start - 30):d.start]):
            continue
        ctx.consumed.add(d.start)
        if not regions:
            continue
        place = min(regions, key=lambda p: abs(p.start - d.start))
        _emit(ctx, EventType.CLASH, d.date, True, place, s0, s1)


# --- side events -----------------------------------------------------------------------------

def _side_events(ctx: _Ctx, s0: int, s1: int, sp: list[PlaceMention],
                 sd: list[DateMention]) -> None:
    text = ctx.text
    sentence = text[s0:s1]
    seen_people = False
    for kind, pattern in kw.SIDE:
        m = pattern.search(sentence)
        if m is None:
            continue
        if kind is EventType.DISPLACEMENT and seen_people:
            continue  # "bussed back residents who had fled" is a return
        if kind is EventType.RETURN:
            seen_people = True
        cue = s0 + m.start()
        place = _nearest_place(sp, cue, prefer_corridor=kind is EventType.PEACEKEEPERS)
        figures: dict[str, int] = {}
        approximate = False
        if kind is EventType.PEACEKEEPERS:
            fm = kw.TROOPS.search(sentence)
            if fm:
                figures["peacekeepers"] = int(fm.group(2).replace(",", ""))
                approximate = bool(fm.group(1))
                place = place or ctx.last_target
            elif not re.search(r"deploy|stationed|took under control|arriv", sentence, re.I):
                continue
            elif place is not None and place.district_id != "lachin-corridor" \
                    and place.kind not in ("region", "city"):
                continue  # "peacekeepers to the region ... the town of X": X is not where
            if place is None:
                continue
        elif kind in (EventType.DISPLACEMENT, EventType.RETURN):
            fm = _people_figure(sentence, m.start(), m.end())
            if fm:
                figures["people"] = int(fm.group(2).replace(",", ""))
                approximate = bool(fm.group(1))
        free = [d for d in sd if d.start not in ctx.consumed
                and d.date.precision is not Precision.UNKNOWN]
        dm = min(free, key=lambda d: abs(d.start - cue)) if free else None
        if kind is EventType.POLITICAL and place is None and dm is None:
            continue
        if kind in (EventType.DISPLACEMENT, EventType.RETURN, EventType.DESTRUCTION) \
                and place is None:
            continue
        fd, explicit = (dm.date, True) if dm else (_fallback(ctx), False)
        if not explicit and ctx.quoted(cue):
            continue
        extra: dict[str, object] = {"figures": figures}
        if kind is EventType.PEACEKEEPERS:
            extra.update(actor1="Russian peacekeepers")
            if place is not None and place.district_id == "lachin-corridor":
                extra["controller"] = "Russian peacekeepers"
        _emit(ctx, kind, fd, explicit, place, s0, s1,
              note_args={"approximate": approximate,
                         "detail": _political_label(m.group())
                         if kind is EventType.POLITICAL else ""}, **extra)


def _political_label(cue: str) -> str:
    cue = cue.lower()
    for stem, label in (("resign", "a resignation"), ("protest", "protests"),
                        ("demonstrat", "protests"), ("parliament", "a parliamentary vote"),
                        ("election", "an election"), ("sworn", "a swearing-in"),
                        ("impeach", "an impeachment")):
        if cue.startswith(stem):
            return label
    return "unspecified"


def _people_figure(sentence: str, a: int, b: int) -> re.Match[str] | None:
    """A head count tied to the cue: within it or just after it."""
    return kw.PEOPLE.search(sentence[a:b + 60])


def _nearest_place(sp: list[PlaceMention], pos: int, *, prefer_corridor: bool
                   ) -> PlaceMention | None:
    if not sp:
        return None
    if prefer_corridor:
        corridor = [p for p in sp if p.district_id == "lachin-corridor"]
        if corridor:
            return corridor[0]
    # Capitals far away (Moscow, Paris) name actors, not where things happen.
    local = [p for p in sp if p.country in (None, "AZ", "AM")]
    pool = [p for p in local if p.district_id] or local
    return min(pool, key=lambda p: abs(p.start - pos)) if pool else None
