"""Who controls each district on a given date, derived only from events.

Rules:
- A district's controller changes with transfer_of_territory and military_capture events
  (and peacekeeper_deployment for the Lachin corridor); the controller is the event's
  `controller`. An event counts as done on date D when its date_latest <= D, so "by 10 Nov"
  counts from 10 Nov. Undated events cannot be placed in time and are left out.
- `since` is when the current run of the same controller started (1992 capture, then the
  1994 ceasefire line, both Armenian forces: since 1992).
- Deadlines: a scheduled_handover's deadline is its `deadline` (its date). A postponement
  is dated by when it was decided; it carries the deadline it replaces
  (`previous_deadline`) and, when stated, the new one (`deadline`). On D, the candidate
  deadlines are those of scheduled handovers and postponements known by D; a postponement
  known by D supersedes the deadline equal to its previous_deadline (one that does not say
  which deadline it moves supersedes the earliest one before its new deadline, or on or
  before its own date). The district's scheduled handover is the earliest candidate left,
  ignoring handovers to whoever already holds the district on D. A deadline counts only
  if no control change happened since it became known (after that, the handover is done).
  A scheduled handover is known from its `announced` date, else from its sources' first
  publication; a postponement from its `announced` date, else its own latest date, else
  its sources' first publication.
- A district without events is "unknown".

The per-district lists are built once per store version and searched with bisect.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from karabakh_map.model import CONTROL_TYPES, CORRIDOR_ID, DEADLINE_TYPES, Controller, EventType
from karabakh_map.store import schema as s
from karabakh_map.store.meta import store_version


@dataclass(frozen=True)
class DistrictControl:
    """Control of one district on one date."""

    id: str
    name: str
    controller: str
    since: date | None
    since_earliest: date | None  # for range-dated events: the earliest it may have happened
    scheduled: date | None
    event_ids: tuple[int, ...]
    scheduled_event_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "controller": self.controller,
            "since": _iso(self.since), "since_earliest": _iso(self.since_earliest),
            "scheduled": _iso(self.scheduled), "event_ids": list(self.event_ids),
            "scheduled_event_id": self.scheduled_event_id,
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class _DistrictTimeline:
    change_days: list[int] = field(default_factory=list)  # date_latest ordinals, sorted
    controllers: list[str] = field(default_factory=list)
    since: list[tuple[date, date]] = field(default_factory=list)  # (latest, earliest) run start
    runs: list[tuple[int, ...]] = field(default_factory=list)  # event ids of the run so far
    known_days: list[int] = field(default_factory=list)  # deadline events by announcement
    deadlines: list[_Deadline] = field(default_factory=list)  # parallel to known_days


@dataclass(frozen=True)
class _Deadline:
    event_id: int
    postponement: bool
    deadline: date | None  # scheduled: the deadline; postponement: the new one, if stated
    previous: date | None  # postponement: the deadline it replaces
    latest: date | None  # the event's own date_latest
    controller: str | None  # who the handover is to


class ControlIndex:
    """Per-district sorted timelines of control changes and deadlines."""

    def __init__(self, control_rows: Sequence[sa.Row], deadline_rows: Sequence[sa.Row]):
        self.timelines: dict[str, _DistrictTimeline] = {}
        for r in control_rows:  # sorted by district, date_latest, date_earliest, id
            t = self.timelines.setdefault(r.district_id, _DistrictTimeline())
            if t.controllers and t.controllers[-1] == r.controller:
                since, run = t.since[-1], (*t.runs[-1], r.id)
            else:
                since, run = (r.date_latest, r.date_earliest), (r.id,)
            t.change_days.append(r.date_latest.toordinal())
            t.controllers.append(r.controller)
            t.since.append(since)
            t.runs.append(run)
        for r in deadline_rows:  # sorted by district, known_from, postponement last, id
            t = self.timelines.setdefault(r.district_id, _DistrictTimeline())
            t.known_days.append(r.known_from.toordinal())
            t.deadlines.append(_Deadline(r.id, r.type == EventType.POSTPONEMENT, r.deadline,
                                         r.previous_deadline, r.date_latest, r.controller))

    def at(self, district_id: str, name: str, on: date) -> DistrictControl:
        """Control of one district on date `on`."""
        t = self.timelines.get(district_id)
        if t is None:
            return DistrictControl(district_id, name, Controller.UNKNOWN.value, None, None,
                                   None, ())
        day = on.toordinal()
        i = bisect_right(t.change_days, day) - 1
        controller, since, earliest = Controller.UNKNOWN.value, None, None
        ids: tuple[int, ...] = ()
        if i >= 0:
            controller, (since, earliest), ids = t.controllers[i], t.since[i], t.runs[i]
        # Only deadlines that became known after the last control change are pending.
        lo = bisect_right(t.known_days, t.change_days[i]) if i >= 0 else 0
        hi = bisect_right(t.known_days, day)
        scheduled, scheduled_id = _pending_deadline(t.deadlines[lo:hi], controller)
        all_ids = (*ids, scheduled_id) if scheduled_id else ids
        return DistrictControl(district_id, name, controller, since, earliest, scheduled,
                               all_ids, scheduled_id)


def _pending_deadline(
    records: Sequence[_Deadline], holder: str,
) -> tuple[date | None, int | None]:
    """The earliest deadline not superseded by a postponement, with its event id."""
    candidates = sorted((r.deadline, r.event_id) for r in records if r.deadline is not None)
    if not candidates:
        return None, None
    superseded: set[tuple[date, int]] = set()
    for r in records:
        if not r.postponement:
            continue
        if r.previous is not None:
            superseded |= {c for c in candidates if c[0] == r.previous and c[1] != r.event_id}
            continue
        if r.deadline is not None:
            older = [c for c in candidates if c[0] < r.deadline and c[1] != r.event_id]
        else:
            older = [c for c in candidates if r.latest is not None and c[0] <= r.latest]
        if older:
            superseded.add(older[0])
    to = {r.event_id: r.controller for r in records}
    pending = [c for c in candidates if c not in superseded and to.get(c[1]) != holder]
    return pending[0] if pending else (None, None)


def build_index(conn: sa.Connection) -> ControlIndex:
    """Read the control-relevant events and build the index."""
    e, src, art = s.events.c, s.event_sources.c, s.articles.c
    is_control = sa.or_(
        e.type.in_([str(t) for t in CONTROL_TYPES]),
        sa.and_(e.type == str(EventType.PEACEKEEPERS), e.district_id == CORRIDOR_ID),
    )
    control_rows = conn.execute(
        sa.select(e.id, e.district_id, e.controller, e.date_earliest, e.date_latest)
        .where(is_control, e.district_id.is_not(None), e.controller.is_not(None),
               e.date_latest.is_not(None))
        .order_by(e.district_id, e.date_latest, e.date_earliest, e.id)
    ).all()
    first_published = (
        sa.select(sa.func.min(art.published))
        .join(s.event_sources, src.article_id == art.id)
        .where(src.event_id == e.id)
        .scalar_subquery()
    )
    own_date = sa.case((e.type == str(EventType.POSTPONEMENT), e.date_latest), else_=None)
    known_from = sa.func.coalesce(e.announced, own_date, first_published).label("known_from")
    deadline_rows = [
        r for r in conn.execute(
            sa.select(e.id, e.district_id, e.type, e.date_latest, e.deadline,
                      e.previous_deadline, e.controller, known_from)
            .where(e.type.in_([str(t) for t in DEADLINE_TYPES]), e.district_id.is_not(None),
                   sa.or_(e.deadline.is_not(None), e.date_latest.is_not(None),
                          e.previous_deadline.is_not(None)))
        ).all() if r.known_from is not None
    ]
    deadline_rows.sort(key=lambda r: (r.district_id, r.known_from,
                                      r.type == EventType.POSTPONEMENT, r.id))
    return ControlIndex(control_rows, deadline_rows)


_CACHE: weakref.WeakKeyDictionary[sa.Engine, tuple[int, ControlIndex]] = (
    weakref.WeakKeyDictionary()
)


def control_index(engine: sa.Engine) -> ControlIndex:
    """The index for the store's current version (rebuilt only after a write)."""
    with engine.connect() as conn:
        version = store_version(conn)
        cached = _CACHE.get(engine)
        if cached and cached[0] == version:
            return cached[1]
        index = build_index(conn)
    _CACHE[engine] = (version, index)
    return index


def control_at(
    engine: sa.Engine, on: date, districts: Sequence[tuple[str, str]]
) -> list[DistrictControl]:
    """Control of every district (id, name) on date `on` (karabakh_map.areas has the
    district layer's)."""
    index = control_index(engine)
    return [index.at(did, name, on) for did, name in districts]
