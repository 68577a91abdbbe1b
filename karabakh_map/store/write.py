"""Writing articles and their events: one transaction per article, merging into events."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Literal

import sqlalchemy as sa

from karabakh_map.model import ExtractedEvent, FuzzyDate, Precision
from karabakh_map.store import fingerprint
from karabakh_map.store import schema as s
from karabakh_map.store.db import write_connection
from karabakh_map.store.merge import LONG_SPAN_DAYS, acled_type, combine, merge_key


@dataclass(frozen=True)
class PlaceInfo:
    """What the store keeps about a gazetteer place on each event."""

    name: str
    lat: float | None
    lon: float | None
    kind: str
    district_id: str | None
    country: str | None


PlaceResolver = Callable[[str], PlaceInfo | None]
GEO_PRECISION = {"city": 1, "town": 1, "village": 1, "monastery": 1, "region": 3}


def gazetteer_resolver() -> PlaceResolver:
    """Resolve gazetteer ids with geodata.gazetteer (loaded on first call, cached there)."""
    from geodata.gazetteer import load_gazetteer

    places = load_gazetteer().places

    def resolve(place_id: str) -> PlaceInfo | None:
        p = places.get(place_id)
        if p is None:
            return None
        return PlaceInfo(p.name, p.lat, p.lon, p.kind, p.district_id, p.country)

    return resolve


@dataclass(frozen=True)
class ArticleRecord:
    """An article as the store keeps it; `text` is None for catalogue stubs."""

    title: str | None
    source: str | None
    published: date | None
    published_how: Literal["detected", "given", "missing"]
    text: str | None = None
    url: str | None = None
    language: str | None = None

    def content_hash(self) -> str:
        if self.text is not None:
            return fingerprint.content_hash(self.text)
        stub = f"stub\n{self.source}\n{self.title}\n{self.published}"
        return fingerprint.content_hash(stub)


@dataclass
class ArticleResult:
    """What writing one article did."""

    status: Literal["new", "duplicate", "failed"]
    article_id: int | None = None
    duplicate_of: int | None = None
    reason: str = ""
    events_new: int = 0
    events_merged: int = 0
    already_linked: int = 0
    event_ids: list[int] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _find_duplicate(conn: sa.Connection, chash: str, sampled: set[int]) -> tuple[int, str] | None:
    row = conn.execute(sa.select(s.articles.c.id).where(s.articles.c.content_hash == chash)).first()
    if row:
        return row.id, "same text as article"
    if not sampled:
        return None
    fp = s.article_fingerprints
    rows = conn.execute(
        sa.select(fp.c.article_id, sa.func.count().label("common"), sa.func.max(fp.c.total))
        .where(fp.c.hash.in_(sorted(sampled)))
        .group_by(fp.c.article_id)
    ).all()
    for article_id, common, total in sorted(rows, key=lambda r: -r[1]):
        if fingerprint.is_near_duplicate(common, len(sampled), total):
            return article_id, "near-duplicate capture of article"
    return None


def write_article(
    engine: sa.Engine,
    article: ArticleRecord,
    events: Sequence[ExtractedEvent],
    *,
    resolve_place: PlaceResolver | None = None,
) -> ArticleResult:
    """Store one article and merge its events, all in one transaction.

    The same article again (same normalised text, or a capture whose text one contains the
    other's) adds nothing and comes back as "duplicate". Errors roll the whole article back
    and propagate.
    """
    chash = article.content_hash()
    sampled = fingerprint.sample(article.text) if article.text else set()
    with write_connection(engine) as conn, conn.begin():
        dup = _find_duplicate(conn, chash, sampled)
        if dup:
            return ArticleResult("duplicate", duplicate_of=dup[0], reason=f"{dup[1]} {dup[0]}")
        article_id = conn.execute(
            s.articles.insert().values(
                content_hash=chash, source=article.source, url=article.url, title=article.title,
                published=article.published, published_how=article.published_how,
                language=article.language, text=article.text, ingested_at=_now(),
            )
        ).inserted_primary_key[0]
        if sampled:
            conn.execute(s.article_fingerprints.insert(), [
                {"article_id": article_id, "hash": h, "total": len(sampled)} for h in sampled
            ])
        result = ArticleResult("new", article_id=article_id)
        for ev in events:
            _write_event(conn, article_id, ev, resolve_place, result)
        conn.execute(s.store_meta.update().where(s.store_meta.c.key == "version")
                     .values(value=s.store_meta.c.value + 1))
    return result


def _write_event(
    conn: sa.Connection, article_id: int, ev: ExtractedEvent,
    resolve_place: PlaceResolver | None, result: ArticleResult,
) -> None:
    place = resolve_place(ev.place_id) if (resolve_place and ev.place_id) else None
    if place and ev.district_id is None and place.district_id:
        ev = replace(ev, district_id=place.district_id)
    key = merge_key(ev)
    row = conn.execute(sa.select(s.events.c.id).where(s.events.c.key == key)).first()
    if row is None and ev.date.latest is None:
        row = _only_candidate(conn, key)
    if row is None:
        event_id = conn.execute(s.events.insert().values(
            key=key, **_event_values(ev, place))).inserted_primary_key[0]
        result.events_new += 1
        merged = False
    else:
        event_id = row.id
        merged = True
    linked = conn.execute(sa.select(s.event_sources.c.id).where(
        s.event_sources.c.event_id == event_id, s.event_sources.c.article_id == article_id,
        s.event_sources.c.start == ev.start)).first()
    if linked:
        result.already_linked += 1
        return
    conn.execute(s.event_sources.insert().values(
        event_id=event_id, article_id=article_id, start=ev.start, end=ev.end,
        reported_earliest=ev.date.earliest, reported_latest=ev.date.latest,
        reported_precision=str(ev.date.precision), announced=ev.announced,
        figures=json.dumps(ev.figures, sort_keys=True), note=ev.note,
    ))
    if merged:
        result.events_merged += 1
        _fill_missing(conn, event_id, ev, place)
        recompute_event(conn, event_id)
    result.event_ids.append(event_id)


def _only_candidate(conn: sa.Connection, undated_key: str) -> sa.Row | None:
    """An undated report joins the one event of the same type, place and actor, if there
    is exactly one (with several, it cannot tell which and stays apart)."""
    prefix = undated_key.rsplit("|", 1)[0] + "|"
    rows = conn.execute(sa.select(s.events.c.id).where(
        sa.func.substr(s.events.c.key, 1, len(prefix)) == prefix).limit(2)).all()
    return rows[0] if len(rows) == 1 else None


def _event_values(ev: ExtractedEvent, place: PlaceInfo | None) -> dict[str, object]:
    country = place.country if place else None
    acled_event_type, sub = acled_type(str(ev.type), ev.controller, country)
    e, lt = ev.date.earliest, ev.date.latest
    return {
        "type": str(ev.type), "sub_type": sub, "acled_event_type": acled_event_type,
        "date_earliest": e, "date_latest": lt, "date_precision": str(ev.date.precision),
        "long_span": bool(e and lt and (lt - e).days > LONG_SPAN_DAYS),
        "announced": ev.announced, "actor1": ev.actor1, "actor2": ev.actor2,
        "controller": ev.controller, "place_id": ev.place_id,
        "location": place.name if place else None, "country": country,
        "district_id": ev.district_id,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "geo_precision": GEO_PRECISION.get(place.kind) if place else None,
        "note": ev.note, "disputed": False, "dispute_note": "",
    }


def _fill_missing(
    conn: sa.Connection, event_id: int, ev: ExtractedEvent, place: PlaceInfo | None
) -> None:
    """A later report may know what the first did not (a place, a second actor, a note)."""
    e = s.events.c
    values = _event_values(ev, place)
    fills = {name: sa.func.coalesce(e[name], values[name])
             for name in ("actor1", "actor2", "place_id", "location", "country", "latitude",
                          "longitude", "geo_precision") if values[name] is not None}
    if ev.note:
        fills["note"] = sa.case((e.note == "", ev.note), else_=e.note)
    if fills:
        conn.execute(s.events.update().where(e.id == event_id).values(**fills))


def recompute_event(conn: sa.Connection, event_id: int) -> None:
    """Recompute an event's date, announcement and dispute state from all its reports."""
    src = s.event_sources.c
    rows = conn.execute(sa.select(
        src.reported_earliest, src.reported_latest, src.reported_precision,
        src.announced, src.figures).where(src.event_id == event_id)).all()
    dates = [FuzzyDate(Precision(r.reported_precision), r.reported_earliest, r.reported_latest)
             for r in rows]
    combined = combine(dates, [json.loads(r.figures) for r in rows])
    announced = [r.announced for r in rows if r.announced]
    d = combined.date
    conn.execute(s.events.update().where(s.events.c.id == event_id).values(
        date_earliest=d.earliest, date_latest=d.latest, date_precision=str(d.precision),
        long_span=bool(d.earliest and d.latest and (d.latest - d.earliest).days > LONG_SPAN_DAYS),
        announced=min(announced) if announced else None,
        disputed=combined.disputed, dispute_note=combined.dispute_note,
    ))
