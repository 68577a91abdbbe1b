"""One date's map as a PNG or SVG, drawn with matplotlib (no browser needed).

Drawn in UTM 38N so the scale bar is true; title, date, legend and attribution included.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

import geopandas as gpd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from geodata.paths import METRIC_CRS
from karabakh_map import timeline as tl
from karabakh_map.export.files import atomic_path
from karabakh_map.mapview.style import (
    BACKDROP_STYLE,
    CORRIDOR_STYLE,
    DISTRICT_STYLE,
    palette,
)
from karabakh_map.model import Controller
from karabakh_map.views import ViewData

ATTRIBUTION = ("Boundaries: Natural Earth (public domain). Lachin corridor: approximate, "
               "derived by karabakh-map. Control derived from sourced events (karabakh-map).")
FORMATS = {".png": "png", ".svg": "svg"}


def render_image(view: ViewData, districts: gpd.GeoDataFrame, corridor: gpd.GeoDataFrame,
                 backdrop: gpd.GeoDataFrame, day: date, path: Path, *, dpi: int = 150) -> Path:
    """Write the map of control on `day` to `path` (.png or .svg) atomically: the whole
    image, or on a failure the previous file unchanged. The folder must exist."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: choose a .png or .svg file name")
    path = Path(path)
    with atomic_path(path) as tmp, tmp.open("wb") as out:
        draw_image(view, districts, corridor, backdrop, day, out, fmt=fmt, dpi=dpi)
    return path


def draw_image(view: ViewData, districts: gpd.GeoDataFrame, corridor: gpd.GeoDataFrame,
               backdrop: gpd.GeoDataFrame, day: date, out: BinaryIO, *, fmt: str = "png",
               dpi: int = 150) -> None:
    """Draw the map of control on `day` into a binary stream, as PNG or SVG."""
    state = tl.state_on(view.timeline, day)
    unknown = Controller.UNKNOWN.value
    controllers = {did: (seg.controller if seg else unknown) for did, seg in state.items()}
    colours = palette(controllers.values())
    d = districts.to_crs(METRIC_CRS)
    d["controller"] = d["id"].map(controllers).fillna(unknown)
    d["scheduled"] = d["id"].map(lambda i: bool((seg := state.get(i)) and seg.scheduled))
    minx, miny, maxx, maxy = d.total_bounds
    pad = 15_000

    # A bare Figure, not pyplot: no global state, safe in the dashboard's threads.
    fig = Figure(figsize=(8, 8.6))
    ax = fig.add_subplot()
    backdrop.to_crs(METRIC_CRS).plot(ax=ax, color=BACKDROP_STYLE["fillColor"],
                                     edgecolor=BACKDROP_STYLE["color"], linewidth=0.6)
    for controller, group in d.groupby("controller"):
        group.plot(ax=ax, color=colours[controller]["color"], edgecolor=DISTRICT_STYLE["color"],
                   linewidth=0.7, alpha=DISTRICT_STYLE["fillOpacity"])
    due = d[d["scheduled"]]
    if not due.empty:
        due.plot(ax=ax, facecolor="none", edgecolor="#111111", hatch="///", linewidth=1.5,
                 linestyle="--")
    corridor_on = str(corridor["valid_from"].iloc[0]) <= day.isoformat()
    if corridor_on:
        corridor.to_crs(METRIC_CRS).plot(ax=ax, color=CORRIDOR_STYLE["fillColor"], alpha=0.45,
                                         edgecolor=CORRIDOR_STYLE["color"], linewidth=1)
    for _, row in d.iterrows():
        p = row.geometry.representative_point()
        ax.annotate(row["name"], (p.x, p.y), ha="center", va="center", fontsize=7,
                    color="#111111", parse_math=False)
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_axis_off()
    _scale_bar(ax, minx - pad * 0.6, miny - pad * 0.6, 20_000)

    handles = [Patch(facecolor=colours[c]["color"], edgecolor="#333", label=colours[c]["label"])
               for c in colours if c in set(d["controller"]) or c != unknown]
    handles.append(Patch(facecolor="white", edgecolor="#111", hatch="///",
                         label="Handover scheduled"))
    if corridor_on:
        handles.append(Patch(facecolor=str(CORRIDOR_STYLE["fillColor"]), alpha=0.45,
                             label="Lachin corridor (approximate)"))
    legend = ax.legend(handles=handles, loc="upper left", fontsize=7, framealpha=0.9,
                       title="Control", title_fontsize=8)
    # Controllers come from the store: `$...$` in one is text, not (maybe invalid) mathtext.
    for text in legend.get_texts():
        text.set_parse_math(False)
    known = f" (record as known on {_long(view.as_of)})" if view.as_of else ""
    ax.set_title(f"Control of the districts around Nagorno-Karabakh\n{_long(day)}{known}",
                 fontsize=12)
    # What a cited image shows, so it can be reproduced: the record and the data version.
    fig.text(0.01, 0.01, ATTRIBUTION + f" Data version {view.data_version}; "
             f"{view.record_note()}.", fontsize=5.5, color="#444", wrap=True)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(out, format=fmt, dpi=dpi, metadata=_metadata(fmt, day, view))


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _scale_bar(ax: Axes, x: float, y: float, length_m: float) -> None:
    ax.add_patch(Rectangle((x, y), length_m, 1200, facecolor="#222", edgecolor="#222"))
    ax.add_patch(Rectangle((x + length_m / 2, y), length_m / 2, 1200, facecolor="white",
                           edgecolor="#222"))
    ax.annotate(f"{length_m / 1000:.0f} km", (x + length_m / 2, y + 2500), ha="center",
                fontsize=7)


def _metadata(fmt: str, day: date, view: ViewData) -> dict[str, str | None]:
    meta: dict[str, str | None] = {
        "Title": f"karabakh-map: control on {day.isoformat()}",
        "Description": f"data version {view.data_version}; {view.record_note()}"}
    # SVG gets no creation date, so the same map gives the same bytes.
    return meta if fmt == "png" else {**meta, "Date": None}
