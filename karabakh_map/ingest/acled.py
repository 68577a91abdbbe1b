"""Reading ACLED CSV files into events: ACLED's current column set (since its 2023 change:
disorder_type, civilian_targeting, tags; inter1/inter2 as text in newer files), its earlier
one (data_id, iso3, event_id_no_cnty; inter1/inter2 as numbers) and our own exports.

Only the columns the record uses are required (REQUIRED); a file without them is refused
with their names. A row that cannot be read (no id, a date that is not one) is reported
and skipped, and so is a row of a kind the record does not keep (protests, riots, remote
violence...); the other rows go in. Pure functions: pipeline.py stores the rows.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from karabakh_map.ingest.errors import BadInput
from karabakh_map.model import Controller, EventType, ExtractedEvent, FuzzyDate, Precision

if TYPE_CHECKING:
    from _csv import Reader

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
            "actor2", "country", "admin1", "location", "source", "notes")
EARLIER_ONLY = ("data_id", "iso3", "event_id_no_cnty")  # gone from ACLED's exports in 2023
CURRENT_ONLY = ("disorder_type", "civilian_targeting", "tags")  # added then
MAX_NOTE = 1000
# A place name and an admin1 name -> (gazetteer place id, district id), either unknown.
Locate = Callable[[str, str], tuple[str | None, str | None]]

# ACLED sub-event types the record keeps, by lower-cased name.
SUB_TYPES = {
    "non-violent transfer of territory": EventType.TRANSFER,
    "government regains territory": EventType.CAPTURE,
    "non-state actor overtakes territory": EventType.CAPTURE,
    "armed clash": EventType.CLASH,
    "agreement": EventType.AGREEMENT,
    "looting/property destruction": EventType.DESTRUCTION,
    "change to group/activity": EventType.POLITICAL,
    "headquarters or base established": EventType.POLITICAL,
    "other": EventType.POLITICAL,
}
CONTROL = (EventType.TRANSFER, EventType.CAPTURE)
MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}


@dataclass(frozen=True)
class AcledRow:
    """One row read: its event and what the store's article record needs."""

    line: int  # the row's line in the file (the header is line 1)
    event_id: str
    event: ExtractedEvent
    source: str
    published: date  # the latest day the row allows: when its sources had it at the latest


@dataclass
class AcledFile:
    """What a file held: its column set, the rows read, and each row left out, and why."""

    columns: str  # "current", "earlier" or "minimal"
    rows: list[AcledRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _name(header: str) -> str:
    return "_".join(header.strip().lstrip("\ufeff").lower().split())


def read_acled(text: str, locate: Locate | None = None) -> AcledFile:
    """The rows of an ACLED CSV file; BadInput when the columns the record needs are not
    all there (naming the missing ones) or the file is not CSV the reader can follow (a cell
    over the csv module's size limit...)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        return _read(reader, locate)
    except csv.Error as err:  # the reader's place in the file is lost: refuse all of it
        raise BadInput(f"line {reader.line_num}: not readable as CSV ({err})") from None


def _read(reader: Reader, locate: Locate | None) -> AcledFile:
    header = [_name(h) for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise BadInput(f"not an ACLED CSV file: missing column{'s' * (len(missing) > 1)} "
                       f"{', '.join(missing)}")
    kind = ("current" if all(c in header for c in CURRENT_ONLY) else
            "earlier" if any(c in header for c in EARLIER_ONLY) else "minimal")
    out = AcledFile(kind)
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            out.skipped.append(f"line {line}: {len(cells)} cells for {len(header)} columns")
            continue
        row = {name: value.strip() for name, value in zip(header, cells, strict=True)}
        try:
            read = _row(line, row, locate)
        except ValueError as err:
            out.skipped.append(f"line {line} ({row['event_id_cnty'] or 'no id'}): {err}")
            continue
        out.rows.append(read)
    return out


def _row(line: int, row: dict[str, str], locate: Locate | None) -> AcledRow:
    event_id = row["event_id_cnty"]
    if not event_id:
        raise ValueError("no event_id_cnty")
    sub = row["sub_event_type"]
    type_ = SUB_TYPES.get(sub.casefold())
    if type_ is None:
        raise ValueError(f"{row['event_type'] or '?'} / {sub or '?'} is not a kind of event "
                         "the record keeps")
    when = _date(row["event_date"], row.get("time_precision", ""))
    actor1, actor2 = row["actor1"] or None, row["actor2"] or None
    if type_ is EventType.POLITICAL and "peacekeep" in (actor1 or "").casefold():
        type_ = EventType.PEACEKEEPERS
    place_id, district_id = locate(row["location"], row["admin1"]) if locate else (None, None)
    fatalities = row.get("fatalities", "")
    figures = ({"fatalities": int(fatalities)} if fatalities.isdecimal() and int(fatalities)
               else {})
    event = ExtractedEvent(
        type=type_, date=when, place_id=place_id, district_id=district_id,
        actor1=actor1, actor2=actor2,
        controller=side_of(actor1) if type_ in CONTROL else None,
        figures=figures, note=row["notes"][:MAX_NOTE])
    assert when.latest is not None  # _date gives a closed interval
    return AcledRow(line, event_id, event, row["source"] or "ACLED", when.latest)


def side_of(actor: str | None) -> str | None:
    """The side (model.Controller) an ACLED actor name stands for, if one."""
    name = (actor or "").casefold()
    if "peacekeep" in name:
        return Controller.PEACEKEEPERS.value
    if "azerbaijan" in name:
        return Controller.AZERBAIJAN.value
    if any(w in name for w in ("armenia", "artsakh", "nagorno-karabakh")):
        return Controller.ARMENIAN_FORCES.value
    return None


def parse_day(text: str) -> date:
    """ACLED's event_date: 2020-11-20, 20-11-2020, 20/11/2020 or 20 November 2020."""
    value = text.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
        y, mo, d = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value):
        d, mo, y = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]+)[ ,-]+(\d{4})", value):
        d, y = int(m.group(1)), int(m.group(3))
        mo = next((n for name, n in MONTHS.items() if name.startswith(m.group(2).lower())
                   and len(m.group(2)) >= 3), 0)
    else:
        raise ValueError(f"event_date {value!r} is not a date")
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"event_date {value!r} is not a calendar day") from None


def _date(text: str, precision: str) -> FuzzyDate:
    """The row's date by ACLED's time_precision: 1 (or none) the day; 2 the week around it
    (ACLED codes such events to the middle of the week); 3 its month."""
    day = parse_day(text)
    code = precision.strip() or "1"
    if code == "1":
        return FuzzyDate.day(day)
    if code == "2":
        return FuzzyDate(Precision.RANGE, day - timedelta(days=3), day + timedelta(days=3))
    if code == "3":
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return FuzzyDate(Precision.MONTH, first, last)
    raise ValueError(f"time_precision {precision!r} is not 1, 2 or 3")
