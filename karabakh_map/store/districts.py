"""A district's control on a day, from its zones: each side's share, since when, who holds most."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from karabakh_map.model import Controller
from karabakh_map.store.zones import Zone, ZoneTable
from karabakh_map.store.zonestate import ZoneState, iso


@dataclass(frozen=True)
class Share:
    """What one side holds of a district."""

    controller: str
    km2: float
    pct: float
    since: date | None  # the latest `since` of its zones: holding all of it since then
    zone_ids: tuple[str, ...]
    since_text: str = ""  # `since` at the precision it is known
    notes: tuple[str, ...] = ()  # denials, changes under way, deadlines of its zones

    def to_json(self) -> dict[str, Any]:
        return {"controller": self.controller, "km2": self.km2, "pct": self.pct,
                "since": iso(self.since), "since_text": self.since_text,
                "notes": list(self.notes), "zone_ids": list(self.zone_ids)}


@dataclass(frozen=True)
class DistrictControl:
    """Control of one district on one date, from its zones.

    `controller` holds the largest share; `since` is when the current split began (the
    latest `since` of its zones; for a range or a year, `since_earliest` is its start)."""

    id: str
    name: str
    controller: str
    since: date | None
    since_earliest: date | None
    scheduled: date | None
    event_ids: tuple[int, ...]
    scheduled_event_id: int | None = None
    shares: tuple[Share, ...] = ()
    area_km2: float = 0.0
    denied: bool = False  # some zone's state rests on a denied claim
    uncertain: bool = False  # some zone is in a range-dated change

    def share_of(self, controller: str) -> Share | None:
        return next((s for s in self.shares if s.controller == controller), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "controller": self.controller,
            "since": iso(self.since), "since_earliest": iso(self.since_earliest),
            "scheduled": iso(self.scheduled), "event_ids": list(self.event_ids),
            "scheduled_event_id": self.scheduled_event_id, "area_km2": self.area_km2,
            "denied": self.denied, "uncertain": self.uncertain,
            "shares": [s.to_json() for s in self.shares],
        }


def district_control(district_id: str, name: str, zones: Sequence[Zone],
                     states: Sequence[ZoneState]) -> DistrictControl:
    """Aggregate the states of a district's zones (parallel sequences)."""
    if not zones:
        return DistrictControl(district_id, name, Controller.UNKNOWN.value, None, None, None,
                               ())
    total = sum(z.area_km2 for z in zones)
    # Without areas (one zone per district) every zone weighs the same.
    weight = [z.area_km2 if total > 0 else 1.0 for z in zones]
    whole = sum(weight)
    by_side: dict[str, list[int]] = {}
    for i, st in enumerate(states):
        by_side.setdefault(st.controller, []).append(i)
    shares = []
    for side, idx in by_side.items():
        part = sum(weight[i] for i in idx)
        # Since it reached its current extent (a share grown by a handover dates from it).
        first = max((states[i] for i in idx if states[i].since is not None),
                    key=lambda st: st.since or date.min, default=None)
        notes = tuple(dict.fromkeys(n for i in idx for n in states[i].notes()))
        shares.append(Share(side, round(part, 1) if total > 0 else 0.0,
                            round(100 * part / whole, 1), first.since if first else None,
                            tuple(zones[i].zone_id for i in idx),
                            first.since_text() if first else "", notes))
    shares.sort(key=lambda s: -s.pct)
    latest = max((st for st in states if st.since is not None),
                 key=lambda st: st.since or date.min, default=None)
    due = [(st.scheduled, st.scheduled_event_id) for st in states if st.scheduled]
    scheduled, scheduled_id = min(due) if due else (None, None)
    ids = tuple(dict.fromkeys(i for st in states for i in st.event_ids))
    return DistrictControl(
        district_id, name, shares[0].controller, latest.since if latest else None,
        latest.since_earliest if latest else None, scheduled, ids, scheduled_id,
        tuple(shares), round(total, 1), any(st.denied for st in states),
        any(st.uncertain for st in states))


def districts_at(states: dict[str, ZoneState], table: ZoneTable,
                 districts: Sequence[tuple[str, str]]) -> list[DistrictControl]:
    """Every district (id, name) from the states of the table's zones (by zone id)."""
    out = []
    for did, name in districts:
        zones = table.of_district(did)
        out.append(district_control(did, name, zones, [states[z.zone_id] for z in zones]))
    return out
