"""The place search box of the map and events pages: bounded input, "did you mean" choices.

A text input's `max_chars` only binds the browser's widget; a forged websocket message can
still carry a longer value (up to server.maxMessageSize), so the query is cut again here
before the gazetteer sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard import loaders
from geodata.gazetteer import Suggestion

MAX_QUERY_CHARS = 80  # the longest spelling in the gazetteer is under 60 characters
SUGGESTIONS = 5


def box(label: str, key: str, placeholder: str, container: Any = st) -> str:
    """A bounded place search box; its value, stripped and cut to MAX_QUERY_CHARS."""
    value = container.text_input(label, key=key, placeholder=placeholder,
                                 max_chars=MAX_QUERY_CHARS)
    return str(value or "")[:MAX_QUERY_CHARS].strip()


def suggestions(query: str) -> list[Suggestion]:
    """The spellings nearest to a query that found nothing (best first)."""
    return loaders.gazetteer().suggest(query[:MAX_QUERY_CHARS], SUGGESTIONS)


def did_you_mean(query: str, on_pick: Callable[[Suggestion], None], key: str) -> bool:
    """'No place by that name' and, when the gazetteer has near spellings, a button for each
    (`on_pick` runs when one is clicked). Returns whether any was offered."""
    near = suggestions(query)
    if not near:
        st.text("No place by that name, and none close to it.")
        return False
    st.text("No place by that name. Did you mean:")
    cols = st.columns(len(near))
    for col, hit in zip(cols, near, strict=True):
        label = hit.name if hit.name.casefold() == hit.place.name.casefold() \
            else f"{hit.name} ({hit.place.name})"
        col.button(label, key=f"{key}-{hit.place.id}-{hit.name}", on_click=on_pick,
                   args=(hit,), help=f"{hit.place.kind}, match {hit.score:.0f} %")
    return True
