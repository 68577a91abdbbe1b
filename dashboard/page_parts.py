"""Small pieces of the pages: the compact embed's style, table columns, event splits."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from karabakh_map.store.review import EXTRACTED
from karabakh_map.views import ViewData

LONG_DAYS = 31  # an event dated over a longer span is background, listed apart
CONTROL_COLUMNS = ["district", "controller", "split", "since", "handover due", "disputed",
                   "uncertain", "area km²"]
# The compact embed: no padding, header or toolbar around the map; the frame is the map.
COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"], .block-container { padding: 0 !important;
  max-width: none !important; }
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0 !important; }
[data-testid="stApp"], [data-testid="stMain"] { overflow: hidden !important; }
</style>"""


def compact_style() -> None:
    """Strip the page down to the map (the compact embed)."""
    st.html(COMPACT_CSS)


def control_columns(rows: list[dict[str, Any]]) -> list[str]:
    """The control table's columns that the rows carry, in reading order."""
    have = set(rows[0]) if rows else set(CONTROL_COLUMNS)
    return [c for c in CONTROL_COLUMNS if c in have]


def _days(event: dict[str, Any]) -> int:
    first, last = event.get("date_earliest"), event.get("date_latest")
    if not first or not last:
        return 0
    return (date.fromisoformat(str(last)) - date.fromisoformat(str(first))).days


def split_long(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]],
                                                      list[dict[str, Any]]]:
    """(events of the window, long-running background events dated over LONG_DAYS)."""
    return ([e for e in events if _days(e) <= LONG_DAYS],
            [e for e in events if _days(e) > LONG_DAYS])


def undated(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events no source dates (no earliest or latest day): never in a window, not on the map."""
    return [e for e in events if not e.get("date_earliest") or not e.get("date_latest")]


def marked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event table rows with unreviewed events marked as such in words."""
    return [r | {"review": "unreviewed" if r.get("review") == EXTRACTED else r.get("review", "")}
            for r in rows]


def record_caption(view: ViewData) -> str:
    """What the view includes and its data version: the line under the map."""
    return f"Showing {view.record_note()} · data version {view.data_version}"
