"""Analysts' corrections: confirm, retract, edit, add, merge and split events, each one
row appended to the edit log (who, when, why, what it was and what it became).

Nothing is overwritten or deleted: ingest's events stay as ingest made them, and every read
replays the log over them (store/review.py), so a later ingest that recomputes an event
never undoes a correction. Each action runs in one write transaction that checks it against
the current state first: two editors at once queue on the write lock, and the second sees
the first's edit.
"""

from __future__ import annotations

import json
import uuid
import weakref
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from karabakh_map.model import Controller, EventType
from karabakh_map.store import schema as s
from karabakh_map.store.control import ControlIndex, control_index, corroborated_ids
from karabakh_map.store.db import inserted_id, write_connection
from karabakh_map.store.merge import LONG_SPAN_DAYS, acled_type, date_text, parse_date
from karabakh_map.store.meta import store_version
from karabakh_map.store.queries import current_events, has_edits, query_events
from karabakh_map.store.review import (
    CONFIRMED,
    DATE_FIELDS,
    EDITABLE,
    RETRACTED,
    SHOWN,
    Edit,
    control_inputs,
    read_log,
)
from karabakh_map.store.rows import EventRow
from karabakh_map.store.zones import ZoneTable

__all__ = ["EditError", "add", "check_values", "confirm", "edit", "effective_index",
           "history", "mark_confirmed", "merge", "retract", "split"]


class EditError(ValueError):
    """A correction that cannot be made (unknown event, no reason, a bad value)."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def check_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Field values as an edit stores them (JSON: dates as text), checked; '' clears a
    field. Raises EditError naming the first bad one."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in EDITABLE:
            raise EditError(f"{name!r} cannot be edited (fields: {', '.join(EDITABLE)})")
        if value in ("", None):
            if name in ("type", "date"):
                raise EditError(f"{name} cannot be empty")
            out[name] = "" if name == "note" else None
            continue
        try:
            out[name] = _checked(name, value)
        except (TypeError, ValueError) as err:
            raise EditError(f"bad {name} {value!r}: {err}") from err
    return out


def _checked(name: str, value: Any) -> Any:
    if name == "type":
        return EventType(value).value
    if name == "date":
        return date_text(parse_date(str(value)))
    if name in DATE_FIELDS:
        return date.fromisoformat(str(value)).isoformat()
    if name == "controller":
        sides = [c.value for c in Controller if c is not Controller.UNKNOWN]
        if value not in sides:
            raise ValueError(f"one of {', '.join(sides)}")
        return value
    if name in ("latitude", "longitude"):
        return float(value)
    if name == "geo_precision":
        return int(value)
    return str(value)


def _value(row: EventRow, name: str) -> Any:
    """A field of `row` as an edit stores it."""
    if name == "date":
        return date_text(row.date)
    value = getattr(row, name)
    return value.isoformat() if isinstance(value, date) else value


class _Txn:
    """One correction: the log and the events it concerns, read under the write lock."""

    def __init__(self, conn: sa.Connection, ids: Sequence[int]):
        self.conn = conn
        self.log = read_log(conn)
        self.events = current_events(conn, ids, self.log)
        gone = {m: e.event_id for e in self.log if e.action == "merge"
                for m in e.new["merged"]}
        for i in ids:
            if i in gone:
                raise EditError(f"event {i} was merged into event {gone[i]}")
            if i not in self.events:
                raise EditError(f"no event {i}")

    def record(self, event_id: int, action: str, old: dict[str, Any], new: dict[str, Any],
               reason: str, by: str, at: datetime | None) -> Edit:
        made_at = at or _now()
        edit_id = inserted_id(self.conn.execute(s.event_edits.insert().values(
            event_id=event_id, action=action, made_at=made_at, made_by=by, reason=reason,
            old_values=json.dumps(old, sort_keys=True, ensure_ascii=False),
            new_values=json.dumps(new, sort_keys=True, ensure_ascii=False))))
        self.conn.execute(s.store_meta.update().where(s.store_meta.c.key == "version")
                          .values(value=s.store_meta.c.value + 1))
        return Edit(edit_id, event_id, action, made_at, by, reason, old, new)


def _run(engine: sa.Engine, ids: Sequence[int], reason: str, by: str, step: Any) -> Edit:
    if not reason.strip():
        raise EditError("a reason is required")
    if not by.strip():
        raise EditError("say who makes the correction")
    with write_connection(engine) as conn, conn.begin():
        result: Edit = step(_Txn(conn, ids))
    return result


def _review(engine: sa.Engine, event_id: int, state: str, reason: str, by: str,
            at: datetime | None) -> Edit:
    def step(t: _Txn) -> Edit:
        was = t.events[event_id].review
        if was == state:
            raise EditError(f"event {event_id} is already {state}")
        action = "confirm" if state == CONFIRMED else "retract"
        return t.record(event_id, action, {"review": was}, {"review": state}, reason, by, at)
    return _run(engine, [event_id], reason, by, step)


def confirm(engine: sa.Engine, event_id: int, *, reason: str, by: str,
            at: datetime | None = None) -> Edit:
    """Mark an event confirmed (also takes back a retraction)."""
    return _review(engine, event_id, CONFIRMED, reason, by, at)


def retract(engine: sa.Engine, event_id: int, *, reason: str, by: str,
            at: datetime | None = None) -> Edit:
    """Retract an event: it stays in the store and its history, out of every view."""
    return _review(engine, event_id, RETRACTED, reason, by, at)


def edit(engine: sa.Engine, event_id: int, values: Mapping[str, Any], *, reason: str,
         by: str, at: datetime | None = None) -> Edit:
    """Set fields of an event (check_values); they hold whatever reports come later."""
    new = check_values(values)

    def step(t: _Txn) -> Edit:
        row = t.events[event_id]
        changed = {k: v for k, v in new.items() if _value(row, k) != v}
        if not changed:
            raise EditError(f"event {event_id} already has those values")
        old = {k: _value(row, k) for k in changed}
        return t.record(event_id, "edit", old, changed, reason, by, at)
    return _run(engine, [event_id], reason, by, step)


def _insert_event(conn: sa.Connection, key: str, values: Mapping[str, Any]) -> int:
    fd = parse_date(values.get("date"))
    days = {k: date.fromisoformat(v) if v else None
            for k, v in values.items() if k in DATE_FIELDS}
    event_type, sub = acled_type(values["type"], values.get("controller"),
                                 values.get("country"))
    row = {**{k: v for k, v in values.items() if k not in ("date", *DATE_FIELDS)}, **days,
           "key": key, "sub_type": sub, "acled_event_type": event_type,
           "date_earliest": fd.earliest, "date_latest": fd.latest,
           "date_precision": str(fd.precision),
           "long_span": bool(fd.earliest and fd.latest
                             and (fd.latest - fd.earliest).days > LONG_SPAN_DAYS),
           "note": values.get("note") or "", "disputed": False, "dispute_note": "",
           "denied": False, "review": CONFIRMED}
    return inserted_id(conn.execute(s.events.insert().values(**row)))


def add(engine: sa.Engine, values: Mapping[str, Any], *, reason: str, by: str,
        at: datetime | None = None) -> Edit:
    """Add an event of the analyst's own (no reports; `type` and `date` required)."""
    new = check_values(values)
    if "type" not in new or "date" not in new:
        raise EditError("an added event needs a type and a date")

    def step(t: _Txn) -> Edit:
        event_id = _insert_event(t.conn, f"added|{uuid.uuid4().hex}", new)
        return t.record(event_id, "add", {}, new, reason, by, at)
    return _run(engine, [], reason, by, step)


def merge(engine: sa.Engine, event_id: int, others: Sequence[int], *, reason: str,
          by: str, at: datetime | None = None) -> Edit:
    """Merge `others` into `event_id`: their reports become its reports."""
    others = list(dict.fromkeys(others))
    if not others or event_id in others:
        raise EditError("name the events to merge into it, other than itself")

    def step(t: _Txn) -> Edit:
        old = {"articles": {str(i): [x.article_id for x in t.events[i].sources]
                            for i in (event_id, *others)}}
        return t.record(event_id, "merge", old, {"merged": others}, reason, by, at)
    return _run(engine, [event_id, *others], reason, by, step)


def split(engine: sa.Engine, event_id: int, article_ids: Sequence[int],
          values: Mapping[str, Any] | None = None, *, reason: str, by: str,
          at: datetime | None = None) -> Edit:
    """Split off the reports of `article_ids` as a new event (with `values` set on it)."""
    moved = sorted(set(article_ids))
    new_values = check_values(values or {})

    def step(t: _Txn) -> Edit:
        row = t.events[event_id]
        have = [x.article_id for x in row.sources]
        if not moved or set(moved) - set(have):
            raise EditError(f"event {event_id} is reported by articles "
                            f"{', '.join(map(str, have))}: split off some of those")
        if set(moved) == set(have):
            raise EditError("that is every report of the event: edit it instead")
        base = {c: v for c, v in t.conn.execute(sa.select(s.events).where(
            s.events.c.id == event_id)).one()._asdict().items()
                if c not in ("id", "key", "review")}
        base["key"] = f"split|{event_id}|{uuid.uuid4().hex}"
        base["review"] = CONFIRMED
        new_id = inserted_id(t.conn.execute(s.events.insert().values(**base)))
        new = {"new_event": new_id, "articles": moved, "values": new_values}
        return t.record(event_id, "split", {"articles": have}, new, reason, by, at)
    return _run(engine, [event_id], reason, by, step)


def history(engine: sa.Engine, event_id: int) -> list[Edit]:
    """Every edit that concerns the event (merges into or from it, splits), oldest first."""
    with engine.connect() as conn:
        return [e for e in read_log(conn) if event_id in e.event_ids()]


def mark_confirmed(engine: sa.Engine, event_ids: Sequence[int]) -> int:
    """Give these events the review state 'confirmed' they come in with when a curated
    catalogue lists them (its articles' ArticleResult.event_ids); returns how many
    changed. Not an analyst's edit: nothing goes into the log."""
    e = s.events.c
    with write_connection(engine) as conn, conn.begin():
        n = conn.execute(s.events.update().where(e.id.in_(sorted(set(event_ids))),
                                                 e.review != CONFIRMED)
                         .values(review=CONFIRMED)).rowcount
        if n:
            conn.execute(s.store_meta.update().where(s.store_meta.c.key == "version")
                         .values(value=s.store_meta.c.value + 1))
    return int(n)


def confirm_reported_by(engine: sa.Engine, article_ids: Sequence[int]) -> int:
    """Confirm every event these (curated) articles report: mark_confirmed over their
    links, so a catalogue load cut short and run again still confirms all of it."""
    src = s.event_sources.c
    with engine.connect() as conn:
        ids = list(conn.execute(sa.select(src.event_id).distinct()
                                .where(src.article_id.in_(sorted(set(article_ids)))))
                   .scalars())
    return mark_confirmed(engine, ids)


_IndexKey = tuple[ZoneTable, date | None, tuple[str, ...]]
_INDEXES: weakref.WeakKeyDictionary[sa.Engine, dict[_IndexKey, tuple[int, ControlIndex]]] = (
    weakref.WeakKeyDictionary())


def effective_index(engine: sa.Engine, table: ZoneTable, *, as_of: date | None = None,
                    reviews: Sequence[str] = SHOWN) -> ControlIndex:
    """The control index of the record as edited (or as known on `as_of`), from the events
    in `reviews` (never retracted ones); with no edits, no as_of and the default states,
    the store's own cached index."""
    states = tuple(sorted(set(reviews) - {RETRACTED}))
    with engine.connect() as conn:
        if as_of is None and set(states) >= set(SHOWN) and not has_edits(conn):
            plain = True
        else:
            plain, version = False, store_version(conn)
    if plain:
        return control_index(engine, table)
    key = (table, as_of, states)
    per_engine = _INDEXES.setdefault(engine, {})
    cached = per_engine.get(key)
    if cached and cached[0] == version:
        return cached[1]
    rows = query_events(engine, as_of=as_of, reviews=states)
    control, deadlines = control_inputs(rows)
    index = ControlIndex(table, control, deadlines,  # type: ignore[arg-type]
                         corroborated=corroborated_ids(rows))
    if len(per_engine) > 16:  # a few dates and tables at a time
        per_engine.clear()
    per_engine[key] = (version, index)
    return index
