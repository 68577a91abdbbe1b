"""Linking one article's reports to events: find or create the event, add the source link,
recompute the event from all its reports. Runs inside the caller's write transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal

import sqlalchemy as sa

from karabakh_map.model import EventType, ExtractedEvent
from karabakh_map.store import report_values
from karabakh_map.store import schema as s
from karabakh_map.store.db import inserted_id
from karabakh_map.store.merge import (
    LONG_SPAN_DAYS,
    UNKNOWN_PREVIOUS,
    acled_type,
    combine,
    deadline_of,
    is_denied,
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


# Statements built once: building a Core statement per report costs more than running it.
_src = s.event_sources.c
# The event of a key with this article's link to it, if any: one statement.
_EVENT_BY_KEY = sa.select(
    s.events.c.id, _src.id.label("link_id"), _src.start, _src.end,
).select_from(
    s.events.outerjoin(s.event_sources, sa.and_(_src.event_id == s.events.c.id,
                                                _src.article_id == sa.bindparam("a")))
).where(s.events.c.key == sa.bindparam("k"))
_LINK = sa.select(_src.id.label("link_id"), _src.start, _src.end).where(
    _src.event_id == sa.bindparam("e"), _src.article_id == sa.bindparam("a"))
_SET_OFFSETS = s.event_sources.update().where(s.event_sources.c.id == sa.bindparam("link_id"))
_INSERT_EVENT = s.events.insert()
_INSERT_SOURCE = s.event_sources.insert()

# Reports waiting for finish_merges, by event: (report, its place, its rank).
Pending = dict[int, list[tuple[ExtractedEvent, "PlaceInfo | None", str]]]
NO_DATE = "9999-12-31"  # an article without a publication date ranks after every dated one


def report_rank(published: date | None, content_hash: str) -> str:
    """Which report of an event sets the fields the first report sets (note, actors...):
    the earliest published, ties by content hash, so the outcome does not depend on the
    order articles arrive in. A catalogue's reports rank "" (first): curated values stay."""
    return f"{published.isoformat() if published else NO_DATE}|{content_hash[:16]}"


def link_report(
    conn: sa.Connection, article_id: int, ev: ExtractedEvent,
    resolve_place: PlaceResolver | None, counts: ArticleResult, capture_id: int | None = None,
    pending: Pending | None = None, key: str | None = None, rank: str = "",
) -> bool:
    """Merge one report into its event and link it to the article (one link per event and
    article: a second report of the same event by the same article only fills in offsets
    the first link lacks, e.g. a catalogue link once the article's text arrives).
    `key`, when given, is the event's merge key (a catalogue's own grouping) instead of
    merge.merge_key's. `rank`: see report_rank.

    Events that got a new report are recomputed at once, or collected in `pending` for
    `finish_merges` (once per event however many reports the article adds to it).
    Returns whether it wrote a link (a new one, or offsets into the article's text)."""
    place = resolve_place(ev.place_id) if (resolve_place and ev.place_id) else None
    if place and ev.district_id is None and place.district_id:
        ev = replace(ev, district_id=place.district_id)
    explicit = key is not None  # a catalogue's grouping: no looking for other candidates
    key = key if key is not None else merge_key(ev)
    row = conn.execute(_EVENT_BY_KEY, {"k": key, "a": article_id}).first()
    if row is not None or explicit:
        pass
    elif ev.date.latest is None or key.endswith(UNKNOWN_PREVIOUS):
        row = _only_candidate(conn, key)
    elif ev.date.earliest is None:
        # "by the article's date" only: the year in its key is the article's, not the
        # event's (a 2021 article recalling a 2020 handover), so look across years too.
        row = _only_candidate(conn, key, no_later_than=ev.date.latest)
    if row is None:
        values = _event_values(ev, place)
        ranks = {name: rank for name in _FILLABLE if values[name] not in (None, "")}
        event_id = inserted_id(conn.execute(_INSERT_EVENT, {
            "key": key, **values, "field_ranks": _dump_ranks(ranks)}))
        counts.events_new += 1
        merged, linked = False, None  # a new event has no links yet
    else:
        event_id = row.id
        merged = True
        # found by key: its link to this article came with it (outer join)
        linked = (row if "link_id" in row._fields
                  else conn.execute(_LINK, {"e": event_id, "a": article_id}).first())
    if linked is not None and linked.link_id is not None:
        counts.already_linked += 1
        if linked.start == linked.end == 0 and ev.end > ev.start:
            conn.execute(_SET_OFFSETS, {"link_id": linked.link_id, "start": ev.start,
                                        "end": ev.end, "capture_id": capture_id})
            return True
        return False
    deadline = deadline_of(ev)
    conn.execute(_INSERT_SOURCE, {
        "event_id": event_id, "article_id": article_id, "start": ev.start, "end": ev.end,
        "reported_earliest": ev.date.earliest, "reported_latest": ev.date.latest,
        "reported_precision": str(ev.date.precision), "announced": ev.announced,
        "figures": json.dumps(ev.figures, sort_keys=True), "note": ev.note,
        "deadline": deadline, "capture_id": capture_id, "stance": str(ev.stance),
    })
    report_values.add(conn, event_id, report_values.report_values(ev, deadline))
    if merged:
        counts.events_merged += 1
        if pending is None:
            _settle_fields(conn, event_id, [(ev, place, rank)])
            recompute_event(conn, event_id)
        else:
            pending.setdefault(event_id, []).append((ev, place, rank))
    counts.event_ids.append(event_id)
    return True


def finish_merges(conn: sa.Connection, pending: Pending) -> None:
    """Fill in and recompute every event that got new reports (see link_report): their
    rows and report values read in one query each, their updates sent in one batch."""
    if not pending:
        return
    ids = sorted(pending)
    current = {r.id: r._asdict() for r in conn.execute(_FILL_ROWS, {"ids": ids})}
    for event_id in ids:
        _settle_fields(conn, event_id, pending[event_id], current[event_id])
    recompute_events(conn, ids)


RECALL_DAYS = 366  # how far back an undated "by the article's date" report may reach


def _only_candidate(conn: sa.Connection, key: str,
                    no_later_than: date | None = None) -> sa.Row | None:
    """An undated report (or a postponement that does not say which deadline moved) joins
    the one event of the same type, place and actor, if there is exactly one (with several,
    it cannot tell which and stays apart). With `no_later_than`, of any year, only events
    that may have happened by that day and within the year before it count: a report "by"
    a 2021 article's date may recall a 2020 handover, never the record's 1991 starting state."""
    e = s.events.c
    prefix = key.rsplit("|", 1)[0] + "|"
    query = sa.select(e.id).where(sa.func.substr(e.key, 1, len(prefix)) == prefix)
    if no_later_than is not None:
        query = query.where(
            sa.or_(e.date_earliest.is_(None), e.date_earliest <= no_later_than),
            sa.or_(e.date_latest.is_(None),
                   e.date_latest >= no_later_than - timedelta(days=RECALL_DAYS)))
    rows = conn.execute(query.limit(2)).all()
    return rows[0] if len(rows) == 1 else None


def _country(ev: ExtractedEvent, place: PlaceInfo | None) -> str | None:
    """The place's country, else the one an ISO 3166-2 district id names (AZ-AGM: AZ)."""
    if place is not None:
        return place.country
    district = ev.district_id or ""
    prefix, dash, _ = district.partition("-")
    return prefix if dash and len(prefix) == 2 and prefix.isupper() else None


def _event_values(ev: ExtractedEvent, place: PlaceInfo | None) -> dict[str, object]:
    country = _country(ev, place)
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
        "denied": is_denied([str(ev.stance)]), "part": ev.part,
        "deadline": deadline_of(ev),
        "previous_deadline": ev.previous_deadline if ev.type is EventType.POSTPONEMENT else None,
    }


_FILLABLE = ("actor1", "actor2", "place_id", "location", "country", "latitude", "longitude",
             "geo_precision", "previous_deadline", "note", "part")
_FILL_ROWS = sa.select(s.events.c.id, *(s.events.c[n] for n in _FILLABLE),
                       s.events.c.field_ranks).where(
    s.events.c.id.in_(sa.bindparam("ids", expanding=True)))
_UPDATE_EVENT = s.events.update().where(s.events.c.id == sa.bindparam("event_id"))


def _load_ranks(text: str) -> dict[str, str]:
    return {name: rank for rank, names in json.loads(text).items() for name in names}


def _dump_ranks(ranks: dict[str, str]) -> str:
    """{rank: [fields]}: most fields of an event share one rank, stored once."""
    grouped: dict[str, list[str]] = {}
    for name, rank in sorted(ranks.items()):
        grouped.setdefault(rank, []).append(name)
    return json.dumps(grouped, sort_keys=True)


def _settle_fields(conn: sa.Connection, event_id: int,
                   reports: Sequence[tuple[ExtractedEvent, PlaceInfo | None, str]],
                   current: dict[str, Any] | None = None) -> None:
    """Each field the first report sets holds the value of the earliest-ranked report that
    has one (report_rank): a later report fills what is empty, an earlier one replaces.
    A field whose rank is not recorded (stores from before ranks) is never replaced.
    `current`: the event's row (_FILL_ROWS), when already read."""
    if current is None:
        current = conn.execute(_FILL_ROWS, {"ids": [event_id]}).one()._asdict()
    ranks = _load_ranks(current["field_ranks"])
    fills: dict[str, object] = {}
    for ev, place, rank in sorted(reports, key=lambda r: r[2]):
        values = _event_values(ev, place)
        for name in _FILLABLE:
            if values[name] in (None, ""):
                continue
            held = ranks.get(name, None if current[name] in (None, "") else "")
            if held is None or rank < held:
                fills[name], ranks[name] = values[name], rank
    if fills:
        conn.execute(_UPDATE_EVENT, {"event_id": event_id, **fills,
                                     "field_ranks": _dump_ranks(ranks)})


def recompute_event(conn: sa.Connection, event_id: int) -> None:
    """Recompute an event's date, deadline, announcement, dispute state and denial from all
    its reports: from their distinct values (report_values.py), a handful of rows however
    many reports the event has."""
    recompute_events(conn, [event_id])


def recompute_events(conn: sa.Connection, event_ids: Sequence[int]) -> None:
    """recompute_event for several events: one read, one batch of updates."""
    updates = []
    for event_id, values in report_values.read_many(conn, event_ids).items():
        announced = min(values["announced"], default=None)
        stated = values["deadline"]
        combined = combine(values["date"], values["figure"], stated, values["stance"])
        d = combined.date
        updates.append({
            "event_id": event_id, "date_earliest": d.earliest, "date_latest": d.latest,
            "date_precision": str(d.precision),
            "long_span": bool(d.earliest and d.latest
                              and (d.latest - d.earliest).days > LONG_SPAN_DAYS),
            "announced": announced,
            "deadline": max(stated) if stated else None,
            "disputed": combined.disputed, "dispute_note": combined.dispute_note,
            "denied": combined.denied,
        })
    if updates:
        conn.execute(_UPDATE_EVENT, updates)
