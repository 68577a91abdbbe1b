"""Cut one district into zones by a set of flag areas (all geometry in a metric CRS).

Pure geometry, no files: the build step (build_zones.py) prepares the flag areas, the tests
feed synthetic squares. Zones tile the district by construction: every piece is the district
intersected with, or minus, each flag area in turn, on a fixed precision grid so that
neighbouring pieces share their edges exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import shapely
from shapely.geometry.base import BaseGeometry

GRID_M = 0.01  # precision grid of the overlay, metres


def _polygons(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygonal parts of a geometry (overlays can leave lines and points)."""
    parts = [g for g in shapely.get_parts(shapely.get_parts(geom))
             if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts, grid_size=GRID_M) if parts else shapely.Polygon()


def _opening(geom: BaseGeometry, r: float) -> BaseGeometry:
    return geom.buffer(-r, join_style="mitre").buffer(r, join_style="mitre")


def clean_flag(district: BaseGeometry, area: BaseGeometry, sliver_m: float) -> BaseGeometry:
    """The part of `district` inside `area`, without slivers thinner than 2 * sliver_m.

    Thin strips of the flag inside the district are dropped, and thin strips of the district
    left outside the flag are added to it: both come from two sources generalising the same
    boundary differently.
    """
    inside = _polygons(shapely.intersection(district, _polygons(area), grid_size=GRID_M))
    if inside.is_empty or sliver_m <= 0:
        return inside
    inside = _polygons(shapely.intersection(district, _opening(inside, sliver_m),
                                            grid_size=GRID_M))
    rest = _polygons(shapely.difference(district, inside, grid_size=GRID_M))
    rest = _polygons(shapely.intersection(district, _opening(rest, sliver_m), grid_size=GRID_M))
    return _polygons(shapely.difference(district, rest, grid_size=GRID_M))


Piece = tuple[frozenset[str], BaseGeometry]


def split(district: BaseGeometry, flags: Mapping[str, BaseGeometry]) -> list[Piece]:
    """Cut the district by each flag area in turn: one piece per combination of flags."""
    pieces: list[Piece] = [(frozenset(), district)]
    for name, area in flags.items():
        if area.is_empty:
            continue
        nxt: list[Piece] = []
        for on, geom in pieces:
            inside = _polygons(shapely.intersection(geom, area, grid_size=GRID_M))
            outside = _polygons(shapely.difference(geom, area, grid_size=GRID_M))
            nxt += [(on | {name}, inside)] if not inside.is_empty else []
            nxt += [(on, outside)] if not outside.is_empty else []
        pieces = nxt
    return pieces


def merge_small(pieces: Sequence[Piece], min_area_m2: float) -> list[Piece]:
    """Join every polygon part smaller than `min_area_m2` to the piece it shares most edge with,
    then gather the parts of each flag combination into one geometry."""
    parts: list[tuple[frozenset[str], BaseGeometry]] = [
        (on, g) for on, geom in pieces for g in shapely.get_parts(geom)]
    parts.sort(key=lambda p: p[1].area)
    i = 0
    while i < len(parts):
        on, geom = parts[i]
        if geom.area >= min_area_m2 or len(parts) == 1:
            i += 1
            continue
        best, shared = None, 0.0
        for j, (_, other) in enumerate(parts):
            if j != i:
                length = geom.boundary.intersection(other.boundary).length
                if length > shared:
                    best, shared = j, length
        if best is None:  # an island touching nothing: keep it as it is
            i += 1
            continue
        b_on, b_geom = parts[best]
        parts[best] = (b_on, _polygons(shapely.union(b_geom, geom, grid_size=GRID_M)))
        del parts[i]
        parts.sort(key=lambda p: p[1].area)
        i = 0
    grouped: dict[frozenset[str], list[BaseGeometry]] = {}
    for on, geom in parts:
        grouped.setdefault(on, []).append(geom)
    return [(on, _polygons(shapely.union_all(gs, grid_size=GRID_M)))
            for on, gs in grouped.items()]


def zone_slug(flags: frozenset[str], order: Sequence[str]) -> str:
    """A zone's id suffix: its flags in the fixed order, joined by '+', or 'outside'."""
    return "+".join(f for f in order if f in flags) or "outside"


def partition(district: BaseGeometry, flags: Mapping[str, BaseGeometry], *,
              sliver_m: float, min_area_m2: float) -> list[Piece]:
    """Zones of one district: flag areas cleaned of slivers, split, small parts merged.

    Returned in the order of `flags` (pieces with earlier flags first), so output is stable.
    """
    cleaned = {name: clean_flag(district, area, sliver_m) for name, area in flags.items()}
    pieces = merge_small(split(district, cleaned), min_area_m2)
    order = list(flags)
    return sorted(pieces, key=lambda p: zone_slug(p[0], order))
