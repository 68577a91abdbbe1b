"""Short event notes in our own words, built from templates (never article sentences)."""

from __future__ import annotations

from geodata.district_spec import DISTRICTS
from karabakh_map.model import CORRIDOR_ID, Controller, EventType, FuzzyDate, Precision

DISTRICT_NAMES = {d.id: d.name for d in DISTRICTS}  # a district's label in notes


def format_date(d: FuzzyDate) -> str:
    """A compact human form of a FuzzyDate: '20 Nov 2020', '24–25 Nov 2020', 'Nov 2020'."""
    a, b = d.earliest, d.latest
    if d.precision is Precision.UNKNOWN or a is None or b is None:
        return "date unknown" if b is None else f"date unknown, by {b:%-d %b %Y}"
    if d.precision is Precision.DAY:
        return f"{a:%-d %b %Y}"
    if d.precision is Precision.MONTH:
        return f"{a:%b %Y}"
    if d.precision is Precision.YEAR:
        return f"{a:%Y}"
    if a.year == b.year and a.month == b.month:
        return f"{a.day}–{b:%-d %b %Y}"
    if a.year == b.year:
        return f"{a:%-d %b}–{b:%-d %b %Y}"
    return f"{a:%Y}–{b:%Y}" if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) else \
        f"{a:%-d %b %Y}–{b:%-d %b %Y}"


def where(place_name: str | None, district_id: str | None, *, territory: bool) -> str:
    """'Aghdam district', 'the Lachin corridor' or the place's own name."""
    if district_id == CORRIDOR_ID:
        return "the Lachin corridor"
    if territory and district_id in DISTRICT_NAMES:
        return f"{DISTRICT_NAMES[district_id]} district"
    return place_name or "an unnamed place"


def _figure(figures: dict[str, int], key: str, approximate: bool) -> str:
    if key not in figures:
        return ""
    return f"{'about ' if approximate else ''}{figures[key]:,}"


def make_note(kind: EventType, *, place: str, date: FuzzyDate, controller: str | None = None,
              figures: dict[str, int] | None = None, approximate: bool = False,
              superseded: bool = False, deadline: bool = False, detail: str = "",
              russia: bool = False) -> str:
    """The note of one event, from fixed templates."""
    figures = figures or {}
    when = format_date(date)
    to = controller or Controller.AZERBAIJAN.value  # handovers in the record go to Azerbaijan
    if kind is EventType.TRANSFER:
        note = f"{place} came under {to} control by handover ({when})."
    elif kind is EventType.SCHEDULED:
        verb = "due no later than" if deadline else "set for"
        note = f"Handover of {place} to {to} {verb} {when}."
        if superseded:
            note += " This date was later pushed back."
    elif kind is EventType.POSTPONEMENT:
        note = f"The handover date for {place} was pushed back"
        note += f" ({detail})." if detail else "."
    elif kind is EventType.AGREEMENT:
        note = f"Report of a ceasefire or agreement dated {when}"
        note += ", mediated by Russia." if russia else "."
    elif kind is EventType.PEACEKEEPERS:
        n = _figure(figures, "peacekeepers", approximate)
        note = f"Russian peacekeepers at {place}"
        note += f": {n} troops" if n else ""
        note += " (figure given as approximate)." if n and approximate else "."
    elif kind is EventType.CAPTURE:
        note = f"{controller or 'Unknown forces'} took {place} by force ({when})."
    elif kind is EventType.DISPLACEMENT:
        n = _figure(figures, "people", approximate)
        note = f"Residents displaced from or around {place}" + (f", {n} people." if n else ".")
    elif kind is EventType.RETURN:
        n = _figure(figures, "people", approximate)
        note = f"Displaced people coming back to {place}" + (f", {n} people." if n else ".")
    elif kind is EventType.CLASH:
        note = f"Armed clashes break out in or around {place} ({when})."
    elif kind is EventType.DESTRUCTION:
        note = f"Homes, sites or property damaged or destroyed in {place}."
    else:
        note = f"Political development ({detail or 'unspecified'})"
        note += f" concerning {place}." if place != "an unnamed place" else "."
    return note[:1].upper() + note[1:]
