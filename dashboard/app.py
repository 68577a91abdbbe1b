"""Entry point of the dashboard (placeholder until the map page lands)."""

from __future__ import annotations

import streamlit as st

from geodata.districts import load_districts

st.set_page_config(page_title="karabakh-map", layout="wide")
st.title("Nagorno-Karabakh handovers, 2020")
districts = load_districts()
st.dataframe(districts[["id", "name", "name_az", "area_km2"]], hide_index=True)
