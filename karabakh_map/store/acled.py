"""Export events in ACLED's CSV columns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from karabakh_map.model import Precision
from karabakh_map.store.queries import EventRow

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes",
]
COUNTRIES = {"AZ": ("AZE", "Azerbaijan"), "AM": ("ARM", "Armenia"), "RU": ("RUS", "Russia"),
             "TR": ("TUR", "Turkey"), "FR": ("FRA", "France")}


def time_precision(ev: EventRow) -> int | None:
    """ACLED time_precision: 1 day, 2 within a week, 3 a month or vaguer."""
    d = ev.date
    if d.earliest is None or d.latest is None:
        return None
    if d.precision is Precision.DAY:
        return 1
    return 2 if (d.latest - d.earliest).days <= 7 else 3


def acled_row(ev: EventRow, district_names: Mapping[str, str]) -> dict[str, object]:
    """One ACLED row. event_date is the latest date the sources allow (the day by which it
    had happened); time_precision says how loose that is."""
    iso3, country = COUNTRIES.get(ev.country or "", ("XXX", ev.country or ""))
    publishers = list(dict.fromkeys(s.publisher or "unknown" for s in ev.sources))
    notes = ev.note + (f" Disputed: {ev.dispute_note}." if ev.disputed else "") + (
        " Denied by the other side." if ev.denied else "")
    return {
        "event_id_cnty": f"{iso3}{ev.id}",
        "event_date": ev.date.latest.isoformat() if ev.date.latest else "",
        "year": ev.date.latest.year if ev.date.latest else "",
        "time_precision": time_precision(ev) or "",
        "event_type": ev.acled_event_type or "", "sub_event_type": ev.sub_type or "",
        "actor1": ev.actor1 or "", "actor2": ev.actor2 or "", "country": country,
        "admin1": district_names.get(ev.district_id or "", ev.district_id or ""),
        "admin2": "", "location": ev.location or ev.place_id or "",
        "latitude": "" if ev.latitude is None else ev.latitude,
        "longitude": "" if ev.longitude is None else ev.longitude,
        "geo_precision": ev.geo_precision or "", "source": "; ".join(publishers),
        "notes": notes.strip(),
    }


def acled_rows(
    events: Iterable[EventRow], district_names: Mapping[str, str]
) -> list[dict[str, object]]:
    """ACLED rows for events, in order."""
    return [acled_row(ev, district_names) for ev in events]
