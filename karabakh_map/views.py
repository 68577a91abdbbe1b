"""What the dashboard shows, as plain data: built once per store version, sliced per date.

No Streamlit here; pages call these functions and render the result.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import geopandas as gpd
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from karabakh_map import areas as areas_mod
from karabakh_map import timeline as tl
from karabakh_map.dataversion import data_version
from karabakh_map.model import Controller, EventType, overlaps
from karabakh_map.store import (
    Engine,
    Share,
    ZoneState,
    ZoneTable,
    current_version,
    query_events,
    source_texts,
)
from karabakh_map.store.review import CONFIRMED, EXTRACTED, SHOWN

DEFAULT_SPAN = (date(2020, 9, 1), date(2020, 12, 31))
WINDOW_2020 = DEFAULT_SPAN  # where the date slider opens
# The former autonomous oblast's districts: where the peacekeepers' area can lie.
NK_DISTRICTS = ("AZ-XCI", "AZ-XVD", "AZ-XA", "AZ-SUS")
QUOTE_CHARS = 400
LONG_DAYS = 31  # an event dated over a longer span is background, listed apart
VIEW_READ_ATTEMPTS = 3


@dataclass(frozen=True)
class ViewData:
    """Everything the dashboard needs from the store and geodata, for one store version.

    Control is per zone (`zone_timeline`: zone id -> ZoneState segments); `timeline` holds
    each district's segments (its split between the sides, the side holding most first)."""

    version: int  # the store's write counter (cache key)
    data_version: str  # hash of the content shown (stamps): karabakh_map.dataversion
    names: dict[str, str]  # district id -> label (districts, then the corridor)
    areas: dict[str, float]  # district id -> km²
    timeline: dict[str, list[tl.Segment]]
    key_dates: list[date]
    span: tuple[date, date]
    events: list[dict[str, Any]]  # EventRow.to_json() of every event, in date order
    zones: ZoneTable = field(default_factory=lambda: ZoneTable(()))
    zone_timeline: dict[str, list[ZoneState]] = field(default_factory=dict)
    as_of: date | None = None  # the record as known on this day (None: everything)
    reviews: tuple[str, ...] = SHOWN  # the review states shown (events' "review" field)

    def record_note(self) -> str:
        """What the view includes, in words (exports and stamps say it)."""
        return record_note(self.as_of, self.reviews)

    @property
    def confirmed_only(self) -> bool:
        """Whether the view shows confirmed events alone ("Confirmed only")."""
        return confirmed_only(self.reviews)

    def event(self, event_id: int) -> dict[str, Any] | None:
        return self._by_id().get(event_id)

    def _by_id(self) -> dict[int, dict[str, Any]]:
        cached = self.__dict__.get("_events_by_id")
        if cached is None:
            cached = {e["id"]: e for e in self.events}
            self.__dict__["_events_by_id"] = cached
        return cached


def confirmed_only(reviews: Collection[str]) -> bool:
    """Whether `reviews` (the review states shown) are confirmed events alone."""
    return set(reviews) == {CONFIRMED}


def record_note(as_of: date | None, reviews: Sequence[str] = SHOWN) -> str:
    """'confirmed and unreviewed events; the record as known on 2020-11-14' and the like."""
    states = set(reviews)
    if states >= {CONFIRMED, EXTRACTED}:
        which = "confirmed and unreviewed events (retracted ones left out)"
    elif confirmed_only(states):
        which = "confirmed events only"
    else:
        which = " and ".join(sorted(states)) + " events"
    when = f"the record as known on {as_of.isoformat()}" if as_of else "the whole record"
    return f"{which}; {when}"


def build_view_data(engine: Engine, districts: gpd.GeoDataFrame, corridor: gpd.GeoDataFrame,
                    zones: ZoneTable | None = None, *, as_of: date | None = None,
                    reviews: Sequence[str] = SHOWN) -> ViewData:
    """Read the store once: zone and district timelines, key dates, the event list, names
    and areas. `zones`: the zones layer (default: karabakh_map.areas.zone_table()).
    `as_of`: the record as known on that day; `reviews`: the review states included
    (default: confirmed and unreviewed; each event's "review" says which it is)."""
    reviews = tuple(reviews)
    table = zones if zones is not None else areas_mod.zone_table()
    names = dict(zip(districts["id"], districts["name"], strict=True))
    names.update(zip(corridor["id"], corridor["name"], strict=True))
    metric = gpd.GeoDataFrame(
        {"id": [*districts["id"], *corridor["id"]]},
        geometry=[*districts.geometry, *corridor.geometry], crs=districts.crs).to_crs(32638)
    areas = {str(i): float(a) for i, a in zip(metric["id"], (metric.area / 1e6).round(1),
                                               strict=True)}
    for did in table.district_ids():  # the zones' own areas, so shares add up
        areas[did] = round(sum(z.area_km2 for z in table.of_district(did)), 1)
    rows = list(names.items())
    # The view comes from several reads; an ingest committing between them would mix two
    # states of the store. Every write bumps the store version, so read it before and after
    # and read again on a change. After the last attempt the older version is kept, so the
    # next caller sees the store moved on and rebuilds.
    for _ in range(VIEW_READ_ATTEMPTS):
        version = current_version(engine)
        zone_tl = tl.zone_timeline(engine, table, as_of=as_of, reviews=reviews)
        timeline = tl.district_timeline(zone_tl, table, rows)
        events = [e.to_json() for e in query_events(engine, as_of=as_of, reviews=reviews)]
        add_quotes(engine, events)
        span = tl.date_span(engine, as_of=as_of, reviews=reviews) or DEFAULT_SPAN
        view = ViewData(version, data_version(engine), names, areas, timeline,
                        tl.key_dates(engine, zone_tl, as_of=as_of, reviews=reviews), span,
                        events, table, zone_tl, as_of, reviews)
        if current_version(engine) == version:
            break
    return view


def sources_with_text(engine: Engine, events: Sequence[Mapping[str, Any]]
                      ) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Each source of `events` (EventRow.to_json) with the text its offsets point into:
    the capture the link came from, else the article's own text (None when the store has
    no text for it or the link has no offsets)."""
    linked = [s for e in events for s in e["sources"] if s["end"] > s["start"]]
    article_text, capture_text = source_texts(
        engine, (s["article_id"] for s in linked if s.get("capture_id") is None),
        (s["capture_id"] for s in linked if s.get("capture_id") is not None))
    for event in events:
        for src in event["sources"]:
            text = (capture_text.get(src["capture_id"]) if src.get("capture_id") is not None
                    else article_text.get(src["article_id"]))
            yield src, (text if text and src["end"] > src["start"] else None)


def add_quotes(engine: Engine, events: list[dict[str, Any]],
               max_chars: int = QUOTE_CHARS) -> None:
    """Give each source its supporting passage, where the article's text is in the store."""
    for src, text in sources_with_text(engine, events):
        quote = text[src["start"]:src["end"]].strip() if text else None
        src["quote"] = (quote[:max_chars] + "…" if quote and len(quote) > max_chars
                        else quote)


def peacekeeping_area(view: ViewData, districts: dict[str, Any]) -> dict[str, Any] | None:
    """An approximate Russian peacekeeping area, derived from events.

    From the first peacekeeper deployment, the districts of the former oblast that Armenian
    forces still held that day. The real zone followed the contact line inside them, so
    this outline is approximate and says so.
    """
    deployments = [e for e in view.events if e["type"] == EventType.PEACEKEEPERS
                   and e["date_latest"]]
    if not deployments:
        return None
    start = min(date.fromisoformat(e["date_latest"]) for e in deployments)
    state = tl.state_on(view.timeline, start)
    held = {d for d in NK_DISTRICTS
            if (seg := state.get(d)) and seg.controller == Controller.ARMENIAN_FORCES}
    features = [f for f in districts["features"] if f["properties"]["id"] in held]
    if not features:
        return None
    shapes = unary_union([shape(f["geometry"]) for f in features])
    return {"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": mapping(shapes),
        "properties": {"id": "peacekeeping-area", "name": "Russian peacekeeping area",
                       "valid_from": start.isoformat(), "approximate": True,
                       "derivation": "districts of the former oblast held by Armenian forces "
                                     "on the day peacekeepers deployed"}}]}


def control_rows(view: ViewData, day: date) -> list[dict[str, Any]]:
    """One row per district: the side holding most on `day`, each side's share (km², %)
    and since when, any handover due."""
    rows = []
    for c in tl.districts_on(view.zone_timeline, view.zones, list(view.names.items()), day):
        rows.append({
            "id": c.id, "district": c.name, "controller": c.controller,
            "split": split_text(c.shares) if c.shares else "no record",
            "since": tl.Segment(day, c).since_text(),
            "handover due": c.scheduled,
            "area km²": view.areas.get(c.id),
            "disputed": "yes" if c.denied else "", "uncertain": "yes" if c.uncertain else "",
            "events": ", ".join(str(i) for i in c.event_ids),
        })
    return rows


def split_text(shares: Sequence[Share]) -> str:
    """'Armenian forces 78.5 % (838.2 km²) since 1993-07-23; Azerbaijan 21.5 % ...'."""
    return "; ".join(
        f"{s.controller} {s.pct:g} %" + (f" ({s.km2:,.1f} km²)" if s.km2 else "")
        + (f" since {s.since_text}" if s.since_text else "") for s in shares)


def event_overlaps(event: Mapping[str, Any], lo: date, hi: date) -> bool:
    """Whether a dated event meets [lo, hi]; undated or half-dated events never do."""
    first, last = event.get("date_earliest"), event.get("date_latest")
    if not first or not last:
        return False
    return overlaps(date.fromisoformat(str(first)), date.fromisoformat(str(last)), lo, hi)


def events_in_window(view: ViewData, day: date, window_days: int) -> list[dict[str, Any]]:
    """Events whose date overlaps the `window_days` days up to and including `day`."""
    lo = day - timedelta(days=window_days)
    return [e for e in view.events if event_overlaps(e, lo, day)]


def event_rows(events: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    """Table rows for events (plain text; the table widget shows it as text, not HTML)."""
    return [{
        "id": e["id"], "date": e["date"], "precision": e["date_precision"],
        "type": e["type"].replace("_", " "), "place": e.get("place") or "",
        "district": names.get(e.get("district") or "", e.get("district") or ""),
        "disputed": "yes" if e["disputed"] else "",
        "note": e["note"], "sources": len(e["sources"]),
        "review": e.get("review", ""),
    } for e in events]


def history_rows(view: ViewData, district_id: str) -> list[dict[str, Any]]:
    """Every change in how one district is split between the sides, with the events and
    sources behind it."""
    rows = []
    for seg in tl.district_history(view.timeline, district_id):
        sources = []
        for eid in seg.event_ids:
            event = view.event(eid)
            if event:
                sources += [f"{s.get('publisher') or 'unnamed'}, {s.get('published') or 'n.d.'}"
                            for s in event["sources"]]
        rows.append({"from": seg.start, "controller": seg.controller,
                     "split": split_text(seg.control.shares),
                     "since": seg.since_text(),
                     "events": ", ".join(str(i) for i in seg.event_ids),
                     "sources": "; ".join(dict.fromkeys(sources))})
    return rows


def compare_rows(view: ViewData, first: date, second: date) -> list[dict[str, Any]]:
    """Districts where zones changed hands between two dates: km² changed and what each
    side gained (negative: lost), then a total row."""
    changes = tl.changes_between(view.zone_timeline, view.zones, view.names, first, second)
    rows = [{"district": c.name, "on " + first.isoformat(): c.before,
             "on " + second.isoformat(): c.after, "km² changed": c.area_km2,
             "gained km²": gains_text(c.gained),
             "events": ", ".join(str(i) for i in c.event_ids)} for c in changes]
    if changes:
        total: dict[str, float] = {}
        for c in changes:
            for side, km2 in c.gained.items():
                total[side] = round(total.get(side, 0.0) + km2, 1)
        rows.append({"district": "Total", "on " + first.isoformat(): "",
                     "on " + second.isoformat(): "",
                     "km² changed": round(sum(c.area_km2 for c in changes), 1),
                     "gained km²": gains_text(total), "events": ""})
    return rows


def gains_text(gained: Mapping[str, float]) -> str:
    return "; ".join(f"{side} {km2:+,.1f}" for side, km2 in
                     sorted(gained.items(), key=lambda kv: -kv[1]))


def compare_zones(view: ViewData, first: date, second: date) -> dict[str, Any]:
    """What the map highlights for a comparison: the zones that changed hands, km² gained
    per side (negative: lost), the total km² changed."""
    changes = tl.changes_between(view.zone_timeline, view.zones, view.names, first, second)
    gained: dict[str, float] = {}
    for c in changes:
        for side, km2 in c.gained.items():
            gained[side] = round(gained.get(side, 0.0) + km2, 1)
    return {"from": first.isoformat(), "to": second.isoformat(),
            "zone_ids": [z for c in changes for z in c.zone_ids],
            "gained_km2": gained,
            "total_km2": round(sum(c.area_km2 for c in changes), 1)}


def zone_timeline_json(view: ViewData) -> dict[str, list[dict[str, Any]]]:
    """Zone id -> its segments, JSON-ready (ZoneState.to_json): what the map shades."""
    return {zid: [s.to_json() for s in segs] for zid, segs in view.zone_timeline.items()}


def district_timeline_json(view: ViewData) -> dict[str, list[dict[str, Any]]]:
    """District id -> its segments, JSON-ready (timeline.Segment.to_json, with `shares`):
    what the map's district tooltips show."""
    return {did: [s.to_json() for s in segs] for did, segs in view.timeline.items()}


def zone_rows(view: ViewData) -> dict[str, dict[str, Any]]:
    """Zone id -> its district, district name, area, flags and approximate flag."""
    return {z.zone_id: {"district_id": z.district_id,
                        "district": view.names.get(z.district_id, z.district_id),
                        "area_km2": z.area_km2, "flags": sorted(z.flags),
                        "approximate": z.approximate} for z in view.zones.zones}


def state_events(view: ViewData, day: date) -> tuple[list[dict[str, Any]],
                                                     list[dict[str, Any]]]:
    """The events the map's state on `day` rests on (any zone), and apart from them the
    long-running background events (over a month) whose span holds the day."""
    states = tl.zone_states(view.zone_timeline, day)
    ids = dict.fromkeys(i for st in states.values() for i in st.event_ids)
    resting = [e for i in ids if (e := view.event(i)) is not None]
    resting.sort(key=lambda e: (e["date_latest"] or "", e["id"]))
    background = [e for e in view.events if e["id"] not in ids and _long(e)
                  and event_overlaps(e, day, day)]
    return resting, background


def _long(event: Mapping[str, Any]) -> bool:
    first, last = event.get("date_earliest"), event.get("date_latest")
    return bool(first and last and (date.fromisoformat(str(last))
                                    - date.fromisoformat(str(first))).days > LONG_DAYS)


def step_key_date(view: ViewData, day: date, direction: int) -> date:
    """The previous (-1) or next (+1) key date from `day`; stays put at either end."""
    if direction > 0:
        later = [d for d in view.key_dates if d > day]
        return later[0] if later else day
    earlier = [d for d in view.key_dates if d < day]
    return earlier[-1] if earlier else day
