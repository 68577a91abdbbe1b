"""Who controls each zone on a given date, derived only from events.

Rules (notes/ZONES.md, docs/record.md):
- A zone's controller changes with transfer_of_territory and military_capture events that
  select it (store/zones.py: town, part, district or corridor route). An event counts as
  done on D when its date_latest <= D ("by 10 Nov" counts from 10 Nov). Events on one day
  apply from the broadest selection to the narrowest (district, part, town, corridor; of
  one kind, the larger area first), so the narrower wins. Undated events are left out.
- `since`: when the current run of one controller began (its first event's date, with the
  precision it has). Before a zone's first event it is "unknown"; after its last event the
  last state carries forward.
- `denied`: the latest control event on the zone is a claim the other side denied (until a
  later control event on the zone, e.g. the confirmation).
- `uncertain`: on the days of a range-dated change before it counts as done (earliest <= D
  < latest), the zone shows the previous controller with the range.
- Integrity: a change is corroborated when its event is confirmed (a review, or an
  analyst's own event) or reported by at least two publishers (articles' `source`; articles
  without one count as one unknown publisher). An uncorroborated change that would take a
  zone from a controller whose current run rests on a corroborated change does not change
  the controller: the zone shows it as a claim (`claimed_by`, `claim_ids`, `denied` set)
  until a later change applies, and the event counts from its own date once a second
  publisher or a review corroborates it. Uncorroborated changes still set the state of a
  zone whose state is itself uncorroborated (a store of ingested articles alone), and
  agreeing ones extend the run.
- Deadlines are per district (scheduled_handover, postponement; see _pending_deadline): on D
  a deadline applies to the zones not held by its side, once known (its `announced` date,
  else a postponement's own date, else its sources' first publication), when no control
  change on the zone came after it became known, until the district has a control change to
  the deadline's side (the handover took place).

Change points are computed once per store version and zone table; a day is a bisect away.
"""

from __future__ import annotations

import heapq
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from datetime import date

import sqlalchemy as sa

from karabakh_map.model import (
    CONTROL_TYPES,
    CORRIDOR_ID,
    DEADLINE_TYPES,
    Controller,
    EventType,
    Precision,
)
from karabakh_map.store import schema as s
from karabakh_map.store.deadlines import Deadline, pending_deadline
from karabakh_map.store.districts import DistrictControl, district_control
from karabakh_map.store.meta import store_version
from karabakh_map.store.review import CONFIRMED
from karabakh_map.store.rows import EventRow
from karabakh_map.store.zones import Breadth, ZoneTable
from karabakh_map.store.zonestate import UNKNOWN_STATE, ZoneState

__all__ = ["ControlIndex", "DistrictControl", "ZoneState", "build_index", "control_at",
           "control_index", "corroborated_ids", "zone_states_at"]

MIN_PUBLISHERS = 2  # reports from this many publishers corroborate an event


class _Change:
    """A control event as it applies to zones."""

    __slots__ = ("area", "breadth", "controller", "corroborated", "denied", "earliest", "id",
                 "latest")

    def __init__(self, row: sa.Row, breadth: Breadth, area: float, corroborated: bool):
        self.id: int = row.id
        self.corroborated = corroborated
        self.controller: str = row.controller
        self.latest: date = row.date_latest
        self.earliest: date = row.date_earliest or row.date_latest
        self.denied = bool(row.denied)
        self.breadth = breadth
        self.area = area

    def order(self) -> tuple[date, int, float, date, int]:
        """Same day: district, part, town, corridor; a larger selection before a smaller
        one of the same kind (the Hin Tagher pocket after the rest of the district)."""
        return (self.latest, int(self.breadth), -self.area, self.earliest, self.id)


class ControlIndex:
    """Per-zone change points: segments of constant state, in date order."""

    def __init__(self, table: ZoneTable, control_rows: Sequence[sa.Row],
                 deadline_rows: Sequence[sa.Row], corroborated: Collection[int] | None = None):
        """`corroborated`: the ids of the corroborated control events; without it, each
        row's own `corroborated` field (build_index reads it), else every event counts
        as corroborated (the integrity rule is then off)."""
        self.table = table
        per_zone: dict[str, list[_Change]] = {z.zone_id: [] for z in table.zones}
        district_days: dict[str, list[int]] = {}
        to_side: dict[tuple[str, str], list[int]] = {}  # (district, controller) -> days
        for r in control_rows:
            breadth, zones = table.select(r.district_id, r.part, r.place_id,
                                          r.date_earliest or r.date_latest)
            sure = (r.id in corroborated if corroborated is not None
                    else bool(getattr(r, "corroborated", True)))
            change = _Change(r, breadth, sum(z.area_km2 for z in zones), sure)
            for z in zones:
                per_zone[z.zone_id].append(change)
                day = r.date_latest.toordinal()
                district_days.setdefault(z.district_id, []).append(day)
                to_side.setdefault((z.district_id, r.controller), []).append(day)
        for days in (*district_days.values(), *to_side.values()):
            days.sort()
        deadlines: dict[str, list[Deadline]] = {}
        for r in deadline_rows:  # sorted by known_from, postponement last, id
            deadlines.setdefault(r.district_id, []).append(Deadline(
                r.id, r.type == EventType.POSTPONEMENT, r.deadline, r.previous_deadline,
                r.date_latest, r.controller, r.known_from.toordinal()))
        self.segments: dict[str, list[ZoneState]] = {}
        self.starts: dict[str, list[int]] = {}
        for z in table.zones:
            changes = sorted(per_zone[z.zone_id], key=_Change.order)
            segs = _zone_segments(changes, district_days.get(z.district_id, []),
                                  deadlines.get(z.district_id, []), to_side, z.district_id)
            self.segments[z.zone_id] = segs
            self.starts[z.zone_id] = [seg.start.toordinal() for seg in segs
                                      if seg.start is not None]

    def at(self, zone_id: str, on: date) -> ZoneState:
        """The state of one zone on `on` (UNKNOWN_STATE before its first event)."""
        i = bisect_right(self.starts.get(zone_id, []), on.toordinal()) - 1
        return self.segments[zone_id][i] if i >= 0 else UNKNOWN_STATE

    def change_days(self) -> list[date]:
        """Every day on which some zone's state changes."""
        return sorted({seg.start for segs in self.segments.values() for seg in segs
                       if seg.start is not None})


def _zone_segments(changes: Sequence[_Change], district_days: Sequence[int],
                   deadlines: Sequence[Deadline], to_side: dict[tuple[str, str], list[int]],
                   district_id: str) -> list[ZoneState]:
    """Sweep the days on which the zone's state may change, keeping each new state."""
    ranges = sorted((c for c in changes if c.earliest < c.latest), key=lambda c: c.earliest)
    days = sorted({*(c.latest.toordinal() for c in changes),
                   *(c.earliest.toordinal() for c in ranges), *district_days,
                   *(d.known_day for d in deadlines)})
    out: list[ZoneState] = []
    applied = 0
    ranged = 0
    active: list[tuple[tuple[date, int, float, date, int], _Change]] = []
    controller: str = Controller.UNKNOWN.value
    since: date | None = None
    since_earliest: date | None = None
    run: tuple[int, ...] = ()
    last_day: int | None = None
    denied = False
    firm = False  # the current run rests on a corroborated change
    claims: list[_Change] = []  # uncorroborated changes against it, not counted
    for day in days:
        while applied < len(changes) and changes[applied].latest.toordinal() <= day:
            c = changes[applied]
            applied += 1
            if c.controller != controller and firm and not c.corroborated:
                claims.append(c)
                continue
            if c.controller != controller:
                controller, since, since_earliest, run = c.controller, c.latest, c.earliest, ()
                firm = False
            firm = firm or c.corroborated
            run = (*run, c.id)
            denied = c.denied
            claims = []
            last_day = c.latest.toordinal()
        if last_day is None and not deadlines:
            continue
        while ranged < len(ranges) and ranges[ranged].earliest.toordinal() <= day:
            heapq.heappush(active, (ranges[ranged].order(), ranges[ranged]))
            ranged += 1
        while active and active[0][1].latest.toordinal() <= day:
            heapq.heappop(active)
        pending = [c for _, c in active if c.controller != controller
                   and (c.corroborated or not firm)]
        uncertain = min(pending, key=_Change.order) if pending else None
        known = [d for d in deadlines if d.known_day <= day
                 and (last_day is None or d.known_day > last_day)
                 and not _done(d, day, to_side.get((district_id, d.controller or ""), []))]
        scheduled, scheduled_id = pending_deadline(known, controller)
        if last_day is None and scheduled is None:
            continue
        claim = claims[-1] if claims else None
        ids = (*run, *(c.id for c in claims), *((uncertain.id,) if uncertain else ()),
               *((scheduled_id,) if scheduled_id else ()))
        state = ZoneState(
            date.fromordinal(day), controller, since, since_earliest, denied or bool(claims),
            uncertain.earliest if uncertain else None, uncertain.latest if uncertain else None,
            scheduled, scheduled_id, ids, claim.controller if claim else None,
            claim.latest if claim else None, tuple(c.id for c in claims))
        if not out or not out[-1].same_as(state):
            out.append(state)
    return out


def corroborated_column() -> sa.ColumnElement[bool]:
    """Whether an event is corroborated (see the module's integrity rule), as SQL."""
    e, src, art = s.events.c, s.event_sources.c, s.articles.c
    publishers = (
        sa.select(sa.func.count(sa.distinct(
            sa.func.coalesce(sa.func.lower(sa.func.trim(art.source)), ""))))
        .select_from(s.event_sources.join(s.articles, src.article_id == art.id))
        .where(src.event_id == e.id)
        .scalar_subquery()
    )
    return sa.or_(e.review == CONFIRMED, publishers >= MIN_PUBLISHERS).label("corroborated")


def corroborated_ids(events: Iterable[EventRow]) -> set[int]:
    """The corroborated events among `events` (the rule of corroborated_column, for
    ControlIndex(..., corroborated=) on the record as edited)."""
    return {ev.id for ev in events
            if ev.review == CONFIRMED or len({(x.publisher or "").strip().lower()
                                              for x in ev.sources}) >= MIN_PUBLISHERS}


def _done(d: Deadline, day: int, side_days: Sequence[int]) -> bool:
    """Whether the district changed to the deadline's side between its announcement and
    `day` (both inclusive): the handover took place."""
    i = bisect_left(side_days, d.known_day)
    return i < len(side_days) and side_days[i] <= day


def build_index(conn: sa.Connection, table: ZoneTable) -> ControlIndex:
    """Read the control events and the deadlines, and build the index for `table`."""
    e, src, art = s.events.c, s.event_sources.c, s.articles.c
    control_rows = conn.execute(
        sa.select(e.id, e.district_id, e.part, e.place_id, e.controller, e.date_earliest,
                  e.date_latest, e.denied, corroborated_column())
        .where(e.type.in_([str(t) for t in CONTROL_TYPES]), e.district_id.is_not(None),
               e.controller.is_not(None), e.date_latest.is_not(None),
               # An undated change (its latest date is only its article's) cannot be placed
               # in time: it is listed, never drawn.
               e.date_precision != str(Precision.UNKNOWN))
        .order_by(e.date_latest, e.date_earliest, e.id)
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
    deadline_rows.sort(key=lambda r: (r.known_from, r.type == EventType.POSTPONEMENT, r.id))
    return ControlIndex(table, control_rows, deadline_rows)


_CACHE: weakref.WeakKeyDictionary[sa.Engine, dict[ZoneTable, tuple[int, ControlIndex]]] = (
    weakref.WeakKeyDictionary()
)


def control_index(engine: sa.Engine, table: ZoneTable | None = None) -> ControlIndex:
    """The index for the store's current version and `table` (rebuilt only after a write;
    without a table: an empty one, for warming the cache)."""
    table = table or ZoneTable(())
    with engine.connect() as conn:
        version = store_version(conn)
        cached = _CACHE.get(engine, {}).get(table)
        if cached and cached[0] == version:
            return cached[1]
        index = build_index(conn, table)
    per_engine = _CACHE.setdefault(engine, {})
    if len(per_engine) > 8:  # a few tables per engine at most (tests build their own)
        per_engine.clear()
    per_engine[table] = (version, index)
    return index


def zone_states_at(engine: sa.Engine, on: date, table: ZoneTable) -> list[ZoneState]:
    """The state of every zone of `table` on `on`, in the table's order."""
    index = control_index(engine, table)
    return [index.at(z.zone_id, on) for z in table.zones]


def control_at(engine: sa.Engine, on: date, districts: Sequence[tuple[str, str]],
               zones: ZoneTable | None = None) -> list[DistrictControl]:
    """Control of every district (id, name) on `on`, from the zones of `zones` (default: each
    district one zone). The corridor's row covers the zones of its route valid on `on`."""
    table = zones or ZoneTable.districts([did for did, _ in districts])
    index = control_index(engine, table)
    out = []
    for did, name in districts:
        mine = (table.select(did, None, None, on)[1] if did == CORRIDOR_ID and table.corridor
                else list(table.of_district(did)))
        out.append(district_control(did, name, mine, [index.at(z.zone_id, on) for z in mine]))
    return out
