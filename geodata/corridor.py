"""The Lachin corridor: a 5 km band along the Khankendi-Lachin-Goris road.

The trilateral statement of 10 Nov 2020 set a corridor 5 km wide linking Nagorno-Karabakh
with Armenia, leaving out the town of Shusha, under Russian peacekeepers. No official line
was published, so we model it: the road's route as a polyline of waypoints (read off the
road's course, approximate to a few hundred metres), buffered 2.5 km either side in UTM 38N
with flat ends, minus the town of Shusha, clipped to Azerbaijan. The result is approximate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geodata.paths import CORRIDOR_FILE, METRIC_CRS, WGS84
from geodata.readers import read_layer

CORRIDOR_ID = "lachin-corridor"
HALF_WIDTH_M = 2500.0
VALID_FROM = "2020-11-10"

# (lat, lon) waypoints of the road, from Khankendi past Shusha's northern edge, west through
# Lisagor to Lachin town (Berdzor), then south-west to the border and on towards Goris.
# The last point lies inside Armenia so that clipping to Azerbaijan decides where it ends.
ROUTE: tuple[tuple[float, float], ...] = (
    (39.8153, 46.7519),  # Khankendi (Stepanakert) centre
    (39.7900, 46.7450),
    (39.7720, 46.7330),  # passes north-west of Shusha town
    (39.7650, 46.7000),
    (39.7420, 46.6550),  # Lisagor
    (39.7050, 46.6200),
    (39.6750, 46.5900),
    (39.6383, 46.5461),  # Lachin town (Berdzor)
    (39.6120, 46.5050),  # Zabukh
    (39.5850, 46.4780),  # Armenian border
    (39.5700, 46.4500),  # towards Kornidzor and Goris (in Armenia)
)


def route_line() -> LineString:
    """The route as a lon/lat line (EPSG:4326)."""
    return LineString([(lon, lat) for lat, lon in ROUTE])


def build_corridor(azerbaijan: BaseGeometry, shusha_town: BaseGeometry) -> gpd.GeoDataFrame:
    """Derive the corridor polygon from the route (all inputs and output in EPSG:4326)."""
    parts = gpd.GeoSeries([route_line(), azerbaijan, shusha_town], crs=WGS84).to_crs(METRIC_CRS)
    route_m, az_m, town_m = parts.iloc[0], parts.iloc[1], parts.iloc[2]
    band = route_m.buffer(HALF_WIDTH_M, cap_style="flat", join_style="round")
    corridor = band.difference(town_m).intersection(az_m)
    corridor = shapely.make_valid(corridor)
    geom = gpd.GeoSeries([corridor], crs=METRIC_CRS).to_crs(WGS84).iloc[0]
    return gpd.GeoDataFrame(
        {
            "id": [CORRIDOR_ID],
            "name": ["Lachin corridor"],
            "alt_names": [["Lachin corridor", "Laçın dəhlizi", "Berdzor corridor"]],
            "width_km": [2 * HALF_WIDTH_M / 1000],
            "valid_from": [VALID_FROM],
            "valid_to": [None],
            "controller_basis": ["Russian peacekeepers under the 10 Nov 2020 statement"],
            "approximate": [True],
            "derivation": [
                "Road route Khankendi-Shusha-Lachin-Goris digitised as waypoints (approximate), "
                "buffered 2.5 km either side in UTM 38N (EPSG:32638) with flat ends, minus "
                "Shusha town (Natural Earth outline), clipped to Azerbaijan (Natural Earth)."
            ],
            "source": ["karabakh-map derivation from Natural Earth 10m admin-1"],
            "licence": ["public domain (Natural Earth); derivation MIT"],
        },
        geometry=[geom],
        crs=WGS84,
    )


@dataclass(frozen=True)
class WidthStats:
    """Cross-section widths of the corridor, in km, sampled along the route."""

    samples: int
    min_km: float
    median_km: float
    max_km: float


def measure_width(corridor: BaseGeometry, *, step_m: float = 500.0,
                  keep_clear_of: BaseGeometry | None = None) -> WidthStats:
    """Measure the corridor's width perpendicular to the route, every `step_m` metres.

    Samples within 3 km of the route's ends, outside the corridor, or within 3 km of
    `keep_clear_of` (Shusha town, where the band is cut on purpose) are left out.
    """
    parts = gpd.GeoSeries([corridor, route_line()], crs=WGS84).to_crs(METRIC_CRS)
    poly, line = parts.iloc[0], parts.iloc[1]
    clear = None
    if keep_clear_of is not None:
        clear = gpd.GeoSeries([keep_clear_of], crs=WGS84).to_crs(METRIC_CRS).iloc[0].buffer(3000)
    inside = line.intersection(poly)
    widths: list[float] = []
    for d in np.arange(3000.0, line.length - 3000.0, step_m):
        p = line.interpolate(d)
        if not inside.buffer(1).contains(p) or (clear is not None and clear.contains(p)):
            continue
        a, b = line.interpolate(d - 50), line.interpolate(d + 50)
        angle = math.atan2(b.y - a.y, b.x - a.x) + math.pi / 2
        dx, dy = 5000 * math.cos(angle), 5000 * math.sin(angle)
        cross = LineString([(p.x - dx, p.y - dy), (p.x + dx, p.y + dy)])
        piece = _piece_through(cross.intersection(poly), p)
        if piece is not None:
            widths.append(piece.length / 1000)
    if not widths:
        return WidthStats(0, math.nan, math.nan, math.nan)
    return WidthStats(len(widths), min(widths), float(np.median(widths)), max(widths))


def _piece_through(geom: BaseGeometry, p: Point) -> BaseGeometry | None:
    """The part of a (multi)line that passes through point p."""
    for part in getattr(geom, "geoms", [geom]):
        if not part.is_empty and part.distance(p) < 1:
            return part
    return None


def load_corridor(path: Path = CORRIDOR_FILE) -> gpd.GeoDataFrame:
    """The shipped corridor (one row, EPSG:4326), with validity dates and its derivation."""
    return read_layer(path)
