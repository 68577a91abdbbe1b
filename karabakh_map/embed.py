"""Permalinks and iframe snippets for putting a dashboard view into a wiki."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from urllib.parse import urlencode, urlsplit, urlunsplit

from karabakh_map.urlstate import ViewState, encode

MIN_WIDTH, MIN_HEIGHT = 400, 300  # the compact layout works down to this frame
SNIPPET_SIZE = (600, 400)  # the snippet's default frame
FRAME_MARGIN = 0  # the compact layout strips Streamlit's padding: the map is the frame


def permalink(base_url: str, state: ViewState) -> str:
    """The URL that reproduces `state` (base_url: the app's URL without a query)."""
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(encode(state)), ""))


def embed_url(base_url: str, state: ViewState, height: int = MIN_HEIGHT) -> str:
    """The compact layout inside Streamlit's own embed mode (no app chrome), with the map
    sized to fit a frame `height` px tall."""
    link = permalink(base_url, replace(state, compact=True))
    return f"{link}&h={max(height, MIN_HEIGHT) - FRAME_MARGIN}&embed=true"


def map_height(raw: str | None, default: int = MIN_HEIGHT - FRAME_MARGIN) -> int:
    """The compact map's height from the `h` query parameter (bad values: the default)."""
    if raw and raw.isascii() and raw.isdigit():
        return min(max(int(raw), MIN_HEIGHT - FRAME_MARGIN), 2000)
    return default


def iframe_snippet(base_url: str, state: ViewState, width: int = SNIPPET_SIZE[0],
                   height: int = SNIPPET_SIZE[1]) -> str:
    """An <iframe> for wikis that allow them; sizes below 400 x 300 are raised to it."""
    width, height = max(width, MIN_WIDTH), max(height, MIN_HEIGHT)
    src = escape(embed_url(base_url, state, height), quote=True)
    return (f'<iframe src="{src}" width="{width}" height="{height}" '
            f'style="border:0" loading="lazy" '
            f'title="Control of the districts around Nagorno-Karabakh"></iframe>')
