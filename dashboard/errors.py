"""A friendly message instead of a traceback: visitors never see paths, SQL or code.

`friendly_errors()` wraps a page run (dashboard/app.py) and the map page's fragment: an
exception is logged on the server with a short reference, and the page shows a plain
message quoting that reference. Streamlit's own control flow (st.stop, st.rerun) passes
through: those are BaseExceptions, not Exceptions.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.errors import FragmentHandledException

LOG = logging.getLogger("karabakh_map.dashboard")
MESSAGE = ("Something went wrong while showing this part of the page. Reload the page or "
           "choose another date; if it happens again, tell the site's maintainers the "
           "reference {ref} (the details are in the server's log).")


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Show MESSAGE (with a reference written to the server log) for any exception."""
    try:
        yield
    except FragmentHandledException:  # a fragment's error, already shown by Streamlit
        raise
    except Exception:
        ref = secrets.token_hex(4)
        LOG.exception("dashboard error, reference %s", ref)
        st.error(MESSAGE.format(ref=ref), icon="⚠️")
