"""Control zones as plain data, and which zones an event applies to (notes/ZONES.md).

The store knows no geometry: the caller (karabakh_map.areas) hands it the zone table built
from geodata's zones layer. Without one, each district is a single zone (ZoneTable.districts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from karabakh_map.model import CORRIDOR_ID

POSTWAR = "postwar_area"  # the zone flag of the area left to Armenian forces in 2020
OUTSIDE_POSTWAR = "outside_postwar"  # a `part`: the district's zones without POSTWAR


@dataclass(frozen=True)
class Zone:
    """One zone: where it lies (its district), how big, its flags and the places in it."""

    zone_id: str
    district_id: str
    area_km2: float = 0.0
    flags: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()
    approximate: bool = False


@dataclass(frozen=True)
class CorridorVersion:
    """A route of the Lachin corridor: the zone flag marking it and its validity
    (valid_to exclusive; None: open-ended)."""

    flag: str
    valid_from: date
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class Breadth(IntEnum):
    """How an event selected its zones; on one day broader selections apply first, so the
    narrower one wins."""

    DISTRICT = 0
    PART = 1
    TOWN = 2
    CORRIDOR = 3


@dataclass(frozen=True)
class ZoneTable:
    """Every zone, in display order, and the corridor's versions."""

    zones: tuple[Zone, ...]
    corridor: tuple[CorridorVersion, ...] = ()
    _by_district: dict[str, tuple[Zone, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        groups: dict[str, list[Zone]] = {}
        for z in self.zones:
            groups.setdefault(z.district_id, []).append(z)
        self._by_district.update({d: tuple(zs) for d, zs in groups.items()})

    @classmethod
    def districts(cls, ids: Iterable[str], areas: dict[str, float] | None = None) -> ZoneTable:
        """One zone per district, named after it (no flags, no places)."""
        areas = areas or {}
        return cls(tuple(Zone(d, d, areas.get(d, 0.0)) for d in ids))

    def district_ids(self) -> list[str]:
        """District ids in the order of their first zone."""
        return list(self._by_district)

    def of_district(self, district_id: str) -> tuple[Zone, ...]:
        return self._by_district.get(district_id, ())

    def select(self, district_id: str, part: str | None, place_id: str | None,
               on: date | None) -> tuple[Breadth, list[Zone]]:
        """The zones an event applies to, and how it chose them (notes/ZONES.md):
        the corridor's zones of the route valid on `on` for CORRIDOR_ID; else the district's
        zones listing the place; else those matching the part (part_terms: every required
        flag, no excluded one); else the whole district. A place or part selecting nothing
        falls back to the next rule. A table without corridor versions treats the corridor
        as a district."""
        if district_id == CORRIDOR_ID and self.corridor:
            flags = {v.flag for v in self.corridor if on is not None and v.valid_on(on)}
            return Breadth.CORRIDOR, [z for z in self.zones if z.flags & flags]
        mine = self.of_district(district_id)
        if place_id is not None:
            chosen = [z for z in mine if place_id in z.places]
            if chosen:
                return Breadth.TOWN, chosen
        if part is not None:
            need, deny = part_terms(part)
            chosen = [z for z in mine if need <= z.flags and not deny & z.flags]
            if chosen:
                return Breadth.PART, chosen
        return Breadth.DISTRICT, list(mine)


def part_terms(part: str) -> tuple[frozenset[str], frozenset[str]]:
    """A `part` as (required flags, excluded flags): terms joined by "+", each a flag, "!flag"
    or OUTSIDE_POSTWAR (= "!postwar_area"); e.g. "corridor_2020+!corridor_2022". The same rule
    as geodata.zones.part_terms, which also rejects unknown flags (here an unknown required
    flag selects nothing, so the event falls back to its district)."""
    need: set[str] = set()
    deny: set[str] = set()
    for term in part.split("+"):
        if term == OUTSIDE_POSTWAR:
            deny.add(POSTWAR)
        elif term.startswith("!"):
            deny.add(term[1:])
        else:
            need.add(term)
    return frozenset(need), frozenset(deny)


def total_area(zones: Sequence[Zone]) -> float:
    return sum(z.area_km2 for z in zones)
