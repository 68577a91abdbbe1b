"""Export events in ACLED's CSV columns: the set ACLED's exports have had since its 2023
change (disorder_type, civilian_targeting and tags added; data_id, iso3 and
event_id_no_cnty gone), with inter1/inter2/interaction as text, as its newer exports give
them. Reading ACLED files (either column set) is ingest's (karabakh_map.ingest.acled)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from karabakh_map.model import Controller, Precision
from karabakh_map.store.queries import EventRow

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# The columns our exports had before (a file with this header is still one of ours).
EARLIER_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes",
]
# ISO 3166 alpha-2 -> (alpha-3, numeric, ACLED's country name, ACLED's region).
COUNTRIES = {
    "AZ": ("AZE", 31, "Azerbaijan", "Caucasus and Central Asia"),
    "AM": ("ARM", 51, "Armenia", "Caucasus and Central Asia"),
    "RU": ("RUS", 643, "Russia", "Europe"),
    "TR": ("TUR", 792, "Turkey", "Middle East"),
    "FR": ("FRA", 250, "France", "Europe"),
}
DISORDER = {"Battles": "Political violence", "Strategic developments": "Strategic developments"}
# Actor types (inter1/inter2) for the sides the record names: their armed forces.
STATE_FORCES = {"azerbaijan", "armenia", "russia", "turkey", str(Controller.ARMENIAN_FORCES)
                .casefold(), str(Controller.PEACEKEEPERS).casefold()}


def time_precision(ev: EventRow) -> int | None:
    """ACLED time_precision: 1 day, 2 within a week, 3 a month or vaguer."""
    d = ev.date
    if d.earliest is None or d.latest is None:
        return None
    if d.precision is Precision.DAY:
        return 1
    return 2 if (d.latest - d.earliest).days <= 7 else 3


def actor_type(actor: str | None) -> str:
    """inter1/inter2 as text: "State forces" for the sides' armed forces, else unknown."""
    return "State forces" if actor and actor.casefold() in STATE_FORCES else ""


def acled_row(ev: EventRow, district_names: Mapping[str, str]) -> dict[str, object]:
    """One ACLED row. event_date is the latest date the sources allow (the day by which it
    had happened); time_precision says how loose that is. Fatalities: 0 for strategic
    developments (ACLED's rule), blank where the record does not count them."""
    iso3, iso, country, region = COUNTRIES.get(
        ev.country or "", ("XXX", "", ev.country or "", ""))
    publishers = list(dict.fromkeys(s.publisher or "unknown" for s in ev.sources))
    notes = ev.note + (f" Disputed: {ev.dispute_note}." if ev.disputed else "") + (
        " Denied by the other side." if ev.denied else "")
    inter1, inter2 = actor_type(ev.actor1), actor_type(ev.actor2)
    event_type = ev.acled_event_type or ""
    return {
        "event_id_cnty": f"{iso3}{ev.id}",
        "event_date": ev.date.latest.isoformat() if ev.date.latest else "",
        "year": ev.date.latest.year if ev.date.latest else "",
        "time_precision": time_precision(ev) or "",
        "disorder_type": DISORDER.get(event_type, ""),
        "event_type": event_type, "sub_event_type": ev.sub_type or "",
        "actor1": ev.actor1 or "", "assoc_actor_1": "", "inter1": inter1,
        "actor2": ev.actor2 or "", "assoc_actor_2": "", "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else "",
        "civilian_targeting": "", "iso": iso, "region": region, "country": country,
        "admin1": district_names.get(ev.district_id or "", ev.district_id or ""),
        "admin2": "", "admin3": "", "location": ev.location or ev.place_id or "",
        "latitude": "" if ev.latitude is None else ev.latitude,
        "longitude": "" if ev.longitude is None else ev.longitude,
        "geo_precision": ev.geo_precision or "", "source": "; ".join(publishers),
        "source_scale": "", "notes": notes.strip(),
        "fatalities": 0 if event_type == "Strategic developments" else "",
        "tags": "", "timestamp": "",
    }


def acled_rows(
    events: Iterable[EventRow], district_names: Mapping[str, str]
) -> list[dict[str, object]]:
    """ACLED rows for events, in order."""
    return [acled_row(ev, district_names) for ev in events]
