"""The distinct report values of each event (table event_report_values), kept up to date
as reports are linked, so that recomputing an event reads a handful of rows however many
reports it has (recompute_event used to read every report: the store's cost per article
grew with the store).

What recomputing needs from the reports (merge.combine and the earliest announcement) does
not count repeats, only which values occur: per event and field, each distinct value with
the number of reports giving it (the count lets a removed report take its value away).
Fields: "date" (precision|earliest|latest, a side empty when unknown), "deadline",
"announced" (ISO days), "stance", "figure" (name=value, one row per figure).
Only the store's own writes add reports (reports.link_report); anything that removes or
moves a link must call `rebuild` for the events concerned.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from karabakh_map.model import ExtractedEvent, FuzzyDate, Precision
from karabakh_map.store import schema as s

_v = s.event_report_values.c
_VALUES = sa.select(_v.event_id, _v.field, _v.value).where(
    _v.event_id.in_(sa.bindparam("ids", expanding=True)))
_UPSERTS: dict[str, sa.Executable] = {}


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def values_of(precision: str, earliest: date | None, latest: date | None,
              deadline: date | None, announced: date | None, stance: str,
              figures: Mapping[str, int]) -> list[tuple[str, str]]:
    """The (field, value) pairs one report contributes."""
    out = [("stance", stance)]
    if earliest is not None or latest is not None:
        out.append(("date", f"{precision}|{_day(earliest)}|{_day(latest)}"))
    if deadline is not None:
        out.append(("deadline", deadline.isoformat()))
    if announced is not None:
        out.append(("announced", announced.isoformat()))
    out += [("figure", f"{name}={value}") for name, value in sorted(figures.items())]
    return out


def report_values(ev: ExtractedEvent, deadline: date | None) -> list[tuple[str, str]]:
    """values_of for an extracted report (its deadline as the store records it)."""
    return values_of(str(ev.date.precision), ev.date.earliest, ev.date.latest, deadline,
                     ev.announced, str(ev.stance), ev.figures)


def _upsert(dialect: str) -> sa.Executable:
    """INSERT, or add to the count of a value the event already has."""
    if dialect not in _UPSERTS:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = insert(s.event_report_values)
        _UPSERTS[dialect] = stmt.on_conflict_do_update(
            index_elements=[_v.event_id, _v.field, _v.value],
            set_={"reports": _v.reports + stmt.excluded.reports})
    return _UPSERTS[dialect]


def add(conn: sa.Connection, event_id: int, pairs: Iterable[tuple[str, str]]) -> None:
    """Count one more report giving each of `pairs` for the event."""
    rows = [{"event_id": event_id, "field": f, "value": v, "reports": n}
            for (f, v), n in Counter(pairs).items()]
    if rows:
        conn.execute(_upsert(conn.dialect.name), rows)


_SOURCES = sa.select(
    s.event_sources.c.event_id, s.event_sources.c.reported_precision,
    s.event_sources.c.reported_earliest, s.event_sources.c.reported_latest,
    s.event_sources.c.deadline, s.event_sources.c.announced, s.event_sources.c.stance,
    s.event_sources.c.figures)


def rebuild(conn: sa.Connection, event_ids: Sequence[int] | None = None) -> None:
    """Count the values of these events' reports afresh from event_sources (None: every
    event; a migration's backfill)."""
    query, delete = _SOURCES, s.event_report_values.delete()
    if event_ids is not None:
        ids = sorted(set(event_ids))
        query = query.where(s.event_sources.c.event_id.in_(ids))
        delete = delete.where(_v.event_id.in_(ids))
    conn.execute(delete)
    counts: Counter[tuple[int, str, str]] = Counter()
    for r in conn.execute(query):
        figures = {} if r.figures == "{}" else json.loads(r.figures)
        for pair in values_of(r.reported_precision, r.reported_earliest, r.reported_latest,
                              r.deadline, r.announced, r.stance, figures):
            counts[(r.event_id, *pair)] += 1
    rows = [{"event_id": e, "field": f, "value": v, "reports": n}
            for (e, f, v), n in counts.items()]
    for i in range(0, len(rows), 5000):
        conn.execute(s.event_report_values.insert(), rows[i:i + 5000])


@lru_cache(maxsize=65536)
def _date(value: str) -> FuzzyDate:
    precision, earliest, latest = value.split("|")
    return FuzzyDate(Precision(precision), date.fromisoformat(earliest) if earliest else None,
                     date.fromisoformat(latest) if latest else None)


@lru_cache(maxsize=65536)
def _day_of(value: str) -> date:
    return date.fromisoformat(value)


def read_many(conn: sa.Connection, event_ids: Sequence[int]) -> dict[int, dict[str, list[Any]]]:
    """Each event's distinct values by field: "date" FuzzyDates, "deadline" and
    "announced" days, "stance" strings, "figure" one-item dicts (as merge.combine takes
    them). Every event asked for is in the result (no values: empty lists)."""
    out: dict[int, dict[str, list[Any]]] = {
        e: {"date": [], "deadline": [], "announced": [], "stance": [], "figure": []}
        for e in event_ids}
    for event_id, field, value in conn.execute(_VALUES, {"ids": sorted(out)}):
        values = out[event_id]
        if field == "date":
            values[field].append(_date(value))
        elif field in ("deadline", "announced"):
            values[field].append(_day_of(value))
        elif field == "figure":
            name, _, number = value.rpartition("=")
            values[field].append({name: int(number)})
        else:
            values[field].append(value)
    return out
