"""The Lachin corridor: a 5 km band along the Khankendi-Goris road, in two versions.

The trilateral statement of 10 Nov 2020 set a corridor 5 km wide linking Nagorno-Karabakh
with Armenia, leaving out the town of Shusha, under Russian peacekeepers. No official line
was published, so we model it: each route as a polyline of waypoints (corridor_spec.py),
buffered 2.5 km either side in UTM 38N with flat ends, minus the town of Shusha, clipped to
Azerbaijan. The 2020 route ran through Lachin town; from 30 Aug 2022 the road bypassed it to
the south, so the 2022 band also leaves out the settlements handed over on 26 Aug 2022.
Both are approximate.
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

from geodata.corridor_spec import HANDED_OVER_RADIUS_M, ROUTE_2020, VERSIONS, RouteVersion
from geodata.corridor_spec import version as spec_version
from geodata.paths import CORRIDOR_FILE, METRIC_CRS, WGS84
from geodata.readers import read_layer

CORRIDOR_ID = "lachin-corridor"
HALF_WIDTH_M = 2500.0
VALID_FROM = ROUTE_2020.valid_from

# (lat, lon) waypoints of the 2020 road (kept for callers of the one-route API).
ROUTE: tuple[tuple[float, float], ...] = tuple((w.lat, w.lon) for w in ROUTE_2020.waypoints)


def route_line(name: str = "2020") -> LineString:
    """The route of corridor version `name` as a lon/lat line (EPSG:4326)."""
    return LineString([(w.lon, w.lat) for w in spec_version(name).waypoints])


def _band(route: RouteVersion, az_m: BaseGeometry, town_m: BaseGeometry) -> BaseGeometry:
    """One version's polygon in the metric CRS: buffered road, minus cuts, within Azerbaijan."""
    line = gpd.GeoSeries([route_line(route.version)], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
    band = line.buffer(HALF_WIDTH_M, cap_style="flat", join_style="round").difference(town_m)
    if route.handed_over:
        pts = gpd.GeoSeries.from_xy([w.lon for w in route.handed_over],
                                    [w.lat for w in route.handed_over], crs=WGS84)
        cuts = pts.to_crs(METRIC_CRS).buffer(HANDED_OVER_RADIUS_M)
        band = band.difference(shapely.union_all(cuts.values))
    return shapely.make_valid(band.intersection(az_m))


def _derivation(route: RouteVersion) -> str:
    places = "-".join(w.label.split(" (")[0] for w in route.waypoints
                      if not w.label.startswith("road"))
    text = (f"{route.version} route ({places}) digitised as waypoints (approximate; sources in "
            "geodata/corridor_spec.py), buffered 2.5 km either side in UTM 38N (EPSG:32638) "
            "with flat ends, minus Shusha town (Natural Earth outline)")
    if route.handed_over:
        names = ", ".join(w.label for w in route.handed_over)
        text += (f", minus {HANDED_OVER_RADIUS_M / 1000:g} km around {names} (handed over to "
                 "Azerbaijan on 26 Aug 2022)")
    return text + ", clipped to Azerbaijan (Natural Earth)."


def build_corridor(azerbaijan: BaseGeometry, shusha_town: BaseGeometry) -> gpd.GeoDataFrame:
    """Both corridor versions, one row each (all inputs and output in EPSG:4326)."""
    parts = gpd.GeoSeries([azerbaijan, shusha_town], crs=WGS84).to_crs(METRIC_CRS)
    az_m, town_m = parts.iloc[0], parts.iloc[1]
    geoms = gpd.GeoSeries([_band(v, az_m, town_m) for v in VERSIONS], crs=METRIC_CRS)
    n = len(VERSIONS)
    return gpd.GeoDataFrame(
        {
            "id": [CORRIDOR_ID] * n,
            "version": [v.version for v in VERSIONS],
            "name": [f"Lachin corridor ({v.version} route)" for v in VERSIONS],
            "alt_names": [["Lachin corridor", "Laçın dəhlizi", "Berdzor corridor"]] * n,
            "width_km": [2 * HALF_WIDTH_M / 1000] * n,
            "valid_from": [v.valid_from for v in VERSIONS],
            "valid_to": [v.valid_to for v in VERSIONS],
            "controller_basis": ["Russian peacekeepers under the 10 Nov 2020 statement"] * n,
            "approximate": [True] * n,
            "derivation": [_derivation(v) for v in VERSIONS],
            "dates_source": [v.dates_source for v in VERSIONS],
            "source": ["karabakh-map derivation from Natural Earth 10m admin-1"] * n,
            "licence": ["public domain (Natural Earth); derivation MIT"] * n,
        },
        geometry=geoms.to_crs(WGS84).values,
        crs=WGS84,
    )


def corridor_on(corridor: gpd.GeoDataFrame, day: str) -> gpd.GeoDataFrame:
    """The version(s) of the corridor valid on ISO date `day` (empty before 10 Nov 2020)."""
    starts = corridor["valid_from"].astype(str)
    ends = corridor.get("valid_to")
    keep = starts <= day
    if ends is not None:
        keep &= ends.isna() | (ends.astype(str) > day)
    return corridor[keep]


@dataclass(frozen=True)
class WidthStats:
    """Cross-section widths of the corridor, in km, sampled along the route."""

    samples: int
    min_km: float
    median_km: float
    max_km: float


def measure_width(corridor: BaseGeometry, *, step_m: float = 500.0,
                  keep_clear_of: BaseGeometry | None = None, route: str = "2020") -> WidthStats:
    """Measure the corridor's width perpendicular to the route, every `step_m` metres.

    Samples within 3 km of the route's ends, outside the corridor, or within 3 km of
    `keep_clear_of` (Shusha town, where the band is cut on purpose) are left out.
    """
    parts = gpd.GeoSeries([corridor, route_line(route)], crs=WGS84).to_crs(METRIC_CRS)
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
    """The shipped corridor (EPSG:4326): one row per route version ("2020" first, then "2022"),
    each with `valid_from`/`valid_to` (half-open), `version` and its derivation.

    Callers that draw or name one corridor on a date pick the row with `corridor_on`.
    """
    return read_layer(path)
