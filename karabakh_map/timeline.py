"""Control over time, derived from the store: zone and district timelines, key dates,
comparisons, history.

Zones change hands (store/control.py has the rules); a district's state on a day is the
split of its zones between the sides (store/districts.py). Everything here reads the store's
per-zone change points, so the rules live in one place. Used by the views and the exports.

Each reading takes `as_of` (the record as known on that day: store/review.py) and `reviews`
(the review states included; default extracted and confirmed): control comes from the
record as the analysts corrected it, never from a retracted event.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any, Protocol

from karabakh_map.model import CORRIDOR_ID, Controller, EventType, Precision
from karabakh_map.store import (
    UNKNOWN_STATE,
    DistrictControl,
    Engine,
    ZoneState,
    ZoneTable,
    date_bounds,
    dated_events,
    district_control,
)
from karabakh_map.store.edits import effective_index
from karabakh_map.store.review import SHOWN

# Event types whose dates are key dates even when control does not change that day.
KEY_TYPES = (EventType.AGREEMENT, EventType.SCHEDULED, EventType.POSTPONEMENT,
             EventType.CEASEFIRE, EventType.OFFENSIVE, EventType.REROUTE, EventType.BLOCKADE,
             EventType.CHECKPOINT, EventType.DISSOLUTION)
FIRST_DAY = date(1991, 1, 1)  # the record starts in 1991: any day from then on can be shown

ZoneTimeline = dict[str, list[ZoneState]]


class _Dated(Protocol):
    @property
    def start(self) -> date | None: ...


@dataclass(frozen=True)
class Segment:
    """From `start` on (until the next segment): a district's split between the sides."""

    start: date
    control: DistrictControl

    @property
    def controller(self) -> str:
        return self.control.controller  # the side holding the largest share

    @property
    def since(self) -> date | None:
        return self.control.since

    @property
    def scheduled(self) -> date | None:
        return self.control.scheduled

    @property
    def event_ids(self) -> tuple[int, ...]:
        return self.control.event_ids

    def since_text(self) -> str:
        """When the current split began, at the precision it is known."""
        c = self.control
        return ZoneState(None, c.controller, c.since, c.since_earliest, False, None, None,
                         None, None, ()).since_text()

    def split(self) -> tuple[tuple[str, float], ...]:
        return tuple((s.controller, s.km2) for s in self.control.shares)

    def to_json(self) -> dict[str, Any]:
        c = self.control
        return {"from": self.start.isoformat(), "controller": c.controller,
                "since": c.since.isoformat() if c.since else None,
                "since_text": self.since_text(),
                "scheduled": c.scheduled.isoformat() if c.scheduled else None,
                "event_ids": list(c.event_ids), "denied": c.denied, "uncertain": c.uncertain,
                "shares": [s.to_json() for s in c.shares]}


@dataclass(frozen=True)
class Change:
    """What changed hands in one district between two dates."""

    id: str
    name: str
    before: str  # the side holding most, on each date
    after: str
    area_km2: float  # km² of the zones whose controller changed
    gained: dict[str, float]  # km² each side gained (negative: lost)
    zone_ids: tuple[str, ...]
    event_ids: tuple[int, ...]


def zone_timeline(engine: Engine, table: ZoneTable, *, as_of: date | None = None,
                  reviews: Sequence[str] = SHOWN) -> ZoneTimeline:
    """For each zone, its segments of constant state (computed once per store version
    and reading)."""
    return effective_index(engine, table, as_of=as_of, reviews=reviews).segments


def state_on(timeline: Mapping[str, Sequence[_Dated]], day: date) -> dict[str, Any]:
    """Each key's segment in force on `day` (None before its first)."""
    out: dict[str, Any] = {}
    for key, segs in timeline.items():
        i = bisect_right(segs, day, key=lambda s: s.start or date.min)
        out[key] = segs[i - 1] if i > 0 and segs[i - 1].start is not None else None
    return out


def zone_states(timeline: Mapping[str, list[ZoneState]], day: date) -> dict[str, ZoneState]:
    """Each zone's state on `day` (unknown before its first event)."""
    return {zid: seg or UNKNOWN_STATE for zid, seg in state_on(timeline, day).items()}


def districts_on(timeline: Mapping[str, list[ZoneState]], table: ZoneTable,
                 districts: Sequence[tuple[str, str]], day: date) -> list[DistrictControl]:
    """Every district (id, name) on `day`: its split, since when, who holds most. The
    corridor's row covers the zones of its route valid on `day` (none: no row)."""
    states = zone_states(timeline, day)
    out = []
    for did, name in districts:
        if did == CORRIDOR_ID and table.corridor:
            zones = table.select(did, None, None, day)[1]
            if not zones:
                continue
        else:
            zones = list(table.of_district(did))
        out.append(district_control(did, name, zones, [states[z.zone_id] for z in zones]))
    return out


def district_timeline(timeline: ZoneTimeline, table: ZoneTable,
                      districts: Sequence[tuple[str, str]]) -> dict[str, list[Segment]]:
    """For each district, the segments where its split (or what is due) stays the same."""
    days = sorted({s.start for segs in timeline.values() for s in segs if s.start})
    out: dict[str, list[Segment]] = {did: [] for did, _ in districts}
    for day in days:
        for c in districts_on(timeline, table, districts, day):
            segs = out[c.id]
            if segs and _same(segs[-1].control, c):
                continue
            segs.append(Segment(day, c))
    return out


def _same(a: DistrictControl, b: DistrictControl) -> bool:
    return (a.shares, a.since, a.scheduled, a.denied, a.uncertain, a.event_ids) == (
        b.shares, b.since, b.scheduled, b.denied, b.uncertain, b.event_ids)


def key_dates(engine: Engine, timeline: ZoneTimeline, *, as_of: date | None = None,
              reviews: Sequence[str] = SHOWN) -> list[date]:
    """Days on which some zone changes hands (or a denied claim or a range-dated change
    begins), and dates of agreements, deadlines, ceasefires and the 2022-2024 kinds."""
    days: set[date] = set()
    for segs in timeline.values():
        for prev, seg in pairwise(segs):
            if seg.start and (prev.controller != seg.controller
                              or (seg.denied and not prev.denied)
                              or (seg.uncertain and not prev.uncertain)):
                days.add(seg.start)
        if segs and segs[0].start and segs[0].controller != Controller.UNKNOWN:
            days.add(segs[0].start)
    days.update(latest for latest, precision in dated_events(
        engine, KEY_TYPES, as_of=as_of, reviews=reviews)
                if precision in (Precision.DAY, Precision.RANGE))
    return sorted(days)


def changes_between(timeline: ZoneTimeline, table: ZoneTable, names: Mapping[str, str],
                    first: date, second: date) -> list[Change]:
    """Per district, the zones whose controller differs between two dates: km² per side."""
    before, after = zone_states(timeline, first), zone_states(timeline, second)
    out = []
    for did in table.district_ids():
        zones = table.of_district(did)
        changed = [z for z in zones
                   if before[z.zone_id].controller != after[z.zone_id].controller]
        if not changed:
            continue
        gained: dict[str, float] = {}
        for z in changed:
            old, new = before[z.zone_id].controller, after[z.zone_id].controller
            gained[new] = round(gained.get(new, 0.0) + z.area_km2, 1)
            gained[old] = round(gained.get(old, 0.0) - z.area_km2, 1)
        ids = tuple(dict.fromkeys(i for z in changed for i in after[z.zone_id].event_ids))
        b = district_control(did, "", zones, [before[z.zone_id] for z in zones]).controller
        a = district_control(did, "", zones, [after[z.zone_id] for z in zones]).controller
        out.append(Change(did, names.get(did, did), b, a,
                          round(sum(z.area_km2 for z in changed), 1), gained,
                          tuple(z.zone_id for z in changed), ids))
    return out


def district_history(timeline: Mapping[str, list[Segment]], did: str) -> list[Segment]:
    """The segments of one district where its split between the sides changed."""
    out: list[Segment] = []
    for seg in timeline.get(did, []):
        if not out or out[-1].split() != seg.split():
            out.append(seg)
    return out


def date_span(engine: Engine, today: date | None = None, *, as_of: date | None = None,
              reviews: Sequence[str] = SHOWN) -> tuple[date, date] | None:
    """From the first dated event (1991 at the latest) to today, or to the last event when
    that is later: after the last event the last known state carries forward."""
    bounds = date_bounds(engine, as_of=as_of, reviews=reviews)
    if bounds is None:
        return None
    lo, hi = bounds
    return min(lo, FIRST_DAY), max(hi, today or date.today())
