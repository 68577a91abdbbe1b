"""The main page: district control on a date, on the map and beside it.

Every control writes the view state in a callback, so by the time the script runs the
state (and the URL) already hold the user's choice and every widget shows the same date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard import charts, loaders, map_panel, share_panel, urlsync
from dashboard.literal import table_cell
from karabakh_map.embed import map_height
from karabakh_map.views import (
    WINDOW_2020,
    compare_rows,
    control_rows,
    event_rows,
    events_in_window,
    history_rows,
    step_key_date,
)

WINDOW_SLIDER_MAX = 60
view = loaders.current_view()


def as_table(rows: list[dict[str, Any]], columns: list[str]) -> Styler:
    """Rows indexed by their first column, numbers shown to 0.1, for st.table.

    st.table renders cells as Markdown: values from the store (controllers) are escaped
    so they show as typed; the index (district names) and headers are our own."""
    cells = [{k: v if k == columns[0] else table_cell(v) for k, v in row.items()}
             for row in rows]
    frame = pd.DataFrame(cells, columns=columns).set_index(columns[0])
    return frame.style.format(precision=1, thousands=",")


def update(**changes: Any) -> None:
    urlsync.write_state(replace(urlsync.read_state(view), **changes))


def step(direction: int) -> None:
    update(date=step_key_date(view, urlsync.read_state(view).date, direction))


def focus(lat: float, lon: float, district: str | None) -> None:
    st.session_state[map_panel.FOCUS_KEY] = (lat, lon)
    if district:
        update(district=district)


state = urlsync.read_state(view)
urlsync.show_url_errors()

if state.compact:  # the embed layout: the map alone, with its own time controls and legend
    map_panel.render(view, on_report=lambda report: update(
        **map_panel.changes_from(report, view)), height=map_height(st.query_params.get("h")))
    urlsync.write_state(state)
    st.stop()

# Widgets show the state: set their values before they are drawn.
st.session_state["date_slider"] = state.date
st.session_state["window_days"] = state.window
st.session_state["district_pick"] = state.district
st.session_state["compare_pick"] = state.compare

whole = st.toggle("Whole record (1991–2020)", key="whole_record",
                  value=not WINDOW_2020[0] <= state.date <= WINDOW_2020[1])
lo, hi = view.span if whole else WINDOW_2020
lo, hi = min(lo, state.date), max(hi, state.date)

title_col, prev_col, next_col = st.columns([6, 1, 1], vertical_alignment="bottom")
title_col.markdown(f"## {state.date.day} {state.date:%B %Y}")
prev_col.button("◀ Key date", key="prev_key", help="Previous key date", on_click=step,
                args=(-1,), width="stretch")
next_col.button("Key date ▶", key="next_key", help="Next key date", on_click=step, args=(1,),
                width="stretch")
st.slider("Date", min_value=lo, max_value=hi, step=timedelta(days=1), format="D MMM YYYY",
          key="date_slider", on_change=lambda: update(date=st.session_state.date_slider))

map_panel.render(view, on_report=lambda report: update(
    **map_panel.changes_from(report, view)))
table_col, events_col = st.columns([1, 1])
with table_col:
    st.markdown("#### Control on this date")
    # st.table is a real HTML table: the screen-reader alternative to the map.
    st.table(as_table(control_rows(view, state.date),
                      ["district", "controller", "since", "handover due", "area km²"]))
with events_col:
    # A link may ask for up to MAX_WINDOW_DAYS: the slider grows to show it, not fail.
    st.slider("Events window (days up to the date)", 0, max(WINDOW_SLIDER_MAX, state.window),
              key="window_days",
              on_change=lambda: update(window=st.session_state.window_days))
    shown = events_in_window(view, state.date, state.window)
    st.markdown(f"#### Events in the window ({len(shown)})")
    st.dataframe(event_rows(shown, view.names), hide_index=True,
                 column_order=["date", "type", "place", "disputed", "note", "sources"])

st.markdown("#### All events over time")
spec = loaders.timeline_spec(view, loaders.get_store().url, view.version)
st.vega_lite_chart(spec=charts.with_selected(spec, state.date), width="stretch")

hist_col, cmp_col, find_col = st.columns(3)
with hist_col:
    st.markdown("#### District history")
    st.selectbox("District", list(view.names), format_func=lambda i: view.names[i],
                 placeholder="Choose a district", key="district_pick",
                 on_change=lambda: update(district=st.session_state.district_pick))
    if state.district:
        st.dataframe(history_rows(view, state.district), hide_index=True)
with cmp_col:
    st.markdown("#### Compare two dates")
    st.date_input("Compare with", min_value=view.span[0], max_value=view.span[1],
                  key="compare_pick",
                  on_change=lambda: update(compare=st.session_state.compare_pick or None))
    if state.compare:
        first, second = sorted((state.compare, state.date))
        rows = compare_rows(view, first, second)
        if rows:
            st.table(as_table(rows, list(rows[0])))
        else:
            st.text(f"No district changed hands between {first} and {second}.")
with find_col:
    st.markdown("#### Find a place")
    query = st.text_input("Any spelling", placeholder="Shushi, Karvachar, Khankendi…")
    if query:
        hits = loaders.gazetteer().search(query, limit=5)
        if not hits:
            st.text("No place by that name.")
        for place in hits:
            st.button(f"{place.name} ({place.kind})", key=f"goto-{place.id}",
                      help="Also: " + ", ".join(place.alt_names[:8]),
                      on_click=focus, args=(place.lat, place.lon, place.district_id))

share_panel.render(view, state)
urlsync.write_state(state)
