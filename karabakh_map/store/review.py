"""Review states and the edit log replayed over ingest's events: what an event is now, or
as it was known on a day.

An event's current state is what ingest made of its reports, with the analysts' edits
(store/edits.py, table event_edits) replayed in the order they were made:
- confirm / retract: its review state ('extracted' from ingest, 'confirmed', 'retracted').
- edit: field values that override what the reports say, whatever reports come later. An
  edit confirms an unreviewed event (an analyst looked at it).
- add: an event of the analyst's own (an events row with no reports), confirmed.
- merge: the other events' reports join this one; the others are gone from every view.
- split: the reports of some articles leave for a new event (an events row made for it).
Where an event's reports changed (merge, split, "as known on"), its date, deadline,
announcement, dispute and denial are recomputed from them as ingest does (merge.combine).

"As known on" D: only reports from articles published by D (undated ones: ingested by D)
and edits made by D count. An event none of whose reports was known by D is left out; an
added or split-off event exists from its edit on. Fields that later reports filled in
(a place, an actor) stay: the store keeps no history of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from karabakh_map.model import CONTROL_TYPES, DEADLINE_TYPES, EventType, FuzzyDate, Precision
from karabakh_map.store import schema as s
from karabakh_map.store.merge import acled_type, combine, parse_date
from karabakh_map.store.rows import EventRow, Source

EXTRACTED, CONFIRMED, RETRACTED = "extracted", "confirmed", "retracted"
REVIEW_STATES = (EXTRACTED, CONFIRMED, RETRACTED)
SHOWN = (EXTRACTED, CONFIRMED)  # the default view: everything but retractions
# The review states behind each choice the CLI and the app offer.
REVIEW_CHOICES = {"all": SHOWN, "confirmed": (CONFIRMED,), "unreviewed": (EXTRACTED,),
                  "retracted": (RETRACTED,)}
ACTIONS = ("confirm", "retract", "edit", "add", "merge", "split")
CREATING = ("add", "split")  # actions that make a new event
# Fields an edit may set (EventRow's names; `date` as the store's date text).
DATE_FIELDS = ("announced", "deadline", "previous_deadline")
EDITABLE = ("type", "date", "controller", "actor1", "actor2", "place_id", "location",
            "country", "district_id", "latitude", "longitude", "geo_precision", "part",
            *DATE_FIELDS, "note")


@dataclass(frozen=True)
class Edit:
    """One entry of the edit log. `old` and `new` are what the action changed (JSON)."""

    id: int
    event_id: int
    action: str
    made_at: datetime
    made_by: str
    reason: str
    old: dict[str, Any]
    new: dict[str, Any]

    def event_ids(self) -> tuple[int, ...]:
        """Every event the edit concerns: its own, the merged ones, the split-off one."""
        extra = [*self.new.get("merged", ()), *([self.new["new_event"]]
                                                 if "new_event" in self.new else [])]
        return (self.event_id, *extra)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "event_id": self.event_id, "action": self.action,
                "made_at": self.made_at.isoformat(sep=" ", timespec="seconds"),
                "made_by": self.made_by, "reason": self.reason, "old": self.old,
                "new": self.new}


def _when(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


_LOG = sa.select(s.event_edits).order_by(s.event_edits.c.id)


def read_log(conn: sa.Connection) -> list[Edit]:
    """The whole edit log, oldest first (it is small: one row per analyst action)."""
    return [Edit(r.id, r.event_id, r.action, _when(r.made_at), r.made_by, r.reason,
                 json.loads(r.old_values), json.loads(r.new_values))
            for r in conn.execute(_LOG)]


def end_of(day: date) -> datetime:
    """The first instant after `day` (edits made before it count "as known on" the day)."""
    return datetime.combine(day + timedelta(days=1), time())


@dataclass
class Overlay:
    """The log replayed: what it changes, event by event."""

    review: dict[int, str] = field(default_factory=dict)
    fields: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Ownership moves in order: ("merge", target, (events...)) | ("split", from, articles, to)
    moves: list[tuple[Any, ...]] = field(default_factory=list)
    gone: dict[int, int] = field(default_factory=dict)  # merged away -> into
    created: set[int] = field(default_factory=set)  # added or split off (by the cutoff)
    unborn: set[int] = field(default_factory=set)  # created by an edit after the cutoff
    touched: set[int] = field(default_factory=set)  # every event the log names

    def owners(self, reports: Iterable[tuple[int, int]]) -> dict[tuple[int, int], int]:
        """(event id, article id) of each report -> the event it belongs to now."""
        owner = {r: r[0] for r in reports}
        for move in self.moves:
            if move[0] == "merge":
                _, target, merged = move
                for r, o in owner.items():
                    if o in merged:
                        owner[r] = target
            else:
                _, source, articles, to = move
                for r, o in owner.items():
                    if o == source and r[1] in articles:
                        owner[r] = to
        return owner


def replay(log: Sequence[Edit], until: datetime | None = None) -> Overlay:
    """Replay the edits made before `until` (all of them when None)."""
    out = Overlay()
    for e in log:
        out.touched.update(e.event_ids())
        if until is not None and e.made_at >= until:
            if e.action in CREATING:
                out.unborn.add(e.event_id if e.action == "add" else e.new["new_event"])
            continue
        target = e.event_id
        if e.action in ("confirm", "retract"):
            out.review[target] = e.new["review"]
        elif e.action == "edit":
            out.fields.setdefault(target, {}).update(e.new)
            _reviewed(out, target)
        elif e.action == "add":
            out.created.add(target)
            out.fields.setdefault(target, {}).update(e.new)
            out.review[target] = CONFIRMED
        elif e.action == "merge":
            merged = tuple(e.new["merged"])
            out.moves.append(("merge", target, merged))
            for m in merged:
                out.gone[m] = target
            _reviewed(out, target)
        elif e.action == "split":
            new = e.new["new_event"]
            out.moves.append(("split", target, frozenset(e.new["articles"]), new))
            out.created.add(new)
            out.fields.setdefault(new, {}).update(e.new.get("values", {}))
            out.review[new] = CONFIRMED
            _reviewed(out, target)
    return out


def _reviewed(out: Overlay, event_id: int) -> None:
    if out.review.get(event_id) != RETRACTED:
        out.review[event_id] = CONFIRMED


def recompute(row: EventRow, sources: Sequence[Source]) -> EventRow:
    """The event's date, deadline, announcement, dispute and denial from `sources` (the
    rules of reports.recompute_event)."""
    dates = [FuzzyDate(Precision(x.reported_precision), x.reported_earliest,
                       x.reported_latest) for x in sources]
    deadlines = [x.deadline for x in sources]
    combined = combine(dates, [x.figures for x in sources], deadlines,
                       [x.stance for x in sources])
    stated = [d for d in deadlines if d is not None]
    return replace(
        row, date=combined.date, sources=tuple(sources),
        announced=min((x.announced for x in sources if x.announced), default=None),
        deadline=max(stated) if stated else None, disputed=combined.disputed,
        dispute_note=combined.dispute_note, denied=combined.denied)


def with_fields(row: EventRow, values: dict[str, Any]) -> EventRow:
    """`row` with an edit's field values (JSON: dates as text); ACLED's types follow."""
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name == "date":
            changes["date"] = parse_date(value)
        elif name in DATE_FIELDS:
            changes[name] = date.fromisoformat(value) if value else None
        else:
            changes[name] = value
    out = replace(row, **changes)
    if {"type", "controller", "country"} & values.keys():
        event_type, sub = acled_type(out.type, out.controller, out.country)
        out = replace(out, acled_event_type=event_type, sub_type=sub)
    return out


def _sort_key(src: Source) -> tuple[date, int, int]:
    return (src.published or date.max, src.article_id, src.start)


def apply(rows: Sequence[EventRow], overlay: Overlay,
          as_of: date | None = None) -> list[EventRow]:
    """The current state (or the state known on `as_of`) of the events in `rows`, which
    must hold every event the log names with them (merges move reports between events).
    Events merged away, not yet known, or not yet created are left out; the review state
    is the log's, else the one ingest gave."""
    base = {r.id: {id(x) for x in r.sources} for r in rows}
    if as_of is not None:
        rows = [replace(r, sources=tuple(x for x in r.sources
                                         if x.known_on is not None and x.known_on <= as_of))
                for r in rows]
    owners = overlay.owners((r.id, x.article_id) for r in rows for x in r.sources)
    reports: dict[int, list[Source]] = {}
    for r in rows:
        for x in r.sources:
            reports.setdefault(owners[(r.id, x.article_id)], []).append(x)
    out = []
    for r in rows:
        if r.id in overlay.gone or r.id in overlay.unborn:
            continue
        mine = reports.get(r.id, [])
        if not mine and r.id not in overlay.created and (as_of is not None or base[r.id]):
            continue  # nothing known of it (yet), and not an analyst's own event
        if {id(x) for x in mine} != base[r.id]:  # its reports changed: date etc. follow
            mine.sort(key=_sort_key)
            r = recompute(r, mine) if mine else replace(r, sources=())
        if r.id in overlay.fields:
            r = with_fields(r, overlay.fields[r.id])
        review = overlay.review.get(r.id)
        out.append(r if review is None or review == r.review else replace(r, review=review))
    return out


@dataclass(frozen=True)
class ControlRow:
    """What the control index reads of a control event (control.build_index's row)."""

    id: int
    district_id: str
    part: str | None
    place_id: str | None
    controller: str
    date_earliest: date | None
    date_latest: date
    denied: bool


@dataclass(frozen=True)
class DeadlineRow:
    """What the control index reads of a deadline event, with when it became known."""

    id: int
    district_id: str
    type: str
    date_latest: date | None
    deadline: date | None
    previous_deadline: date | None
    controller: str | None
    known_from: date


def control_inputs(rows: Sequence[EventRow]) -> tuple[list[ControlRow], list[DeadlineRow]]:
    """The control and deadline rows of `rows` in build_index's order and with its rules
    (retracted events are the caller's to leave out)."""
    control = sorted(
        (ControlRow(r.id, r.district_id, r.part, r.place_id, r.controller, r.date.earliest,
                    r.date.latest, r.denied)
         for r in rows if r.type in CONTROL_TYPES and r.district_id and r.controller
         and r.date.latest and r.date.precision is not Precision.UNKNOWN),
        key=lambda c: (c.date_latest, c.date_earliest or date.min, c.id))
    deadlines = []
    for r in rows:
        if r.type not in DEADLINE_TYPES or not r.district_id or not (
                r.deadline or r.date.latest or r.previous_deadline):
            continue
        own = r.date.latest if r.type == EventType.POSTPONEMENT else None
        first = min((x.published for x in r.sources if x.published), default=None)
        known = r.announced or own or first
        if known is not None:
            deadlines.append(DeadlineRow(r.id, r.district_id, r.type, r.date.latest,
                                         r.deadline, r.previous_deadline, r.controller, known))
    deadlines.sort(key=lambda d: (d.known_from, d.type == EventType.POSTPONEMENT, d.id))
    return control, deadlines
