"""Charts for the dashboard (Altair specs; Streamlit renders them with its bundled Vega)."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from karabakh_map.views import ViewData


def timeline_chart(view: ViewData, selected: date) -> alt.LayerChart:
    """Every dated event as a bar from its earliest to latest date, the selected date marked."""
    rows = [{"id": e["id"], "type": e["type"].replace("_", " "), "start": e["date_earliest"],
             "end": e["date_latest"], "place": e.get("place") or "",
             "disputed": "disputed" if e["disputed"] else "agreed", "note": e["note"]}
            for e in view.events if e["date_earliest"] and e["date_latest"]]
    frame = pd.DataFrame(rows)
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"]) + pd.Timedelta(days=1)
    bars = alt.Chart(frame).mark_bar(height=8).encode(
        x=alt.X("start:T", title=None), x2="end:T", y=alt.Y("type:N", title=None),
        color=alt.Color("disputed:N", legend=alt.Legend(title=None, orient="bottom"),
                        scale=alt.Scale(domain=["agreed", "disputed"],
                                        range=["#2f5d7c", "#d55e00"])),
        tooltip=["id", "type", "place", alt.Tooltip("start:T"), "note"],
    )
    rule = alt.Chart(pd.DataFrame({"day": [pd.Timestamp(selected)]})).mark_rule(
        color="#c00", strokeWidth=2).encode(x="day:T")
    return (bars + rule).properties(height=220).interactive(bind_y=False)
