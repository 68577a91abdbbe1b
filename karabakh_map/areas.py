"""Districts and places from geodata, in the shapes the store takes.

The store knows nothing of geodata: callers (the CLI, the demo loader, the app) pass it the
districts to report on and the resolver that turns gazetteer ids into places.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from karabakh_map.model import CORRIDOR_ID
from karabakh_map.store import CorridorVersion, PlaceInfo, PlaceResolver, Zone, ZoneTable


def default_districts() -> list[tuple[str, str]]:
    """(id, name) of every district of the district layer, then the Lachin corridor (one row
    per id: a layer with several versions of an area is named by its first)."""
    from geodata.corridor import load_corridor
    from geodata.districts import load_districts

    rows: dict[str, str] = {}
    for gdf in (load_districts(), load_corridor()):
        for i, n in zip(gdf["id"], gdf["name"], strict=True):
            rows.setdefault(str(i), str(n))
    return list(rows.items())


@cache
def zone_table() -> ZoneTable:
    """The zones layer (geodata/data/zones.geojson) and the corridor's routes, as the store
    takes them (cached: the layer is read once)."""
    from geodata.corridor_spec import VERSIONS
    from geodata.zones import zone_table as geodata_zones

    zones = tuple(Zone(z.zone_id, z.district_id, z.area_km2, z.flags, z.places, z.approximate)
                  for z in geodata_zones())
    routes = tuple(CorridorVersion(f"corridor_{v.version}", date.fromisoformat(v.valid_from),
                                   date.fromisoformat(v.valid_to) if v.valid_to else None)
                   for v in VERSIONS)
    return ZoneTable(zones, routes)


def gazetteer_resolver() -> PlaceResolver:
    """Resolve gazetteer ids with geodata.gazetteer (loaded on first call, cached there)."""
    from geodata.gazetteer import load_gazetteer

    places = load_gazetteer().places

    def resolve(place_id: str) -> PlaceInfo | None:
        p = places.get(place_id)
        if p is None:
            return None
        return PlaceInfo(p.name, p.lat, p.lon, p.kind, p.district_id, p.country)

    return resolve


def place_filter(name: str) -> tuple[list[str], list[str]] | None:
    """(place_ids, district_ids) a place name or district id stands for in an event query;
    None when the gazetteer knows no such place. A district's namesake town (Kalbajar,
    Lachin, ...) stands for the whole district."""
    from geodata.gazetteer import load_gazetteer, normalize_name

    districts = dict(default_districts())
    if name in districts:
        return [], [name]
    place = load_gazetteer().lookup(name)
    if place is None:
        return None
    if place.id == CORRIDOR_ID:  # the road's names and its bridge: the corridor's events
        return [place.id], [CORRIDOR_ID]
    if place.district_id and normalize_name(districts.get(place.district_id, "")) == (
        normalize_name(place.name)
    ):
        return [place.id], [place.district_id]
    return [place.id], []
