"""Untrusted text for the Streamlit elements that read Markdown (st.table cells, alerts,
expander labels): escaped so it shows exactly as typed.

Streamlit's Markdown goes further than GitHub's: `$...$` is LaTeX, `:red[...]` colours,
`![..](url)` loads an image from any host, `[..](url)` makes a link. A backslash before
every ASCII punctuation character turns all of that (and HTML, and entities) into plain
characters, and CommonMark removes the backslashes when it renders. No Streamlit here.
"""

from __future__ import annotations

import re
import string
from datetime import date

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def markdown_literal(text: object) -> str:
    """`text` as Markdown that renders to exactly `text` (no markup, links or maths)."""
    return _PUNCTUATION.sub(r"\\\1", str(text))


def table_cell(value: object) -> object:
    """A cell for st.table: text escaped, dates as ISO text, None empty, numbers as they are
    (one type per column keeps Arrow from falling back, and logging, on every rerun)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return markdown_literal(value)
    return value
