"""A small static map of one place: the districts' outlines from the shipped geodata, the
event's district shaded and its point marked, as an SVG string (the review queue shows one
per event).

Static on purpose: a queue shows many at once, so no tiles, no script and no frame per event;
nothing is fetched (it works offline) and one takes about a millisecond once the outlines
are read. Shown as an image (st.image), so even its text cannot run anything in the page.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from functools import lru_cache

import shapely
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

WIDTH, HEIGHT = 260, 210
PAD = 0.08  # degrees of margin around the districts (or the point)
SIMPLIFY = 0.002  # degrees (about 200 m): far below what a 260-pixel map can show
BACKDROP_FILL, LAND_FILL, EDGE = "#f2f0eb", "#ffffff", "#8a8a8a"
SHADE, POINT = "#fdd835", "#c62828"


@lru_cache(maxsize=1)
def _layers() -> tuple[dict[str, tuple[str, BaseGeometry]], list[BaseGeometry]]:
    """The districts (id -> (name, outline)) and the countries around them, simplified."""
    from geodata.districts import load_backdrop, load_districts

    districts = load_districts()
    outlines = {str(i): (str(n), g.simplify(SIMPLIFY)) for i, n, g in
                zip(districts["id"], districts["name"], districts.geometry, strict=True)}
    return outlines, [g.simplify(SIMPLIFY) for g in load_backdrop().geometry]


def _extent(lat: float | None, lon: float | None) -> tuple[float, float, float, float]:
    """The districts' bounds, grown to take in the point, with a margin."""
    outlines, _ = _layers()
    lo_x, lo_y, hi_x, hi_y = shapely.union_all([g for _, g in outlines.values()]).bounds
    if (point := _point(lat, lon)) is not None:
        lat, lon = point
        # Only a point near the area grows the map (a wrong coordinate must not shrink it
        # to nothing): within the backdrop's countries.
        lo_x, hi_x = min(lo_x, max(lon, 42.0)), max(hi_x, min(lon, 51.0))
        lo_y, hi_y = min(lo_y, max(lat, 37.0)), max(hi_y, min(lat, 43.0))
    return lo_x - PAD, lo_y - PAD, hi_x + PAD, hi_y + PAD


def _path(geom: BaseGeometry, to_xy: Callable[[float, float], tuple[float, float]]) -> str:
    """SVG path data of a (multi)polygon's rings."""
    parts: list[str] = []
    polygons = getattr(geom, "geoms", [geom])
    for poly in polygons:
        if not isinstance(poly, Polygon) or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            points = [to_xy(x, y) for x, y in ring.coords]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def place_svg(lat: float | None, lon: float | None, district_id: str | None,
              width: int = WIDTH, height: int = HEIGHT) -> str:
    """The map of one place: its district shaded (when known) and its point (when known)."""
    outlines, backdrop = _layers()
    lo_x, lo_y, hi_x, hi_y = _extent(lat, lon)
    # Equirectangular, squeezed by the cosine of the middle latitude: true enough here.
    squeeze = math.cos(math.radians((lo_y + hi_y) / 2))
    scale = min(width / ((hi_x - lo_x) * squeeze), height / (hi_y - lo_y))
    off_x = (width - (hi_x - lo_x) * squeeze * scale) / 2
    off_y = (height - (hi_y - lo_y) * scale) / 2

    def to_xy(x: float, y: float) -> tuple[float, float]:
        return off_x + (x - lo_x) * squeeze * scale, off_y + (hi_y - y) * scale

    # The whole picture, margins included, so the countries fill it edge to edge.
    frame = box(lo_x - off_x / (squeeze * scale), lo_y - off_y / scale,
                hi_x + off_x / (squeeze * scale), hi_y + off_y / scale)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img">',
           f'<rect width="{width}" height="{height}" fill="{BACKDROP_FILL}"/>']
    for country in backdrop:
        clipped = country.intersection(frame)
        if not clipped.is_empty:
            out.append(f'<path d="{_path(clipped, to_xy)}" fill="{LAND_FILL}" '
                       f'stroke="#a0a0a0" stroke-width="0.8" stroke-dasharray="3,2"/>')
    label = ""
    for did, (name, outline) in outlines.items():
        shaded = did == district_id
        out.append(f'<path d="{_path(outline, to_xy)}" fill="{SHADE if shaded else "none"}" '
                   f'stroke="{EDGE}" stroke-width="{1.2 if shaded else 0.6}"/>')
        if shaded:
            p = outline.representative_point()
            x, y = to_xy(p.x, p.y)
            label = (f'<text x="{x:.1f}" y="{y + 16:.1f}" font-size="11" '
                     'font-family="sans-serif" text-anchor="middle" fill="#222222" '
                     'stroke="#ffffff" stroke-width="3" paint-order="stroke">'
                     f'{html.escape(name)}</text>')
    out.append(label)
    if (point := _point(lat, lon)) is not None:
        x, y = to_xy(point[1], point[0])
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{POINT}" '
                   'stroke="#ffffff" stroke-width="1.5"/>')
    out.append("</svg>")
    return "".join(out)


def _point(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return lat, lon


def point_known(lat: float | None, lon: float | None) -> bool:
    """Whether the small map can mark this point (both coordinates, finite)."""
    return _point(lat, lon) is not None


def district_known(district_id: str | None) -> bool:
    """Whether the small map has an outline for this district."""
    return bool(district_id) and district_id in _layers()[0]
