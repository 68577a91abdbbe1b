"""The data version: one short hash of what the maps show, for stamps and cache keys."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from geodata.paths import BACKDROP_FILE, CORRIDOR_FILE, DISTRICTS_FILE
from karabakh_map.store import schema

GEODATA_FILES = (DISTRICTS_FILE, CORRIDOR_FILE, BACKDROP_FILE)
# Store content that the exported map shows (not bookkeeping such as ingestion times).
_VERSIONED = {
    schema.events: None,
    schema.event_sources: None,
    schema.articles: ("id", "content_hash", "source", "url", "title", "published"),
}

def data_version(engine: sa.Engine, geodata_files: Iterable[Path] = GEODATA_FILES) -> str:
    """A short hash of the store's events, sources and articles and of the geodata files.

    The same content gives the same version whatever the store's row history or ingestion
    times; any change to an event, a source link, an article's metadata or text (through
    its content hash) or a boundary file gives a new one.
    """
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table, names in _VERSIONED.items():
            cols = [table.c[n] for n in names] if names else list(table.c)
            digest.update(table.name.encode() + b"\0")
            for row in conn.execute(sa.select(*cols).order_by(table.c.id)):
                digest.update(json.dumps(list(row), default=str).encode() + b"\n")
    for path in geodata_files:
        digest.update(Path(path).name.encode() + b"\0" + Path(path).read_bytes())
    return digest.hexdigest()[:12]


def data_as_of(engine: sa.Engine) -> date | None:
    """When the store last took in an article (None for an empty store)."""
    with engine.connect() as conn:
        latest = conn.execute(sa.select(sa.func.max(schema.articles.c.ingested_at))).scalar()
    if isinstance(latest, str):  # SQLite may hand back text
        latest = datetime.fromisoformat(latest)
    return latest.date() if isinstance(latest, datetime) else latest
