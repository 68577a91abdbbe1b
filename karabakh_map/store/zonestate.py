"""The state of one zone from one day on: who holds it, since when, how sure, what is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from karabakh_map.model import Controller, FuzzyDate
from karabakh_map.store.merge import date_text, precision_of


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class ZoneState:
    """A zone's state from `start` until the next state (None: before any event)."""

    start: date | None
    controller: str
    since: date | None  # the current run's first event, by its latest date
    since_earliest: date | None  # ... and its earliest (a range, a month or a year)
    denied: bool  # the latest control event is a denied claim, or a claim is not counted
    uncertain_from: date | None  # a range-dated change under way: it may have happened
    uncertain_to: date | None  # from uncertain_from and has by uncertain_to
    scheduled: date | None  # a handover deadline pending for the zone
    scheduled_event_id: int | None
    event_ids: tuple[int, ...]  # the events the state rests on (and the claims below)
    # A claim not counted (control.py's integrity rule): an uncorroborated report that the
    # zone changed hands against a corroborated state. The controller stays; `denied` is
    # set, so every view shows the zone as disputed; these say by whom, since when, which.
    claimed_by: str | None = None
    claim_since: date | None = None
    claim_ids: tuple[int, ...] = ()

    @property
    def uncertain(self) -> bool:
        return self.uncertain_to is not None

    @property
    def claimed(self) -> bool:
        return self.claimed_by is not None

    def since_text(self) -> str:
        """When the current run began, at the precision it is known (2020-11-10, 1993,
        2020-09-27/2020-11-10)."""
        if self.since is None:
            return ""
        first = self.since_earliest or self.since
        return date_text(FuzzyDate(precision_of(first, self.since), first, self.since)) or ""

    def same_as(self, other: ZoneState) -> bool:
        """Equal but for `start`."""
        return (self.controller, self.since, self.since_earliest, self.denied,
                self.uncertain_from, self.uncertain_to, self.scheduled, self.event_ids) == (
            other.controller, other.since, other.since_earliest, other.denied,
            other.uncertain_from, other.uncertain_to, other.scheduled, other.event_ids) and (
            self.claimed_by, self.claim_since, self.claim_ids) == (
            other.claimed_by, other.claim_since, other.claim_ids)

    def uncertain_text(self) -> str | None:
        """The range of a change under way (2022-08-25/2022-08-26), else None."""
        if self.uncertain_from is None or self.uncertain_to is None:
            return None
        return date_text(FuzzyDate(precision_of(self.uncertain_from, self.uncertain_to),
                                   self.uncertain_from, self.uncertain_to))

    def notes(self) -> list[str]:
        """What else the state says, in words (denial, change under way, deadline)."""
        out = []
        if self.claimed:
            ids = ", ".join(map(str, self.claim_ids))
            out.append(f"Disputed: an uncorroborated report (event {ids}) says "
                       f"{self.claimed_by} took it on {iso(self.claim_since)}; not counted "
                       "until another publisher or a review confirms it")
        elif self.denied:
            out.append(f"Disputed: the other side denied the change of {self.since_text()}")
        if self.uncertain:
            out.append(f"Changing hands: dated only to {self.uncertain_text()}")
        if self.scheduled:
            out.append(f"Handover due by {self.scheduled.isoformat()}")
        return out

    def to_json(self) -> dict[str, Any]:
        """The segment as the map takes it (dates as ISO text): `denied` a bool (a denied or
        an uncounted claim), with its words in `denied_note`; `uncertain` the range text of
        a change under way or None; `claimed_by`, `claim_since`, `claim_ids`: the claim."""
        return {
            "from": iso(self.start), "controller": self.controller, "since": iso(self.since),
            "since_text": self.since_text(), "denied": self.denied,
            "denied_note": self.notes()[0] if self.denied else None,
            "uncertain": self.uncertain_text(), "uncertain_from": iso(self.uncertain_from),
            "uncertain_to": iso(self.uncertain_to), "scheduled": iso(self.scheduled),
            "event_ids": list(self.event_ids), "claimed_by": self.claimed_by,
            "claim_since": iso(self.claim_since), "claim_ids": list(self.claim_ids),
        }


UNKNOWN_STATE = ZoneState(None, Controller.UNKNOWN.value, None, None, False, None, None, None,
                          None, ())
