"""Bench baseline: rebuild the folium map on every rerun and hand it to st_folium (same
polygons, same colours, Leaflet served locally); the date comes from st.slider."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from geodata.corridor import load_corridor
from geodata.districts import load_districts
from karabakh_map.demo import open_with_demo
from karabakh_map.mapview.assets import install_assets
from karabakh_map.mapview.style import palette
from karabakh_map.views import build_view_data, control_rows

STATIC = Path(__file__).resolve().parent / "static"

st.set_page_config(page_title="bench: naive map", layout="wide")


@st.cache_resource(show_spinner=False)
def data():
    install_assets(STATIC)
    districts, corridor = load_districts(), load_corridor()
    view = build_view_data(open_with_demo(load_demo=True).engine, districts, corridor)
    return json.loads(districts.to_json(drop_id=True)), view


geo, view = data()
day = st.slider("Date", min_value=view.span[0], max_value=view.span[1], value=date(2020, 11, 19))
rows = control_rows(view, day)
colours = palette(r["controller"] for r in rows)
ctrl = {r["id"]: r["controller"] for r in rows}
m = folium.Map(location=[39.8, 46.7], zoom_start=8, tiles=None)
m.default_js = [("leaflet", "/app/static/kbm/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/kbm/leaflet/leaflet.css")]
folium.GeoJson(geo, style_function=lambda f: {
    "fillColor": colours[ctrl.get(f["properties"]["id"], "unknown")]["color"],
    "color": "#333333", "weight": 1, "fillOpacity": 0.7,
    "className": "d-" + f["properties"]["id"]}).add_to(m)
st_folium(m, height=560, use_container_width=True, returned_objects=[])
st.query_params["date"] = day.isoformat()
st.caption(f"Selected: {day.isoformat()}")
st.dataframe(rows, hide_index=True)
