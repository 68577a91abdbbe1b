"""The one error ingest raises for input it cannot use."""

from __future__ import annotations


class BadInput(ValueError):
    """Input that cannot be ingested; the message says why in plain words."""
