"""The review queue's small map: a static SVG of the districts with one place marked, drawn
from the shipped geodata (nothing fetched)."""

from __future__ import annotations

import re
import time

from karabakh_map.export.minimap import (
    HEIGHT,
    SHADE,
    WIDTH,
    district_known,
    place_svg,
    point_known,
)

KALBAJAR = (40.10, 46.04)


def _circle(svg: str) -> tuple[float, float] | None:
    found = re.search(r'<circle cx="([\d.-]+)" cy="([\d.-]+)"', svg)
    return (float(found[1]), float(found[2])) if found else None


def _shaded_box(svg: str) -> tuple[float, float, float, float]:
    (path,) = re.findall(rf'<path d="([^"]+)" fill="{SHADE}"', svg)
    xy = [tuple(map(float, p.split(","))) for p in re.findall(r"[\d.]+,[\d.]+", path)]
    xs, ys = [x for x, _ in xy], [y for _, y in xy]
    return min(xs), min(ys), max(xs), max(ys)


def test_the_point_lies_in_its_shaded_district():
    svg = place_svg(*KALBAJAR, "AZ-KAL")
    x, y = _circle(svg) or (-1, -1)
    lo_x, lo_y, hi_x, hi_y = _shaded_box(svg)
    assert lo_x < x < hi_x and lo_y < y < hi_y
    assert ">Kalbajar</text>" in svg
    # Fuzuli lies south-east of Kalbajar: lower and further right on the map.
    fx, fy = _circle(place_svg(39.60, 47.14, "AZ-FUZ")) or (-1, -1)
    assert fx > x and fy > y


def test_nothing_is_fetched_and_nothing_runs():
    svg = place_svg(*KALBAJAR, "AZ-KAL")
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]
    assert "href" not in svg and "<script" not in svg


def test_without_a_point_or_a_district_nothing_is_marked():
    district_only = place_svg(None, None, "AZ-FUZ")
    assert _circle(district_only) is None and SHADE in district_only
    point_only = place_svg(*KALBAJAR, None)
    assert _circle(point_only) is not None and f'fill="{SHADE}"' not in point_only
    nothing = place_svg(float("nan"), float("inf"), "nowhere")
    assert _circle(nothing) is None and f'fill="{SHADE}"' not in nothing
    assert district_known("AZ-FUZ") and not district_known("nowhere")
    assert not district_known(None)
    # What the review page says it shows follows the same rule as what is drawn.
    half = place_svg(KALBAJAR[0], None, None)
    assert _circle(half) is None and not point_known(KALBAJAR[0], None)
    assert point_known(*KALBAJAR) and not point_known(float("nan"), 46.0)


def test_a_place_beyond_the_districts_is_still_on_the_map():
    for lat, lon in ((40.68, 46.36), (39.2, 45.4), (38.0, 48.5)):  # Ganja, Nakhchivan side...
        x, y = _circle(place_svg(lat, lon, None)) or (-1, -1)
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT, (lat, lon)


def test_light_enough_for_a_queue():
    place_svg(*KALBAJAR, "AZ-KAL")  # outlines read once
    start = time.perf_counter()
    svgs = [place_svg(39.6 + i / 100, 46.5, "AZ-LAC") for i in range(20)]
    assert time.perf_counter() - start < 2.0  # a queue page's worth (about 5 ms each)
    assert max(len(s) for s in svgs) < 30_000
