"""Correcting an article's metadata: the same text ingested again with another publication
date or publisher (`ingest --published D --source S`).

The store knows an article by its text, so a second ingest of it is a duplicate; when the
caller gives metadata that differ from what is stored, `restate_article` updates the
article instead, in one write transaction. A new publication date changes what its
relative dates ("yesterday", "on Friday") mean: the article's reports are replaced by the
ones extracted again with that date, the events they supported are recomputed, and an
event left with no report is removed unless an analyst's edit names it or it came in
confirmed (a curated catalogue's): corrections are never undone. Reports that a capture of
the article added (another cut of its text) stay as they are. The same metadata again
changes nothing ("unchanged").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa

from karabakh_map.model import ExtractedEvent
from karabakh_map.store import report_values
from karabakh_map.store import schema as s
from karabakh_map.store.db import write_connection
from karabakh_map.store.reports import (
    ArticleResult,
    Pending,
    PlaceResolver,
    finish_merges,
    link_report,
    recompute_event,
    report_rank,
)
from karabakh_map.store.review import CONFIRMED, read_log
from karabakh_map.store.write import ArticleRecord

__all__ = ["GIVEN_FIELDS", "UPDATED", "restate_article"]

GIVEN_FIELDS = ("published", "source", "url", "title")
UPDATED = "updated metadata:"  # how a result's reason starts when the article was updated
RELEASED = "~"  # a field rank after every real one (dates and "" sort before it)

_a, _src, _e = s.articles.c, s.event_sources.c, s.events.c
_BUMP_VERSION = s.store_meta.update().where(s.store_meta.c.key == "version").values(
    value=s.store_meta.c.value + 1)


def restate_article(
    engine: sa.Engine, article: ArticleRecord, events: Sequence[ExtractedEvent], *,
    given: Sequence[str], resolve_place: PlaceResolver | None = None,
) -> ArticleResult | None:
    """Update the stored article with this text (same content hash) to the metadata the
    caller `given` (names of GIVEN_FIELDS), its reports to `events` (extracted with that
    metadata) when the publication date changed. None when no article has this text (the
    caller writes it as new); a "duplicate" result saying what changed, or "metadata
    unchanged", otherwise."""
    unknown = set(given) - set(GIVEN_FIELDS)
    if unknown:
        raise ValueError(f"not article metadata: {', '.join(sorted(unknown))}")
    chash = article.content_hash()
    with write_connection(engine) as conn, conn.begin():
        row = conn.execute(sa.select(s.articles).where(_a.content_hash == chash)).first()
        if row is None:
            return None
        article_id = row.id
        changes = {name: (getattr(row, name), getattr(article, name)) for name in given
                   if getattr(article, name) != getattr(row, name)}
        result = ArticleResult("duplicate", article_id=article_id, duplicate_of=article_id)
        if not changes:
            result.reason = f"same text as article {article_id}; metadata unchanged"
            return result
        values: dict[str, object] = {name: new for name, (_, new) in changes.items()}
        if "published" in changes:
            values["published_how"] = article.published_how
        conn.execute(s.articles.update().where(_a.id == article_id).values(**values))
        said = [f"{name} {_shown(old)} -> {_shown(new)}" for name, (old, new) in changes.items()]
        if "published" in changes:
            said += _replace_reports(conn, article_id, chash, row.published, article.published,
                                     events, resolve_place, result)
        conn.execute(_BUMP_VERSION)
    result.reason = f"{UPDATED} " + "; ".join(said)
    return result


def _shown(value: object) -> str:
    if value is None:
        return "none"
    return value.isoformat() if isinstance(value, date) else repr(value)


def _replace_reports(conn: sa.Connection, article_id: int, chash: str, old_published:
                     date | None, new_published: date | None,
                     events: Sequence[ExtractedEvent], resolve_place: PlaceResolver | None,
                     result: ArticleResult) -> list[str]:
    """Replace the reports read from the article's own text by `events`; what changed."""
    own = sa.and_(_src.article_id == article_id, _src.capture_id.is_(None))
    old = conn.execute(sa.select(_src.event_id, _src.start, _src.end, _src.reported_earliest,
                                 _src.reported_latest, _e.type)
                       .join(s.events, _e.id == _src.event_id).where(own)).all()
    touched = sorted({r.event_id for r in old})
    conn.execute(s.event_sources.delete().where(own))
    report_values.rebuild(conn, touched)  # the removed reports' values go with them
    _release_ranks(conn, touched, report_rank(old_published, chash))
    pending: Pending = {}
    rank = report_rank(new_published, chash)
    for ev in events:
        link_report(conn, article_id, ev, resolve_place, result, None, pending, None, rank)
    finish_merges(conn, pending)
    removed = _settle_touched(conn, [i for i in touched if i not in pending])
    was = {(r.start, r.end, r.type): (r.reported_earliest, r.reported_latest) for r in old}
    redated = sum(1 for ev in events if (ev.start, ev.end, str(ev.type)) in was
                  and was[(ev.start, ev.end, str(ev.type))] != (ev.date.earliest, ev.date.latest))
    gained = sum(1 for ev in events if (ev.start, ev.end, str(ev.type)) not in was)
    lost = len({(r.start, r.end, r.type) for r in old}
               - {(ev.start, ev.end, str(ev.type)) for ev in events})
    said = [f"{redated} {_events(redated)} re-dated"]
    if gained or lost:
        said.append(f"reports: {gained} new, {lost} no longer found")
    if removed:
        said.append(f"{removed} {_events(removed)} left with no report removed")
    return said


def _events(n: int) -> str:
    return "event" if n == 1 else "events"


def _release_ranks(conn: sa.Connection, event_ids: Sequence[int], old_rank: str) -> None:
    """Fields the article's old rank set (a note naming the old date...) give way to its
    new report and to any later one: their rank becomes RELEASED."""
    if not event_ids:
        return
    for event_id, ranks in conn.execute(sa.select(_e.id, _e.field_ranks)
                                        .where(_e.id.in_(event_ids))).all():
        grouped = json.loads(ranks)
        if old_rank not in grouped:
            continue
        fields = grouped.pop(old_rank)
        grouped[RELEASED] = sorted({*grouped.get(RELEASED, []), *fields})
        conn.execute(s.events.update().where(_e.id == event_id)
                     .values(field_ranks=json.dumps(grouped, sort_keys=True)))


def _settle_touched(conn: sa.Connection, event_ids: Sequence[int]) -> int:
    """Recompute events that lost a report; remove those left with none that no analyst
    touched and that did not come in confirmed. Returns how many were removed."""
    if not event_ids:
        return 0
    reported = set(conn.execute(sa.select(_src.event_id).distinct()
                                .where(_src.event_id.in_(event_ids))).scalars())
    kept = {i for edit in read_log(conn) for i in edit.event_ids()} | set(
        conn.execute(sa.select(_e.id).where(_e.id.in_(event_ids), _e.review == CONFIRMED))
        .scalars())
    orphans = [i for i in event_ids if i not in reported and i not in kept]
    for event_id in event_ids:
        if event_id in reported:
            recompute_event(conn, event_id)
    if orphans:
        conn.execute(s.events.delete().where(_e.id.in_(orphans)))
    return len(orphans)
