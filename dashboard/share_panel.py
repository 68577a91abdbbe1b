"""The "Embed and share" panel: permalink, iframe snippet and downloads of the current view.

Every download is of the view on screen: the record as known on its record date, with the
review states it shows ("Confirmed only"), and each file says so and names its data version
(export.data.record_members; the image's caption, the HTML map's stamp)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import streamlit as st

from dashboard import loaders
from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts
from karabakh_map.embed import iframe_snippet, permalink
from karabakh_map.export import data
from karabakh_map.export.html import store_html
from karabakh_map.export.image import draw_image
from karabakh_map.store import Engine
from karabakh_map.urlstate import ViewState
from karabakh_map.views import ViewData

OPEN_KEY = "share_open"


@dataclass(frozen=True)
class Download:
    """One file the panel offers; `make` builds it only when asked for."""

    label: str
    file_name: str
    mime: str
    make: Callable[[], str | bytes]
    help: str | None = None


def name_suffix(view: ViewData) -> str:
    """What a file name adds for the record shown: '-asof-2020-11-14', '-confirmed'."""
    return (f"-asof-{view.as_of.isoformat()}" if view.as_of else "") + (
        "-confirmed" if view.confirmed_only else "")


def downloads(engine: Engine, view: ViewData, day: date) -> list[Download]:
    """The panel's files for the view (its record date and review states) on `day`."""
    as_of, reviews, version = view.as_of, view.reviews, view.data_version
    tail = name_suffix(view)
    return [
        Download("Map image (PNG)", f"control-{day}{tail}.png", "image/png",
                 lambda: _png(view, day)),
        Download("Control (GeoJSON)", f"control-{day}{tail}.geojson", "application/geo+json",
                 lambda: json.dumps(data.state_geojson(engine, day, as_of=as_of,
                                                       reviews=reviews, version=version),
                                    ensure_ascii=False)),
        Download("Events (ACLED CSV)", f"events-acled{tail}.csv", "text/csv",
                 lambda: data.events_acled_csv(engine, view.names, as_of=as_of,
                                               reviews=reviews, version=version)),
        Download("Events (GeoJSON)", f"events{tail}.geojson", "application/geo+json",
                 lambda: json.dumps(data.events_geojson(engine, as_of=as_of, reviews=reviews,
                                                        version=version),
                                    ensure_ascii=False)),
        Download("Interactive map (HTML)", f"karabakh-map-{day}{tail}.html", "text/html",
                 lambda: store_html(engine, view=view, opening=day),
                 "One file that works offline: slider, key dates, popups."),
    ]


def render(view: ViewData, state: ViewState) -> None:
    """The panel, closed; its content is built and sent only while it is open."""
    base = st.context.url or "http://localhost:8501/"
    # Lazy: the code boxes pull in the browser's syntax highlighter (1.6 MB of JavaScript),
    # which on first load competes with the map's frame for the page's one main thread.
    with st.expander("Embed and share", key=OPEN_KEY, on_change="rerun") as panel:
        if not panel.open:
            return
        # A cited view names its record date and data version, so it can be reproduced.
        cited = replace(state, version=view.data_version)
        st.caption(f"{view.record_note()} · data version {view.data_version}")
        st.markdown("Permalink to this view")
        st.code(permalink(base, cited), language=None)
        st.markdown("Iframe for wikis that allow them (map, time controls and legend only)")
        st.code(iframe_snippet(base, cited), language="html")
        st.caption("For wikis without iframes, download an image or the data below. Each "
                   "file names the record it shows and its data version.")
        files = downloads(loaders.get_store().engine, view, state.date)
        for col, file in zip(st.columns(len(files)), files, strict=True):
            col.download_button(file.label, data=file.make, file_name=file.file_name,
                                mime=file.mime, on_click="ignore", help=file.help)


def _png(view: ViewData, day: date) -> bytes:
    buf = io.BytesIO()
    draw_image(view, load_districts(), load_corridor(), load_backdrop(), day, buf)
    return buf.getvalue()
