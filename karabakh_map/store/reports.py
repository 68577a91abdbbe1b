"""Linking one article's reports to events: find or create the event, add the source link,
recompute the event from all its reports. Runs inside the caller's write transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

import sqlalchemy as sa

from karabakh_map.model import EventType, ExtractedEvent, FuzzyDate, Precision
from karabakh_map.store import schema as s
from karabakh_map.store.merge import (
    LONG_SPAN_DAYS,
    UNKNOWN_PREVIOUS,
    acled_type,
    combine,
    deadline_of,
    merge_key,
)


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


@dataclass
class ArticleResult:
    """What writing one article did.

    status "new": a new article, or a catalogue stub whose text arrived (`filled_stub`);
    "duplicate": the same article again (exactly, or another capture of it: then
    `capture_id` is set when its text was kept, and the events only it reports were
    added); "failed": bad input (see `reason`).
    """

    status: Literal["new", "duplicate", "failed"]
    article_id: int | None = None
    duplicate_of: int | None = None
    reason: str = ""
    events_new: int = 0
    events_merged: int = 0
    already_linked: int = 0
    event_ids: list[int] = field(default_factory=list)
    capture_id: int | None = None
    filled_stub: bool = False


def link_report(
    conn: sa.Connection, article_id: int, ev: ExtractedEvent,
    resolve_place: PlaceResolver | None, counts: ArticleResult, capture_id: int | None = None,
) -> None:
    """Merge one report into its event and link it to the article (one link per event and
    article: a second report of the same event by the same article only fills in offsets
    the first link lacks, e.g. a catalogue link once the article's text arrives)."""
    place = resolve_place(ev.place_id) if (resolve_place and ev.place_id) else None
    if place and ev.district_id is None and place.district_id:
        ev = replace(ev, district_id=place.district_id)
    key = merge_key(ev)
    row = conn.execute(sa.select(s.events.c.id).where(s.events.c.key == key)).first()
    if row is None and (ev.date.latest is None or key.endswith(UNKNOWN_PREVIOUS)):
        row = _only_candidate(conn, key)
    if row is None:
        event_id = conn.execute(s.events.insert().values(
            key=key, **_event_values(ev, place))).inserted_primary_key[0]
        counts.events_new += 1
        merged = False
    else:
        event_id = row.id
        merged = True
    src = s.event_sources.c
    linked = conn.execute(sa.select(src.id, src.start, src.end).where(
        src.event_id == event_id, src.article_id == article_id)).first()
    if linked:
        counts.already_linked += 1
        if linked.start == linked.end == 0 and ev.end > ev.start:
            conn.execute(s.event_sources.update().where(src.id == linked.id).values(
                start=ev.start, end=ev.end, capture_id=capture_id))
        return
    conn.execute(s.event_sources.insert().values(
        event_id=event_id, article_id=article_id, start=ev.start, end=ev.end,
        reported_earliest=ev.date.earliest, reported_latest=ev.date.latest,
        reported_precision=str(ev.date.precision), announced=ev.announced,
        figures=json.dumps(ev.figures, sort_keys=True), note=ev.note,
        deadline=deadline_of(ev), capture_id=capture_id,
    ))
    if merged:
        counts.events_merged += 1
        _fill_missing(conn, event_id, ev, place)
        recompute_event(conn, event_id)
    counts.event_ids.append(event_id)


def _only_candidate(conn: sa.Connection, key: str) -> sa.Row | None:
    """An undated report (or a postponement that does not say which deadline moved) joins
    the one event of the same type, place and actor, if there is exactly one (with several,
    it cannot tell which and stays apart)."""
    prefix = key.rsplit("|", 1)[0] + "|"
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
        "deadline": deadline_of(ev),
        "previous_deadline": ev.previous_deadline if ev.type is EventType.POSTPONEMENT else None,
    }


def _fill_missing(
    conn: sa.Connection, event_id: int, ev: ExtractedEvent, place: PlaceInfo | None
) -> None:
    """A later report may know what the first did not (a place, a second actor, a note)."""
    e = s.events.c
    values = _event_values(ev, place)
    fills = {name: sa.func.coalesce(e[name], values[name])
             for name in ("actor1", "actor2", "place_id", "location", "country", "latitude",
                          "longitude", "geo_precision", "previous_deadline")
             if values[name] is not None}
    if ev.note:
        fills["note"] = sa.case((e.note == "", ev.note), else_=e.note)
    if fills:
        conn.execute(s.events.update().where(e.id == event_id).values(**fills))


def recompute_event(conn: sa.Connection, event_id: int) -> None:
    """Recompute an event's date, deadline, announcement and dispute state from all its
    reports."""
    src = s.event_sources.c
    rows = conn.execute(sa.select(
        src.reported_earliest, src.reported_latest, src.reported_precision,
        src.announced, src.figures, src.deadline).where(src.event_id == event_id)).all()
    dates = [FuzzyDate(Precision(r.reported_precision), r.reported_earliest, r.reported_latest)
             for r in rows]
    deadlines = [r.deadline for r in rows]
    combined = combine(dates, [json.loads(r.figures) for r in rows], deadlines)
    announced = [r.announced for r in rows if r.announced]
    stated = [d for d in deadlines if d is not None]
    d = combined.date
    conn.execute(s.events.update().where(s.events.c.id == event_id).values(
        date_earliest=d.earliest, date_latest=d.latest, date_precision=str(d.precision),
        long_span=bool(d.earliest and d.latest and (d.latest - d.earliest).days > LONG_SPAN_DAYS),
        announced=min(announced) if announced else None,
        deadline=max(stated) if stated else None,
        disputed=combined.disputed, dispute_note=combined.dispute_note,
    ))
