"""The review page's rules, as plain functions (dashboard/screens/review_page.py renders them):
who may edit the record, and the queue of unreviewed events with their passages."""

from __future__ import annotations

import html
import os
from typing import Any

from karabakh_map.store import Engine, query_events
from karabakh_map.store.review import EXTRACTED
from karabakh_map.views import sources_with_text

EDITOR_ENV = "KARABAKH_MAP_EDITOR"  # set by `karabakh-map serve --editor`
EDITOR_TOKEN_ENV = "KARABAKH_MAP_EDITOR_TOKEN"  # a team proxy's shared token, if any
LOOPBACK = ("127.0.0.1", "localhost", "::1")
PASSAGE_CONTEXT = 300  # characters of the article shown either side of a passage


def editor_refusal(flag: str | None, address: str | None, authenticated: bool) -> str | None:
    """Why this server may not edit the record, or None when it may. Editing needs a server
    started as an editor (`flag`, from $KARABAKH_MAP_EDITOR) and, unless the user logged
    in (Streamlit's login or the proxy's token), a server bound to this machine alone."""
    if (flag or "").strip().lower() not in ("1", "true", "yes"):
        return ("This server is read-only. Reviewing and correcting events needs a server "
                "started with `karabakh-map serve --editor`.")
    if not authenticated and (address or "").strip() not in LOOPBACK:
        return ("Editing is off: this server listens beyond this machine and nobody logged "
                "in. Bind it to localhost, or configure a login.")
    return None


def passage_html(text: str, start: int, end: int, context: int = PASSAGE_CONTEXT) -> str:
    """The passage text[start:end] marked within its context, as HTML: the article's text is
    untrusted, so every piece of it is escaped."""
    lo, hi = max(0, start - context), min(len(text), end + context)
    return ("<div style='white-space: pre-wrap'>" + ("…" if lo else "")
            + html.escape(text[lo:start]) + "<mark>" + html.escape(text[start:end])
            + "</mark>" + html.escape(text[end:hi]) + ("…" if hi < len(text) else "")
            + "</div>")


def review_queue(engine: Engine) -> list[dict[str, Any]]:
    """The unreviewed events (EventRow.to_json), each source with `passage_html` (its
    supporting passage marked in the article text; None without text or offsets)."""
    events = [e.to_json() for e in query_events(engine, reviews=(EXTRACTED,))]
    for src, text in sources_with_text(engine, events):
        src["passage_html"] = passage_html(text, src["start"], src["end"]) if text else None
    return events


def editor_mode() -> bool:
    """Whether the server was started as an editor (the review page is listed)."""
    return editor_refusal(os.environ.get(EDITOR_ENV), "127.0.0.1", True) is None
