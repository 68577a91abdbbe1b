"""Where the data comes from and how control is derived."""

from __future__ import annotations

import streamlit as st

from geodata.corridor import load_corridor

st.title("Data and method")
corridor = load_corridor().iloc[0]
st.markdown(
    """
**Control is derived, never drawn by hand.** Each district's controller on a date comes from
the events in the store: transfers of territory and military captures (and, for the Lachin
corridor, the deployment of Russian peacekeepers). An event counts from the last day it may
have happened, so "by 10 November" counts from 10 November. Deadlines come from scheduled
handovers, and a postponement replaces the deadline it moves. Where sources disagree on a date
or a figure, every report is kept and the event is marked *disputed*.

**Boundaries** are Natural Earth 10m admin-1 (public domain), generalised at 1:10m: lines are
approximate by one to a few kilometres. Source defects are corrected (Lachin was labelled
Lankaran; Khankendi/Stepanakert was typed as a district; Shusha appeared twice).

**Places and spellings** come from GeoNames (CC BY 4.0) with hand-checked additions.

**Labels** follow the spelling most used in the 2020 English-language press; every other
spelling is searchable.
"""
)
st.subheader("The Lachin corridor (approximate)")
st.text(str(corridor["derivation"]))
st.text(f"In force from {corridor['valid_from']}.")
