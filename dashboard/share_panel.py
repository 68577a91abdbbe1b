"""The "Embed and share" panel: permalink, iframe snippet and downloads of the current view."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import streamlit as st

from dashboard import loaders
from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts
from karabakh_map.embed import iframe_snippet, permalink
from karabakh_map.export import data
from karabakh_map.export.html import store_html
from karabakh_map.export.image import draw_image
from karabakh_map.urlstate import ViewState
from karabakh_map.views import ViewData

OPEN_KEY = "share_open"


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
        record = f"record as known on {state.as_of}" if state.as_of else "the whole record"
        st.caption(f"{record} · data version {view.data_version}")
        st.markdown("Permalink to this view")
        st.code(permalink(base, cited), language=None)
        st.markdown("Iframe for wikis that allow them (map, time controls and legend only)")
        st.code(iframe_snippet(base, cited), language="html")
        st.caption("For wikis without iframes, download an image or the data below.")
        engine = loaders.get_store().engine
        day = state.date
        cols = st.columns(5)
        cols[0].download_button(
            "Map image (PNG)", data=lambda: _png(view, state), file_name=f"control-{day}.png",
            mime="image/png", on_click="ignore")
        cols[1].download_button(
            "Control (GeoJSON)", file_name=f"control-{day}.geojson",
            mime="application/geo+json", on_click="ignore",
            data=lambda: json.dumps(data.state_geojson(engine, day, load_districts(),
                                                       load_corridor())))
        cols[2].download_button(
            "Events (ACLED CSV)", file_name="events-acled.csv", mime="text/csv",
            on_click="ignore", data=lambda: data.events_acled_csv(engine, view.names))
        cols[3].download_button(
            "Events (GeoJSON)", file_name="events.geojson", mime="application/geo+json",
            on_click="ignore", data=lambda: json.dumps(data.events_geojson(engine)))
        cols[4].download_button(
            "Interactive map (HTML)", file_name=f"karabakh-map-{day}.html", mime="text/html",
            on_click="ignore", help="One file that works offline: slider, key dates, popups.",
            data=lambda: store_html(engine, view=view, opening=day))


def _png(view: ViewData, state: ViewState) -> bytes:
    buf = io.BytesIO()
    draw_image(view, load_districts(), load_corridor(), load_backdrop(), state.date, buf)
    return buf.getvalue()
