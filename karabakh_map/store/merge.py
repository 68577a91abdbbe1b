"""Pure rules for merging reports of one happening into one event.

Merge key (one event per key):
  type | district | part | who | when
- district: the district id (or "lachin-corridor"), else "-".
- part: which part of the district, so that a town's capture, a transfer of the whole district
  and one of a zone of it stay apart: the event's `part` (a zone flag) and its gazetteer place
  id, joined by "+", else "-".
- who: the controller (who holds the place afterwards), else "-" (always "-" for
  postponements). Other actors are left out: one report naming an actor and another not
  are still one happening.
- when: for scheduled handovers, the deadline as a day, because two different deadlines
  for one district are two different decisions; for postponements, "from:" and the
  deadline they replace, so every report of one postponement is one event whatever new
  deadline it gives ("from:?" when the report does not say which deadline moved; such a
  report joins the district's only postponement, if there is one); for every other type,
  the year of date_latest ("1992-2020" for a span over several years), or "undated".
  A report dated only "by" a day (earliest unknown: the article's date) whose key matches no
  event joins the one event of the same type, where and who of any year that may have
  happened by then, if there is exactly one (store/reports.py).

Postponement convention: its own date is when it was decided or reported; `deadline` is the
new deadline, `previous_deadline` the one it replaces. Reports that give different new
deadlines (7 or 10 more days) make the event disputed; its deadline is then the latest
reported one (the handover is not overdue before it), and every report is kept.

Stance: a claim and the other side's denial of it (same type, part and date) share a key, so
they are one event; it is `denied` when a report denies it and none confirms it (the loser
admitting the change outweighs its earlier denials). `denied` is not `disputed`, which says
the sources differ on a date or a figure.

A curated catalogue may give its own key (store.write_article's `keys`): it says which
reports are one event where the rule above would join two (a claim and its later
confirmation in the same year).

Dates: each report is a constraint "it happened between earliest and latest". When all
reports overlap, the event's date is their intersection (the most precise date they all
allow: "by 10 Nov" and "on 10 Nov" give 10 Nov). When two reports cannot both be true
(9 Nov against 10 Nov), the event is disputed and its date becomes the span of the most
precise reports, with precision "range". A report with only a latest date ("no later than
the article") narrows the end of the date but cannot dispute it. Figures that differ
between reports (1,960 against 2,000) also make the event disputed. Every report stays in
event_sources either way.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from karabakh_map.model import (
    DEADLINE_TYPES,
    EventType,
    ExtractedEvent,
    FuzzyDate,
    Precision,
    Stance,
)

LONG_SPAN_DAYS = 31


UNKNOWN_PREVIOUS = "from:?"


def deadline_of(ev: ExtractedEvent) -> date | None:
    """The deadline a report gives: its `deadline`, else a scheduled handover's day."""
    if ev.deadline is not None:
        return ev.deadline
    if ev.type is EventType.SCHEDULED and ev.date.precision is Precision.DAY:
        return ev.date.latest
    return None


def merge_key(ev: ExtractedEvent) -> str:
    """The key under which reports of one happening are merged (see module docstring)."""
    district = ev.district_id or "-"
    part = "+".join(p for p in (ev.part, ev.place_id) if p) or "-"
    who = ev.controller or "-"
    latest = ev.date.latest
    if ev.type is EventType.POSTPONEMENT:
        who = "-"
        prev = ev.previous_deadline
        when = f"from:{prev.isoformat()}" if prev else UNKNOWN_PREVIOUS
    elif ev.type is EventType.SCHEDULED and deadline_of(ev) is not None:
        when = deadline_of(ev).isoformat()  # type: ignore[union-attr]
    elif latest is None:
        when = "undated"
    elif ev.type in DEADLINE_TYPES:
        when = latest.isoformat()
    elif ev.date.earliest and ev.date.earliest.year != latest.year:
        when = f"{ev.date.earliest.year}-{latest.year}"
    else:
        when = str(latest.year)
    return "|".join([str(ev.type), district, part, who.casefold(), when])


@dataclass(frozen=True)
class Combined:
    """An event's date and dispute state computed from all its reports."""

    date: FuzzyDate
    disputed: bool
    dispute_note: str
    denied: bool = False


def is_denied(stances: Sequence[str]) -> bool:
    """A claim the other side denied: some report denies it and none confirms it."""
    return Stance.DENIES in stances and Stance.CONFIRMS not in stances


def precision_of(earliest: date, latest: date) -> Precision:
    """Name the precision of a closed date interval (day, whole month, whole year, or range)."""
    if earliest == latest:
        return Precision.DAY
    same_month = (earliest.year, earliest.month) == (latest.year, latest.month)
    month_end = calendar.monthrange(latest.year, latest.month)[1]
    if same_month and earliest.day == 1 and latest.day == month_end:
        return Precision.MONTH
    if (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31) and (
        earliest.year == latest.year
    ):
        return Precision.YEAR
    return Precision.RANGE


def date_text(d: FuzzyDate) -> str | None:
    """ISO-like text of a date as the store and exports carry it: 2020-11-20, 2020-11, 1993,
    or an interval 2020-09-27/2020-11-10 (None when unknown). Prose notes use
    karabakh_map.ingest.notes.format_date."""
    if d.earliest is None or d.latest is None:
        return None
    if d.precision is Precision.DAY:
        return d.earliest.isoformat()
    if d.precision is Precision.MONTH:
        return d.earliest.isoformat()[:7]
    if d.precision is Precision.YEAR:
        return str(d.earliest.year)
    return f"{d.earliest.isoformat()}/{d.latest.isoformat()}"


def parse_date(text: str | None) -> FuzzyDate:
    """Inverse of date_text (also accepts None for unknown)."""
    if not text:
        return FuzzyDate(Precision.UNKNOWN)
    if "/" in text:
        a, b = text.split("/", 1)
        e, lt = date.fromisoformat(a), date.fromisoformat(b)
        return FuzzyDate(precision_of(e, lt), e, lt)
    parts = text.split("-")
    if len(parts) == 1:
        y = int(parts[0])
        return FuzzyDate(Precision.YEAR, date(y, 1, 1), date(y, 12, 31))
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return FuzzyDate(
            Precision.MONTH, date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        )
    return FuzzyDate.day(date.fromisoformat(text))


def _fmt(e: date, lt: date) -> str:
    return date_text(FuzzyDate(precision_of(e, lt), e, lt)) or "?"


def minimal_ranges(known: Sequence[tuple[date, date]]) -> list[tuple[date, date]]:
    """The ranges of `known` (distinct, sorted) that contain no other one, in order.

    A range contains another when it starts no later and ends no earlier. Linear after the
    sort, not a comparison of every pair: an event with hundreds of distinct reported
    ranges is recomputed after every article that reports it."""
    keep: list[tuple[date, date]] = []
    later_end: date | None = None  # the earliest end of the ranges starting after this one
    i = len(known)
    while i > 0:
        start = known[i - 1][0]
        first = i - 1
        while first > 0 and known[first - 1][0] == start:
            first -= 1
        # Ranges sharing a start are sorted by end: the first contains none of them, and
        # contains none starting later when each of those ends after it.
        end = known[first][1]
        if later_end is None or later_end > end:
            keep.append(known[first])
        later_end = end if later_end is None else min(later_end, end)
        i = first
    return keep[::-1]


def combine(
    dates: Sequence[FuzzyDate], figures: Sequence[dict[str, int]] = (),
    deadlines: Sequence[date | None] = (), stances: Sequence[str] = (),
) -> Combined:
    """Combine the reports of one event into its date and dispute state (and, for
    postponements, disagreeing new deadlines), and whether it is a denied claim."""
    known = sorted({(d.earliest, d.latest) for d in dates if d.earliest and d.latest})
    # "No later than" reports (unknown date, latest only: an undated report bounded by
    # the article's own date) narrow the end but never make a dispute on their own.
    bounds = [d.latest for d in dates if d.latest and not d.earliest]
    notes: list[str] = []
    if not known:
        combined = (FuzzyDate(Precision.UNKNOWN, None, min(bounds)) if bounds
                    else FuzzyDate(Precision.UNKNOWN))
    else:
        lo = max(e for e, _ in known)
        hi = min(lt for _, lt in known)
        if lo <= hi:
            hi = min([hi, *(b for b in bounds if b >= lo)])
            combined = FuzzyDate(precision_of(lo, hi), lo, hi)
        else:
            # Keep only reports that do not contain a more precise one: the vague
            # "earlier this month" should not widen the span of 9 vs 10 November.
            minimal = minimal_ranges(known)
            e, lt = min(x for x, _ in minimal), max(y for _, y in minimal)
            combined = FuzzyDate(Precision.RANGE, e, lt)
            notes.append("date: " + " vs ".join(_fmt(a, b) for a, b in minimal))
    stated = sorted({d for d in deadlines if d is not None})
    if len(stated) > 1:
        notes.append("deadline: " + " vs ".join(d.isoformat() for d in stated))
    values: dict[str, set[int]] = {}
    for figs in figures:
        for name, value in figs.items():
            values.setdefault(name, set()).add(value)
    for name in sorted(values):
        if len(values[name]) > 1:
            notes.append(f"{name}: " + " vs ".join(f"{v:,}" for v in sorted(values[name])))
    return Combined(combined, bool(notes), "; ".join(notes), is_denied(stances))


# ACLED's event_type / sub_event_type for our types. Captures depend on who takes the
# ground: the government of the country it lies in regains it, anyone else overtakes it.
ACLED_TYPES: dict[str, tuple[str, str]] = {
    EventType.TRANSFER: ("Strategic developments", "Non-violent transfer of territory"),
    EventType.SCHEDULED: ("Strategic developments", "Agreement"),
    EventType.POSTPONEMENT: ("Strategic developments", "Other"),
    EventType.AGREEMENT: ("Strategic developments", "Agreement"),
    EventType.PEACEKEEPERS: ("Strategic developments", "Change to group/activity"),
    EventType.CAPTURE: ("Battles", "Non-state actor overtakes territory"),
    EventType.DISPLACEMENT: ("Strategic developments", "Other"),
    EventType.RETURN: ("Strategic developments", "Other"),
    EventType.DESTRUCTION: ("Strategic developments", "Looting/property destruction"),
    EventType.POLITICAL: ("Strategic developments", "Other"),
    EventType.CLASH: ("Battles", "Armed clash"),
    EventType.OFFENSIVE: ("Battles", "Armed clash"),
    EventType.CEASEFIRE: ("Strategic developments", "Agreement"),
    EventType.BLOCKADE: ("Strategic developments", "Other"),
    EventType.CHECKPOINT: ("Strategic developments", "Other"),
    EventType.REROUTE: ("Strategic developments", "Other"),
    EventType.DISSOLUTION: ("Strategic developments", "Other"),
}
GOVERNMENTS = {"AZ": "azerbaijan", "AM": "armenia"}


def acled_type(type_: str, controller: str | None, country: str | None) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for one of our event types."""
    event_type, sub = ACLED_TYPES[EventType(type_)]
    if type_ == EventType.CAPTURE and controller and country and (
        GOVERNMENTS.get(country) == controller.casefold()
    ):
        sub = "Government regains territory"
    return event_type, sub
