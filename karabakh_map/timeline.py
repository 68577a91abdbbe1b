"""Control over time, derived from the store: timelines, key dates, comparisons, history.

Everything here reads the store through `control_at`, so the rules of who controls what
live in one place (karabakh_map/store/control.py). Used by the dashboard and the exports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from karabakh_map.model import Controller, EventType, FuzzyDate, Precision
from karabakh_map.store import (
    Engine,
    candidate_dates,
    control_index,
    date_bounds,
    date_text,
    dated_events,
)
from karabakh_map.store.merge import precision_of

# Event types whose dates are key dates even when control does not change that day.
KEY_TYPES = (EventType.AGREEMENT, EventType.SCHEDULED, EventType.POSTPONEMENT)


@dataclass(frozen=True)
class Segment:
    """From `start` on (until the next segment), who controls a district and what is due."""

    start: date
    controller: str
    since: date | None
    scheduled: date | None
    event_ids: tuple[int, ...]
    since_earliest: date | None = None  # the run's first event may be a range or a year

    def since_text(self) -> str:
        """When the current run of control began, at the precision it is known."""
        if self.since is None:
            return ""
        first = self.since_earliest or self.since
        return date_text(FuzzyDate(precision_of(first, self.since), first, self.since)) or ""

    def to_json(self) -> dict[str, object]:
        return {"from": self.start.isoformat(), "controller": self.controller,
                "since": self.since.isoformat() if self.since else None,
                "since_text": self.since_text(),
                "scheduled": self.scheduled.isoformat() if self.scheduled else None,
                "event_ids": list(self.event_ids)}


@dataclass(frozen=True)
class Change:
    """A district whose controller differs between two dates."""

    id: str
    name: str
    before: str
    after: str
    area_km2: float
    event_ids: tuple[int, ...]


def control_timeline(engine: Engine, districts: Sequence[tuple[str, str]]
                     ) -> dict[str, list[Segment]]:
    """For each district, the segments where its control state stays the same."""
    index = control_index(engine)
    out: dict[str, list[Segment]] = {did: [] for did, _ in districts}
    for day in candidate_dates(engine):
        for did, name in districts:
            c = index.at(did, name, day)
            segs = out[did]
            if segs and (segs[-1].controller, segs[-1].scheduled, segs[-1].since) == (
                    c.controller, c.scheduled, c.since):
                continue
            segs.append(Segment(day, c.controller, c.since, c.scheduled, c.event_ids,
                                c.since_earliest))
    return out


def state_on(timeline: Mapping[str, list[Segment]], day: date) -> dict[str, Segment | None]:
    """Each district's segment in force on `day` (None before its first)."""
    out: dict[str, Segment | None] = {}
    for did, segs in timeline.items():
        current = None
        for seg in segs:
            if seg.start > day:
                break
            current = seg
        out[did] = current
    return out


def key_dates(engine: Engine, timeline: Mapping[str, list[Segment]]) -> list[date]:
    """Dates where control changes, and dates of agreements, deadlines and postponements."""
    days: set[date] = set()
    for segs in timeline.values():
        for prev, seg in pairwise(segs):
            if prev.controller != seg.controller:
                days.add(seg.start)
        if segs and segs[0].controller != Controller.UNKNOWN:
            days.add(segs[0].start)
    days.update(latest for latest, precision in dated_events(engine, KEY_TYPES)
                if precision in (Precision.DAY, Precision.RANGE))
    return sorted(days)


def changes_between(timeline: Mapping[str, list[Segment]], names: Mapping[str, str],
                    areas: Mapping[str, float], first: date, second: date) -> list[Change]:
    """Districts whose controller differs between two dates, with their areas."""
    before, after = state_on(timeline, first), state_on(timeline, second)
    out = []
    for did in timeline:
        old, new = before[did], after[did]
        b = old.controller if old else Controller.UNKNOWN.value
        a = new.controller if new else Controller.UNKNOWN.value
        if a != b:
            seg = new or old
            out.append(Change(did, names.get(did, did), b, a, float(areas.get(did, 0.0)),
                              seg.event_ids if seg else ()))
    return out


def district_history(timeline: Mapping[str, list[Segment]], did: str) -> list[Segment]:
    """The segments of one district where its controller changed (first one included)."""
    out: list[Segment] = []
    for seg in timeline.get(did, []):
        if not out or out[-1].controller != seg.controller:
            out.append(seg)
    return out


def date_span(engine: Engine) -> tuple[date, date] | None:
    """First and last dated event in the store."""
    return date_bounds(engine)
