"""The main page: control on a date, on the map and beside it.

The map's own panel is the page's one set of time controls (slider, key dates, play, the
date): it repaints in the browser. Its report reaches Python in a callback, and only the
fragment below (the map's block: tables, events, chart, history, compare, share) runs again,
not the whole page. Dates set in Python (an event picked in the table) go to the URL, which
the map follows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard import charts, loaders, map_panel, page_parts, place_search, share_panel, urlsync
from dashboard.errors import friendly_errors
from dashboard.literal import table_cell
from karabakh_map.embed import map_height
from karabakh_map.store.review import REVIEW_CHOICES
from karabakh_map.urlstate import ViewState
from karabakh_map.views import (
    compare_rows,
    control_rows,
    event_rows,
    events_in_window,
    history_rows,
)

WINDOW_SLIDER_MAX = 60
CHART_KEY = "chart_open"
PAGE_RUN_KEY = "map_page_run"  # set by the page's own run, not by the fragment's reruns
READY_KEY = "map_ready"  # the map has painted: the rest of the block may load
HELP = ("Time controls are on the map: drag the slider or use ← → on it, the key-date "
        "buttons, Play, or press **N** / **P** (next / previous key date) anywhere on the "
        "page. Hover a district for who held it and since when; click it for its history.")
RECORD_MIN = date(1988, 1, 1)  # the record goes back to the first war
# The view as the URL's record asks for it: known on `as_of`, confirmed events or all.
_state = urlsync.read_state(loaders.current_view())
view = loaders.current_view(_state.as_of, REVIEW_CHOICES[_state.reviews])


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


def focus(lat: float, lon: float, district: str | None) -> None:
    st.session_state[map_panel.FOCUS_KEY] = (lat, lon)
    if district:
        update(district=district)


def on_map_report() -> Any:
    def reported(report: dict[str, Any]) -> None:
        if report.get("ready") is True:
            st.session_state[READY_KEY] = True
        update(**map_panel.changes_from(report, view))
    return reported


def held_back() -> bool:
    """Whether to hold the rest of the block back until the map has painted: in a browser
    (the map reports `ready`) until it says so. Sessions without a browser (AppTest, the
    load replay's first run) get everything at once."""
    return bool(st.context.headers.get("User-Agent")) and not st.session_state.get(READY_KEY)


def pick_record() -> None:
    """The record date chosen: today (or later) means the whole record."""
    picked = st.session_state.as_of_pick
    update(as_of=picked if picked and picked < date.today() else None)


def record_controls(state: ViewState) -> None:
    """The record date and which events count; both rebuild the view (a full run).

    Drawn under the map, after it has painted: above it, their date picker's and toggle's
    code (loaded when first shown) held the map's frame back by a few hundred ms."""
    st.session_state["as_of_pick"] = state.as_of or date.today()
    st.session_state["confirmed_only"] = state.reviews == "confirmed"
    as_of_col, reviews_col = st.columns([1, 2])
    as_of_col.date_input("Record as known on", min_value=RECORD_MIN, max_value=date.today(),
                         key="as_of_pick", on_change=pick_record,
                         help="The map and tables as the record stood that day: only articles "
                              "published and corrections made by then. Today: everything.")
    reviews_col.toggle("Confirmed only", key="confirmed_only",
                       help="Leave out unreviewed events (drawn hollow and grey on the map).",
                       on_change=lambda: update(reviews="confirmed" if st.session_state
                                                .confirmed_only else "all"))
    if state.version and state.version != view.data_version:
        st.info(f"This link was made with data version {state.version}; the data now is "
                f"version {view.data_version}, so the view may differ.")


def pick_event(key: str, events: list[dict[str, Any]]) -> None:
    """An event chosen in the table: show its (last) day."""
    rows = st.session_state[key].selection.rows
    if rows and rows[0] < len(events) and events[rows[0]].get("date_latest"):
        update(date=date.fromisoformat(str(events[rows[0]]["date_latest"])))


state = urlsync.read_state(view)
urlsync.show_url_errors()

if state.compact:  # the embed layout: the map alone, with its own time controls and legend
    page_parts.compact_style()
    map_panel.render(view, on_report=on_map_report(),
                     height=map_height(st.query_params.get("h")))
    urlsync.write_state(state)
    st.stop()

st.caption(HELP)
st.session_state["window_days"] = state.window
st.session_state["district_pick"] = state.district
st.session_state["compare_pick"] = state.compare


@st.fragment
def dated_block() -> None:
    """Everything that depends on the date: one partial rerun per date step."""
    with friendly_errors():
        _dated_block()


def _dated_block() -> None:
    state = urlsync.read_state(view)
    if (state.as_of, state.reviews) != (_state.as_of, _state.reviews):
        st.rerun()  # the record controls changed the view: a full run builds the new one
    # The map is drawn above the tables. On a page run it is sent first (its frame has the
    # most to load); on a step (this fragment alone) after the control table, so the new
    # table reaches the page first (the map's frame is the same on every step).
    page_run = st.session_state.pop(PAGE_RUN_KEY, False)
    map_slot = st.container()
    if page_run:
        with map_slot:
            map_panel.render(view, on_report=on_map_report())
            st.caption(page_parts.record_caption(view))
    table_col, events_col = st.columns([1, 1])
    with table_col:
        st.markdown(f"#### Control on {state.date.day} {state.date:%b %Y}")
        # st.table is a real HTML table: the screen-reader alternative to the map.
        rows = control_rows(view, state.date)
        st.table(as_table(rows, page_parts.control_columns(rows)))
    if not page_run:
        with map_slot:
            map_panel.render(view, on_report=on_map_report())
            st.caption(page_parts.record_caption(view))
    if held_back():  # the first paint: the chart, grids and pickers load after the map
        events_col.caption("Events, history and comparison load once the map has painted.")
        urlsync.write_state(state)
        return
    with map_slot:
        record_controls(state)
    with events_col:
        # A link may ask for up to MAX_WINDOW_DAYS: the slider grows to show it, not fail.
        st.slider("Events window (days up to the date)", 0,
                  max(WINDOW_SLIDER_MAX, state.window), key="window_days",
                  on_change=lambda: update(window=st.session_state.window_days))
        shown, background = page_parts.split_long(events_in_window(view, state.date,
                                                                   state.window))
        st.markdown(f"#### Events in the window ({len(shown)})")
        key = f"events-{state.date}-{state.window}"  # a new date: no stale row selection
        st.dataframe(page_parts.marked(event_rows(shown, view.names)), hide_index=True,
                     key=key, on_select=lambda: pick_event(key, shown),
                     selection_mode="single-row", column_order=["date", "type", "place",
                                                                "review", "disputed", "note",
                                                                "sources"])
        st.caption("Pick an event to show its day on the map.")
        if background:
            st.markdown(f"##### Long-running, in the background ({len(background)})")
            st.dataframe(page_parts.marked(event_rows(background, view.names)),
                         hide_index=True, column_order=["date", "type", "place", "review",
                                                        "note"])
        undated = page_parts.undated(view.events)
        if undated and st.toggle(f"Undated events too ({len(undated)})", key="show_undated",
                                 help="Events whose date no source gives: they never fall "
                                      "in a window and do not change the map."):
            st.dataframe(page_parts.marked(event_rows(undated, view.names)),
                         hide_index=True, column_order=["type", "place", "district",
                                                        "review", "note", "sources"])

    # Lazy, like the share panel: drawing the chart loads the browser's chart library and
    # redraws on every step, competing with the map for the page's one main thread.
    with st.expander("Events over time (chart)", key=CHART_KEY, on_change="rerun") as chart:
        if chart.open:
            spec = loaders.timeline_spec(view, loaders.get_store().url, view.version,
                                         loaders.record_key(view))
            st.vega_lite_chart(spec=charts.with_selected(spec, state.date), width="stretch")

    hist_col, cmp_col = st.columns(2)
    with hist_col:
        st.markdown("#### District history")
        st.selectbox("District", list(view.names), format_func=lambda i: view.names[i],
                     placeholder="Choose a district", key="district_pick",
                     on_change=lambda: update(district=st.session_state.district_pick))
        if state.district:
            st.dataframe(history_rows(view, state.district), hide_index=True)
    with cmp_col:
        st.markdown("#### Compare two dates")
        lo, hi = urlsync.page_span(view)
        st.date_input("Compare with", min_value=lo, max_value=hi, key="compare_pick",
                      on_change=lambda: update(compare=st.session_state.compare_pick or None))
        if state.compare:
            first, second = sorted((state.compare, state.date))
            changes = compare_rows(view, first, second)
            if changes:
                st.table(as_table(changes, list(changes[0])))
            else:
                st.text(f"Nothing changed hands between {first} and {second}.")
    share_panel.render(view, state)
    urlsync.write_state(state)


def go_to(place: Any) -> None:
    focus(place.lat, place.lon, place.district_id)


st.session_state[PAGE_RUN_KEY] = True
dated_block()

st.markdown("#### Find a place")
query = place_search.box("Any spelling", "place_query", "Shushi, Karvachar, Khankendi…")
if query:
    hits = loaders.gazetteer().search(query, limit=5)
    if not hits:
        place_search.did_you_mean(query, lambda hit: go_to(hit.place), key="near")
    for place in hits:
        st.button(f"{place.name} ({place.kind})", key=f"goto-{place.id}",
                  help="Also: " + ", ".join(place.alt_names[:8]),
                  on_click=go_to, args=(place,))
