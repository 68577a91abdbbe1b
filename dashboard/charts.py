"""Charts for the dashboard (Vega-Lite specs built with Altair; Streamlit draws them).

Building a spec through Altair (schema validation) costs ~150 ms, too much for every
rerun: `timeline_spec` is built once per store version (cached in loaders) and
`with_selected` adds the one per-date layer to it and opens the time axis on the months
around the date. Long-running events (dated over more than page_parts.LONG_DAYS, e.g. a
1992-2020 "destruction of property") are left out: as bars they would squeeze the 2020
story into a sliver; the page lists them apart.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd

from dashboard.page_parts import split_long
from karabakh_map.views import WINDOW_2020, ViewData

COLUMNS = ["id", "type", "start", "end", "place", "disputed", "note"]
SELECTED_COLOUR = "#c00"
BEFORE_DAYS, AFTER_DAYS = 90, 30  # the axis around a date outside the 2020 window


def timeline_spec(view: ViewData) -> dict[str, Any]:
    """Every dated event as a bar from its earliest to its latest date (Vega-Lite dict)."""
    rows = [{"id": e["id"], "type": e["type"].replace("_", " "), "start": e["date_earliest"],
             "end": e["date_latest"], "place": e.get("place") or "",
             "disputed": "disputed" if e["disputed"] else "agreed", "note": e["note"]}
            for e in split_long(view.events)[0] if e["date_earliest"] and e["date_latest"]]
    # Named columns: an empty store (no dated events) still gives a chart, just no bars.
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"]) + pd.Timedelta(days=1)
    bars = alt.Chart(frame).mark_bar(height=8).encode(
        x=alt.X("start:T", title=None), x2="end:T", y=alt.Y("type:N", title=None),
        color=alt.Color("disputed:N", legend=alt.Legend(title=None, orient="bottom"),
                        scale=alt.Scale(domain=["agreed", "disputed"],
                                        range=["#2f5d7c", "#d55e00"])),
        tooltip=["id:Q", "type:N", "place:N", alt.Tooltip("start:T"), "note:N"],
    )
    return alt.layer(bars).properties(height=220).interactive(bind_y=False).to_dict()


def axis_window(selected: date) -> tuple[date, date]:
    """The dates the time axis opens on: the 2020 window, else the months around the date."""
    if WINDOW_2020[0] <= selected <= WINDOW_2020[1]:
        return WINDOW_2020
    return selected - timedelta(days=BEFORE_DAYS), selected + timedelta(days=AFTER_DAYS)


def with_selected(spec: dict[str, Any], selected: date) -> dict[str, Any]:
    """`spec` plus a rule at the selected date, its axis opened on axis_window; `spec`
    itself is not changed (zoom and pan still reach every date)."""
    # Same form as Altair's timestamps (local midnight), so the rule lines up with the bars.
    rule = {"data": {"values": [{"day": f"{selected.isoformat()}T00:00:00"}]},
            "mark": {"type": "rule", "color": SELECTED_COLOUR, "strokeWidth": 2},
            "encoding": {"x": {"field": "day", "type": "temporal"}}}
    lo, hi = axis_window(selected)
    bars = dict(spec["layer"][0])
    encoding = dict(bars.get("encoding", {}))
    encoding["x"] = {**encoding.get("x", {}), "scale": {
        "domain": [f"{lo.isoformat()}T00:00:00", f"{hi.isoformat()}T00:00:00"]}}
    bars["encoding"] = encoding
    bars["mark"] = {**(bars["mark"] if isinstance(bars["mark"], dict)
                       else {"type": bars["mark"]}), "clip": True}
    return {**spec, "layer": [bars, *spec["layer"][1:], rule]}

