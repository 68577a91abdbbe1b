"""The map's optional layers: the names the map, its config and the URL (?layers=) share."""

from __future__ import annotations

LAYERS = ("corridor", "peacekeepers", "events", "labels", "tiles")
"""Every layer, in the order a URL lists them."""
DEFAULT_LAYERS = frozenset({"corridor", "peacekeepers", "events", "labels"})
"""Shown unless a link says otherwise (online tiles stay off: the map works offline)."""
