"""Plain data types shared by ingest, the event store and the readers.

These are the contract between extraction (text in, events out) and the store
(events in, merged and sourced rows out). No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    """How precisely a date is known (ACLED's time_precision, spelled out)."""

    DAY = "day"
    RANGE = "range"  # somewhere between earliest and latest, both inclusive
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


CORRIDOR_ID = "lachin-corridor"
"""The Lachin corridor's id: a district-like area of the control layers and of events."""


class Controller(StrEnum):
    """Who holds an area. The values are what the store, exports and the browser carry."""

    AZERBAIJAN = "Azerbaijan"
    ARMENIAN_FORCES = "Armenian forces"
    PEACEKEEPERS = "Russian peacekeepers"
    UNKNOWN = "unknown"


class EventType(StrEnum):
    """Event types of the store; `acled_type` in the store module maps them to ACLED's."""

    TRANSFER = "transfer_of_territory"
    SCHEDULED = "scheduled_handover"
    POSTPONEMENT = "postponement"
    AGREEMENT = "agreement"
    PEACEKEEPERS = "peacekeeper_deployment"
    CAPTURE = "military_capture"
    DISPLACEMENT = "displacement"
    RETURN = "return_of_people"
    DESTRUCTION = "destruction_of_property"
    POLITICAL = "political_event"
    CLASH = "armed_clash"  # ACLED "Battles" / "Armed clash"
    OFFENSIVE = "offensive"  # a military operation launched (ACLED "Battles")
    CEASEFIRE = "ceasefire"  # a ceasefire or truce taking effect (ACLED "Agreement")
    BLOCKADE = "blockade"  # a road or corridor closed to traffic (no territorial change)
    CHECKPOINT = "checkpoint"  # a checkpoint set up on a road (no territorial change)
    REROUTE = "corridor_reroute"  # the Lachin corridor moved to a new road
    DISSOLUTION = "dissolution"  # an authority dissolved (ACLED "Agreement"/"Other")


class Stance(StrEnum):
    """What a report says of a claim: it reports, claims, denies or confirms the event.
    An event with a denying report is disputed until a later event confirms the change."""

    REPORTS = "reports"
    CLAIMS = "claims"
    DENIES = "denies"
    CONFIRMS = "confirms"


# Event types that carry a deadline (a scheduled handover, or a postponement moving one).
DEADLINE_TYPES = frozenset({EventType.SCHEDULED, EventType.POSTPONEMENT})
# Event types that change who holds an area.
CONTROL_TYPES = frozenset({EventType.TRANSFER, EventType.CAPTURE})


def overlaps(earliest: date | None, latest: date | None, start: date, end: date) -> bool:
    """Whether a dated span [earliest, latest] meets the window [start, end] (both inclusive).
    An open side of the span is unbounded on that side."""
    return (earliest is None or earliest <= end) and (latest is None or latest >= start)


@dataclass(frozen=True)
class FuzzyDate:
    """A date with its precision: a day, a range, a month, a year, or unknown."""

    precision: Precision
    earliest: date | None = None
    latest: date | None = None

    @classmethod
    def day(cls, d: date) -> FuzzyDate:
        return cls(Precision.DAY, d, d)

    def __post_init__(self) -> None:
        known = self.precision is not Precision.UNKNOWN
        if known and (self.earliest is None or self.latest is None):
            raise ValueError(f"a {self.precision} date needs earliest and latest")
        if self.earliest and self.latest and self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")


Day = date  # `date` is also a field name of ExtractedEvent


@dataclass(frozen=True)
class ExtractedEvent:
    """One event as one article reports it, with where in the article the support is."""

    type: EventType
    date: FuzzyDate
    place_id: str | None  # gazetteer id
    district_id: str | None  # ISO 3166-2 id of the district layer, or "lachin-corridor"
    actor1: str | None = None
    actor2: str | None = None
    controller: str | None = None  # who holds the place after the event (transfers, captures)
    announced: Day | None = None  # scheduled handovers: when the deadline became known
    # SCHEDULED: the deadline (a day); POSTPONEMENT: the new deadline, when stated.
    deadline: Day | None = None
    # POSTPONEMENT: the deadline it replaces. A postponement's own `date` is when it was
    # decided or reported, never the new deadline.
    previous_deadline: Day | None = None
    figures: dict[str, int] = field(default_factory=dict)  # e.g. {"peacekeepers": 1960}
    note: str = ""  # our own words, never article text
    # Which part of the district the event concerns when it is not the whole district and the
    # place is not a town: a zone flag of the control-areas layer (see geodata/zones.py), e.g.
    # "held_1994" (inside the line held before 27 Sep 2020) or "postwar_area".
    part: str | None = None
    stance: Stance = Stance.REPORTS
    confidence: float = 1.0  # extraction's confidence in the event (catalogue: 1.0)
    start: int = 0  # offsets into the article's stored text
    end: int = 0
