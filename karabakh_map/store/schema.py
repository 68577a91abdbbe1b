"""Table definitions of the event store as the latest migration leaves them, indexes included.

Queries and writes use these objects; migrations.py owns how the schema gets there, with its
own frozen DDL (tests/test_store_schema.py compares a migrated store with this metadata).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text),  # publisher name or site
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("published_how", sa.String(16), nullable=False),  # detected | given | missing
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text),  # as ingested (cleaned); NULL for catalogue stubs
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.CheckConstraint(
        "published_how IN ('detected', 'given', 'missing')", name="ck_articles_published_how"
    ),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),  # merge key, see merge.merge_key
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("sub_type", sa.Text),  # ACLED sub_event_type
    sa.Column("acled_event_type", sa.Text),
    sa.Column("date_earliest", sa.Date),
    sa.Column("date_latest", sa.Date),
    sa.Column("date_precision", sa.String(16), nullable=False),
    sa.Column("long_span", sa.Boolean, nullable=False, default=False),  # > 31 days
    sa.Column("announced", sa.Date),
    sa.Column("actor1", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("controller", sa.Text),
    sa.Column("place_id", sa.Text),
    sa.Column("location", sa.Text),  # the place's neutral label when the gazetteer knows it
    sa.Column("country", sa.String(2)),
    sa.Column("district_id", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),  # ACLED: 1 town, 2 near/part of region, 3 region
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("disputed", sa.Boolean, nullable=False, default=False),  # sources differ
    sa.Column("dispute_note", sa.Text, nullable=False, default=""),
    # A claim the other side denied (a denying report and no confirming one): distinct
    # from `disputed` (sources giving different dates or figures).
    sa.Column("denied", sa.Boolean, nullable=False, default=False),
    # Which part of the district (a zone flag, see merge.merge_key), when not all of it.
    sa.Column("part", sa.Text),
    # scheduled_handover: the deadline; postponement: the new deadline (the latest reported
    # one when reports disagree; the event is then disputed) and the deadline it replaces.
    sa.Column("deadline", sa.Date),
    sa.Column("previous_deadline", sa.Date),
    # The review state the event came in with: 'extracted' (ingest) or 'confirmed' (the
    # catalogue). Analysts' confirmations and retractions live in event_edits.
    sa.Column("review", sa.String(16), nullable=False, server_default="extracted"),
    # Which report set each field the first report sets (note, actors, place...): JSON
    # {rank: [fields]}, rank = publication date|content hash; the earliest report wins.
    sa.Column("field_ranks", sa.Text, nullable=False, server_default="{}"),
    # window queries: short events by earliest date, long spans scanned separately
    sa.Index("ix_events_window", "long_span", "date_earliest", "date_latest"),
    sa.Index("ix_events_district", "district_id", "type", "date_latest"),
    sa.Index("ix_events_place", "place_id"),
    sa.Index("ix_events_type", "type", "date_earliest"),
)

event_sources = sa.Table(
    "event_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False, default=0),
    sa.Column("end", sa.Integer, nullable=False, default=0),
    sa.Column("reported_earliest", sa.Date),
    sa.Column("reported_latest", sa.Date),
    sa.Column("reported_precision", sa.String(16), nullable=False),
    sa.Column("announced", sa.Date),
    sa.Column("figures", sa.Text, nullable=False, default="{}"),  # JSON object name -> int
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("deadline", sa.Date),  # the deadline this report gives (see events.deadline)
    # reports | claims | denies | confirms (model.Stance)
    sa.Column("stance", sa.String(16), nullable=False, default="reports"),
    # Set when the offsets index a capture's text (article_captures) instead of the
    # article's. A plain integer: migration 0005 adds it to an existing table, where a
    # foreign key would not be portable.
    sa.Column("capture_id", sa.Integer),
    sa.UniqueConstraint("event_id", "article_id", "start", name="uq_event_sources_report"),
    sa.Index("ix_event_sources_article", "article_id"),
    sa.Index("ux_event_sources_event_article", "event_id", "article_id", unique=True),
)

# Each event's distinct report values with how many reports give them (report_values.py):
# recomputing an event reads these few rows, not every report. Derived from event_sources.
event_report_values = sa.Table(
    "event_report_values",
    metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("field", sa.String(16), primary_key=True),  # date | deadline | announced...
    sa.Column("value", sa.Text, primary_key=True),
    sa.Column("reports", sa.Integer, nullable=False),
)

# Another capture of an article (a re-capture with other chrome, or a shorter/longer cut):
# its text is kept so the source links it adds can be quoted.
article_captures = sa.Table(
    "article_captures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.Index("ix_article_captures_article", "article_id"),
)

# Other content hashes an article is known by: for a catalogue stub, the hashes of the real
# captures it stands for; for an article that filled a stub, the stub's own hash.
article_hashes = sa.Table(
    "article_hashes",
    metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
)

article_fingerprints = sa.Table(
    "article_fingerprints",
    metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("hash", sa.BigInteger, nullable=False),
    sa.Column("total", sa.Integer, nullable=False),  # sampled shingles of that article
    sa.Index("ix_article_fingerprints_hash", "hash"),
    sa.Index("ix_article_fingerprints_article", "article_id"),
)

# The analysts' corrections, append-only (store/edits.py): the current state of an event is
# what ingest made of it with these edits replayed in order. old_values/new_values are JSON.
event_edits = sa.Table(
    "event_edits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    # confirm | retract | edit | add | merge | split
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("made_at", sa.DateTime, nullable=False),  # UTC
    sa.Column("made_by", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("old_values", sa.Text, nullable=False),
    sa.Column("new_values", sa.Text, nullable=False),
    sa.Index("ix_event_edits_event", "event_id"),
    sa.Index("ix_event_edits_made_at", "made_at"),
)

store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("name", sa.String(128), primary_key=True),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)
