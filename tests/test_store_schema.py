"""schema.py against what the migrations build: columns, types, indexes and constraints."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from karabakh_map.store import schema
from karabakh_map.store.db import make_engine
from karabakh_map.store.migrations import migrate
from tests.conftest import BOTH

STORE_BACKENDS = BOTH  # every test using a store runs on SQLite and PostgreSQL


def _drift(engine: sa.Engine, metadata: sa.MetaData) -> list[Any]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


@pytest.fixture
def migrated(file_url: str) -> sa.Engine:
    engine = make_engine(file_url)
    migrate(engine)
    return engine


def test_a_migrated_store_is_what_schema_py_declares(migrated: sa.Engine) -> None:
    assert _drift(migrated, schema.metadata) == []


def test_a_missing_or_extra_index_is_drift(migrated: sa.Engine) -> None:
    metadata = sa.MetaData()
    for table in schema.metadata.sorted_tables:
        table.to_metadata(metadata)
    events = metadata.tables["events"]
    (place,) = [i for i in events.indexes if i.name == "ix_events_place"]
    events.indexes.discard(place)
    sa.Index("ix_events_note", events.c.note)
    kinds = {(d[0], d[1].name) for d in _drift(migrated, metadata)}
    assert kinds == {("remove_index", "ix_events_place"), ("add_index", "ix_events_note")}
