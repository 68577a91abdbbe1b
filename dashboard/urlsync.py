"""The one place the dashboard reads and writes its URL state (codec: karabakh_map.urlstate)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.literal import markdown_literal
from karabakh_map.urlstate import ViewState, encode, parse
from karabakh_map.views import ViewData

STATE_KEY = "view_state"
# Query parameters that are not view state but must survive: Streamlit's embed mode and the
# compact map's height.
PASSTHROUGH = ("embed", "embed_options", "h")


def page_span(view: ViewData, today: date | None = None) -> tuple[date, date]:
    """The dates the page can show: the record's first to today (after the last event the
    last known state carries forward)."""
    return view.span[0], max(view.span[1], today or date.today())


def read_state(view: ViewData) -> ViewState:
    """The session's view state: from the URL on first run, then from the session."""
    if STATE_KEY not in st.session_state:
        state, errors = parse(st.query_params.to_dict(), district_ids=frozenset(view.names),
                              span=page_span(view))
        st.session_state[STATE_KEY] = state
        st.session_state["url_errors"] = errors
    return st.session_state[STATE_KEY]


def write_state(state: ViewState) -> None:
    """Remember the state and mirror it into the URL (only what changed)."""
    st.session_state[STATE_KEY] = state
    current = st.query_params.to_dict()
    wanted = encode(state) | {k: v for k, v in current.items() if k in PASSTHROUGH}
    if current != wanted:
        st.query_params.from_dict(wanted)


def show_url_errors() -> None:
    """Tell the user, briefly, which URL values were ignored (messages quote the URL, so
    they are shown as literal text, never as Markdown)."""
    for message in st.session_state.pop("url_errors", []):
        st.warning(markdown_literal(message), icon="⚠️")
