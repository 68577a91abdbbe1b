"""The data version: one short hash of what the maps show, for stamps and cache keys."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from geodata.paths import BACKDROP_FILE, CORRIDOR_FILE, DISTRICTS_FILE, ZONES_FILE
from karabakh_map.store import Engine, content_rows, last_ingested

GEODATA_FILES = (DISTRICTS_FILE, CORRIDOR_FILE, BACKDROP_FILE, ZONES_FILE)


def data_version(engine: Engine, geodata_files: Iterable[Path] = GEODATA_FILES) -> str:
    """A short hash of the store's events, sources and articles and of the geodata files.

    The same content gives the same version whatever the store's row history or ingestion
    times; any change to an event, a source link, an article's metadata or text (through
    its content hash) or a boundary file gives a new one.
    """
    digest = hashlib.sha256()
    for table, rows in content_rows(engine):
        digest.update(table.encode() + b"\0")
        for row in rows:
            digest.update(json.dumps(row, default=str).encode() + b"\n")
    for path in geodata_files:
        digest.update(Path(path).name.encode() + b"\0" + Path(path).read_bytes())
    return digest.hexdigest()[:12]


def data_as_of(engine: Engine) -> date | None:
    """When the store last took in an article (None for an empty store)."""
    return last_ingested(engine)
