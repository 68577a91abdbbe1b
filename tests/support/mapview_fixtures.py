"""Tiny synthetic inputs for the map tests: two square districts, a corridor, one event."""

from __future__ import annotations

from datetime import date
from typing import Any

from karabakh_map.model import CORRIDOR_ID, Controller

PAYLOADS = ("<script>alert('s')</script>", '<img src=x onerror="alert(2)">', "${alert(1)}",
            "\\1 and \\u0041 and `tick`")


def square(x: float, y: float, size: float = 0.1) -> dict[str, Any]:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def feature(props: dict[str, Any], geometry: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


DISTRICTS = collection(
    feature({"id": "AZ-AGM", "name": "Aghdam", "alt_names": ["Agdam"], "source": "x"},
            square(46.9, 39.9)),
    feature({"id": "AZ-KAL", "name": "Kalbajar", "alt_names": ["Karvachar"]}, square(46.0, 40.0)),
)
CORRIDOR = collection(feature({"id": CORRIDOR_ID, "valid_from": "2020-11-10"},
                              square(46.5, 39.6, 0.05)))
BACKDROP = collection(feature({"id": "AZ", "name": "Azerbaijan"}, square(45.0, 38.5, 3.0)))
TIMELINE = {
    "AZ-AGM": [{"from": "1993-07-23", "controller": Controller.ARMENIAN_FORCES, "scheduled": None},
               {"from": "2020-11-10", "controller": Controller.ARMENIAN_FORCES,
                "scheduled": "2020-11-20"},
               {"from": "2020-11-20", "controller": Controller.AZERBAIJAN, "scheduled": None}],
    # Kalbajar's first deadline (15 Nov) passes before the handover (25 Nov): the segment
    # keeps its `scheduled` until control changes, and the map must show it as it is.
    "AZ-KAL": [{"from": "1993-04-03", "controller": Controller.ARMENIAN_FORCES, "scheduled": None},
               {"from": "2020-11-10", "controller": Controller.ARMENIAN_FORCES,
                "scheduled": "2020-11-15"},
               {"from": "2020-11-25", "controller": Controller.AZERBAIJAN, "scheduled": None}],
}
KEY_DATES = [date(2020, 11, 10), date(2020, 11, 20), date(2020, 11, 25)]
SPAN = (date(2020, 9, 1), date(2020, 12, 31))


def event(note: str = "handed over", **extra: Any) -> dict[str, Any]:
    """An event as EventRow.to_json() gives it (the fields the map reads)."""
    return {"id": 7, "date": "20 Nov 2020", "date_precision": "day",
            "date_earliest": "2020-11-20", "date_latest": "2020-11-20",
            "type": "transfer_of_territory", "place": "Aghdam", "latitude": 39.99,
            "longitude": 46.93, "disputed": False, "dispute_note": "", "note": note,
            "sources": [{"publisher": "Paper", "title": "Title", "published": "2020-11-20",
                         "url": "https://example.org/a", "start": 0, "end": 0}], **extra}
