"""Which handover deadline of a district is pending, from its deadline events.

A scheduled_handover's deadline is its `deadline` (its date). A postponement is dated by when
it was decided; it carries the deadline it replaces (`previous_deadline`) and, when stated,
the new one (`deadline`). Of the deadline events known on a day, a postponement supersedes the
deadline equal to its previous_deadline (one that does not say which deadline it moves
supersedes the earliest one before its new deadline, or on or before its own date). The
pending deadline is the earliest candidate left, ignoring handovers to whoever already holds
the area.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Deadline:
    """A deadline event as the control index keeps it."""

    event_id: int
    postponement: bool
    deadline: date | None  # scheduled: the deadline; postponement: the new one, if stated
    previous: date | None  # postponement: the deadline it replaces
    latest: date | None  # the event's own date_latest
    controller: str | None  # who the handover is to
    known_day: int  # ordinal of the day it became known


def pending_deadline(
    records: Sequence[Deadline], holder: str,
) -> tuple[date | None, int | None]:
    """The earliest deadline not superseded by a postponement, with its event id."""
    candidates = sorted((r.deadline, r.event_id) for r in records if r.deadline is not None)
    if not candidates:
        return None, None
    superseded: set[tuple[date, int]] = set()
    for r in records:
        if not r.postponement:
            continue
        if r.previous is not None:
            superseded |= {c for c in candidates if c[0] == r.previous and c[1] != r.event_id}
            continue
        if r.deadline is not None:
            older = [c for c in candidates if c[0] < r.deadline and c[1] != r.event_id]
        else:
            older = [c for c in candidates if r.latest is not None and c[0] <= r.latest]
        if older:
            superseded.add(older[0])
    to = {r.event_id: r.controller for r in records}
    pending = [c for c in candidates if c not in superseded and to.get(c[1]) != holder]
    return pending[0] if pending else (None, None)
