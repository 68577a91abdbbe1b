"""The map's frame, sent without re-rendering the map on every date step.

`st_folium` renders the whole folium map to strings on every call (13 ms on an idle core,
several times that on a busy one), then hashes the script: work that only depends on the
map, which depends only on the store version. `frame_args` does that rendering once per
map (the caller caches it beside the map) and `show` hands the strings to
streamlit-folium's own frontend, as `st_folium(m, returned_objects=[], ...)` would.

With `inline=True` (the dashboard) Leaflet and timemap.js go at the head of the frame's
script and their CSS in its header: streamlit-folium's frame loads script links one after
the other and adds stylesheets without waiting for them, so linked files cost two round
trips before the map can start (and the first layout ran without its CSS). The strings are
the same on every step, and Streamlit's message cache sends a repeated element by hash.

This uses streamlit-folium's module-level helpers (pinned below 0.28 in pyproject.toml);
tests/test_dashboard_pages.py runs the page through it, so a change there shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st
import streamlit_folium as sf

from karabakh_map.mapview.files import inline_css, inline_js


@dataclass(frozen=True)
class FrameArgs:
    """What st_folium derives from a map: the frame's script, header, HTML, map id and the
    widget key its value goes under."""

    script: str
    hash_key: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def frame_args(m: folium.Map, key: str, *, inline: bool = False) -> FrameArgs:
    """Render `m` the way st_folium(m, key=key) does (build_map's maps: no feature groups,
    no layer control, no colormaps); `inline`: Leaflet and timemap.js/.css in the strings,
    no links."""
    m.get_root().render()
    m.render()
    html, header = sf._get_html(m), sf._get_header(m)
    script = sf._get_map_string(m)
    css: list[str] = []
    js: list[str] = []
    for elem in _walk(m):
        css += [href for _, href in getattr(elem, "default_css", [])]
        js += [src for _, src in getattr(elem, "default_js", [])]
    if inline:
        script, header, css, js = inline_js() + script, inline_css() + header, [], []
    return FrameArgs(script, sf.generate_js_hash(script, key, False), header, html,
                     sf.get_full_id(m), tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js)))


def _walk(element: Any) -> Any:
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def show(args: FrameArgs, *, key: str, height: int, center: Any = None,
         zoom: int | None = None, on_change: Callable[[], None] | None = None) -> Any:
    """The map's frame with streamlit-folium's frontend; the value it reports is kept in
    st.session_state[key], as st_folium keeps it."""
    hash_key = args.hash_key

    def changed() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    return sf._component_func(
        script=args.script, header=args.header, html=args.html, id=args.map_id,
        key=hash_key, height=height, width=None, returned_objects=[], default={},
        zoom=zoom, center=center, feature_group=None, return_on_hover=False,
        layer_control=None, pixelated=False, css_links=list(args.css_links),
        js_links=list(args.js_links), on_change=changed, wrap_longitude=False)
