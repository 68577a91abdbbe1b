"""Colours and styles of the map: controllers, scheduled handovers, overlays.

The palette is Okabe-Ito (distinguishable with the common colour-vision deficiencies), and
a handover that is scheduled but not done is drawn hatched with a dashed outline, so the
state never rests on hue alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from karabakh_map.model import Controller

UNKNOWN_COLOUR = "#BBBBBB"
UNKNOWN_LABEL = "Unknown"
# Fixed colours for the controllers the store knows; anything else gets the next free one.
KNOWN_COLOURS: dict[str, str] = {
    Controller.AZERBAIJAN: "#0072B2",        # blue
    Controller.ARMENIAN_FORCES: "#E69F00",   # orange
    Controller.PEACEKEEPERS: "#009E73",      # bluish green
}
SPARE_COLOURS = ("#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

DISTRICT_STYLE = {"color": "#333333", "weight": 1, "fillOpacity": 0.7, "dashArray": None}
SCHEDULED_STYLE = {"color": "#111111", "weight": 2.5, "fillOpacity": 0.8, "dashArray": "6 4"}
# A capture claimed and denied: dark red stripes, solid dark red outline.
DENIED_STYLE = {"color": "#9B1C1C", "weight": 2.5, "fillOpacity": 0.8, "dashArray": None}
# A change dated only to a range, in progress: white dots, dotted outline.
UNCERTAIN_STYLE = {"color": "#111111", "weight": 2, "fillOpacity": 0.8, "dashArray": "1 4"}
CHANGED_STYLE = {"color": "#CC0000", "weight": 3.5}  # changed since the compare date
# Zones carry the colours; the district above them is an outline that takes the pointer.
DISTRICT_OUTLINE_STYLE = {"color": "#333333", "weight": 1.5, "fillOpacity": 0, "fill": True}
SELECTED_STYLE = {"color": "#000000", "weight": 4}
BACKDROP_STYLE = {"color": "#8A8F94", "weight": 1, "fillColor": "#ECEAE4", "fillOpacity": 1}
CORRIDOR_STYLE = {"color": "#009E73", "weight": 2, "dashArray": "4 3", "fillColor": "#009E73",
                  "fillOpacity": 0.25}
PEACEKEEPING_STYLE = {"color": "#009E73", "weight": 1.5, "dashArray": "2 4",
                      "fillColor": "#009E73", "fillOpacity": 0.08}
EVENT_STYLE = {"color": "#222222", "fillColor": "#FFFFFF", "radius": 6, "weight": 1.5}
UNREVIEWED_STYLE = {"color": "#888888", "weight": 2}  # hollow: no fill
HATCH_STRIPE = "#FFFFFF"
PATTERN_MARKS = {"hatch": HATCH_STRIPE, "denied": "#9B1C1C", "uncertain": "#FFFFFF"}


def palette(controllers: Iterable[str]) -> dict[str, dict[str, str]]:
    """Controller -> {"label", "color"} for every controller given, plus Controller.UNKNOWN.

    Keys are the plain strings the store and the browser carry (a Controller's value)."""
    out: dict[str, dict[str, str]] = {}
    spare = iter(SPARE_COLOURS)
    for name in dict.fromkeys(controllers):
        if name == Controller.UNKNOWN:
            continue
        colour = KNOWN_COLOURS.get(name) or next(spare, "#777777")
        out[str(name)] = {"label": str(name), "color": colour}
    out[Controller.UNKNOWN.value] = {"label": UNKNOWN_LABEL, "color": UNKNOWN_COLOUR}
    return out


def style_config() -> dict[str, Any]:
    """The styles timemap.js applies, in Leaflet's option names."""
    return {"district": DISTRICT_STYLE, "scheduled": SCHEDULED_STYLE,
            "denied": DENIED_STYLE, "uncertain": UNCERTAIN_STYLE, "changed": CHANGED_STYLE,
            "district_outline": DISTRICT_OUTLINE_STYLE, "pattern_marks": PATTERN_MARKS,
            "selected": SELECTED_STYLE, "backdrop": BACKDROP_STYLE,
            "corridor": CORRIDOR_STYLE, "peacekeepers": PEACEKEEPING_STYLE,
            "event": EVENT_STYLE, "unreviewed": UNREVIEWED_STYLE,
            "hatch_stripe": HATCH_STRIPE}
