"""Bench app: our time map (build_map + st_folium, stepped in the browser) and a control table.

Started by bench/bench_step_latency.py from a copy in a temporary folder (its static/ files
stay out of the repo); KARABAKH_MAP_DB names the demo store to read.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts
from karabakh_map.demo import open_with_demo
from karabakh_map.mapview.assets import publish
from karabakh_map.mapview.build import build_map
from karabakh_map.views import build_view_data, control_rows

STATIC = Path(__file__).resolve().parent / "static"
START = date(2020, 11, 19)

st.set_page_config(page_title="bench: time map", layout="wide")


@st.cache_resource(show_spinner=False)
def the_map():
    districts, corridor = load_districts(), load_corridor()
    view = build_view_data(open_with_demo(load_demo=True).engine, districts, corridor)
    m = build_map(json.loads(districts.to_json(drop_id=True)),
                  json.loads(corridor.to_json(drop_id=True)),
                  json.loads(load_backdrop().to_json(drop_id=True)),
                  timeline={k: [s.to_json() for s in v] for k, v in view.timeline.items()},
                  key_dates=view.key_dates, span=view.span, initial_date=START,
                  slider_window=(date(2020, 9, 1), date(2020, 12, 31)),
                  events=view.events)
    publish(STATIC, m)
    return m, view


m, view = the_map()
picked = st_folium(m, key="map", height=560, use_container_width=True, returned_objects=[])
if isinstance(picked, dict) and isinstance(picked.get("date"), str):
    st.session_state.day = date.fromisoformat(picked["date"])
day = st.session_state.setdefault("day", START)
st.query_params["date"] = day.isoformat()
st.caption(f"Selected: {day.isoformat()}")
st.dataframe(control_rows(view, day), hide_index=True)
