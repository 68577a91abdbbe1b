"""The control zones: loading, and a geometry-free table for the control code.

`zone_table()` gives plain records (no shapely, no pandas) that a caller can hand to code that
must not import geodata (the store). `zones_for()` is the selection rule of notes/ZONES.md over
such records: which zones an event applies to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from geodata.corridor_spec import VERSIONS
from geodata.paths import ZONES_FILE
from geodata.readers import read_layer
from geodata.zones_spec import FLAGS

CORRIDOR_DISTRICT = "lachin-corridor"  # the district_id events about the corridor carry
OUTSIDE_POSTWAR = "outside_postwar"  # a part term: zones of the district not in postwar_area


def load_zones(path: Path = ZONES_FILE) -> gpd.GeoDataFrame:
    """Zones (EPSG:4326, cached): zone_id (also as id), district_id, district, area_km2, the
    boolean flags of zones_spec.FLAGS, places, approximate, derivation."""
    return read_layer(path)


@dataclass(frozen=True)
class ZoneInfo:
    """One zone without its geometry."""

    zone_id: str
    district_id: str
    district: str
    area_km2: float
    flags: frozenset[str]
    places: tuple[str, ...]
    approximate: bool

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready form (flags and places as sorted lists)."""
        return {"zone_id": self.zone_id, "district_id": self.district_id,
                "district": self.district, "area_km2": self.area_km2,
                "flags": sorted(self.flags), "places": list(self.places),
                "approximate": self.approximate}


def zone_table(zones: gpd.GeoDataFrame | None = None) -> tuple[ZoneInfo, ...]:
    """Every zone as a ZoneInfo, in file order (districts in the district layer's order)."""
    gdf = load_zones() if zones is None else zones
    out = []
    for row in gdf.drop(columns="geometry").to_dict("records"):
        out.append(ZoneInfo(
            zone_id=str(row["zone_id"]), district_id=str(row["district_id"]),
            district=str(row["district"]), area_km2=float(row["area_km2"]),
            flags=frozenset(f for f in FLAGS if bool(row.get(f))),
            places=tuple(row.get("places") or ()), approximate=bool(row["approximate"])))
    return tuple(out)


def corridor_version_on(day: str) -> str | None:
    """The corridor version ("2020" / "2022") valid on ISO date `day`, or None."""
    for v in VERSIONS:
        if v.valid_from <= day and (v.valid_to is None or day < v.valid_to):
            return v.version
    return None


def part_terms(part: str) -> tuple[frozenset[str], frozenset[str]]:
    """A `part` as (required flags, excluded flags).

    A part is one or more terms joined by "+": a flag (required), "!flag" (excluded) or
    "outside_postwar" (the same as "!postwar_area"), e.g. "corridor_2020+!corridor_2022".
    """
    need: set[str] = set()
    deny: set[str] = set()
    for term in part.split("+"):
        name = term.removeprefix("!")
        if term == OUTSIDE_POSTWAR:
            deny.add("postwar_area")
        elif name in FLAGS:
            (deny if term.startswith("!") else need).add(name)
        else:
            raise ValueError(f"unknown part {part!r}: {term!r} is not a flag, '!flag' or "
                             f"{OUTSIDE_POSTWAR!r} (flags: {FLAGS})")
    if need & deny:
        raise ValueError(f"part {part!r} both requires and excludes {sorted(need & deny)}")
    return frozenset(need), frozenset(deny)


def zones_for(table: Sequence[ZoneInfo], district_id: str, part: str | None = None,
              place_id: str | None = None, on: str | None = None) -> list[ZoneInfo]:
    """The zones an event applies to (notes/ZONES.md).

    - district_id "lachin-corridor": the zones of the corridor version valid on `on` (ISO
      date; both versions when `on` is None).
    - a `place_id` listed by zones of the district: those zones.
    - a `part` (see part_terms): the district's zones with every required flag and no
      excluded one.
    - otherwise: every zone of the district.
    A place or part that selects nothing falls back to the whole district.
    """
    if district_id == CORRIDOR_DISTRICT:
        version = corridor_version_on(on) if on else None
        names = [f"corridor_{version}"] if version else \
            [] if on else [f"corridor_{v.version}" for v in VERSIONS]
        return [z for z in table if any(n in z.flags for n in names)]
    mine = [z for z in table if z.district_id == district_id]
    if place_id is not None:
        chosen = [z for z in mine if place_id in z.places]
        if chosen:
            return chosen
    if part is not None:
        need, deny = part_terms(part)
        chosen = [z for z in mine if need <= z.flags and not deny & z.flags]
        if chosen:
            return chosen
    return mine


def district_shares(table: Iterable[ZoneInfo], flag: str) -> dict[str, tuple[float, float]]:
    """Per district: (km², % of the district) of its zones carrying `flag`."""
    totals: dict[str, float] = {}
    flagged: dict[str, float] = {}
    for z in table:
        totals[z.district_id] = totals.get(z.district_id, 0.0) + z.area_km2
        if flag in z.flags:
            flagged[z.district_id] = flagged.get(z.district_id, 0.0) + z.area_km2
    return {d: (round(flagged.get(d, 0.0), 1), round(100 * flagged.get(d, 0.0) / t, 1))
            for d, t in totals.items()}
