"""Where the data comes from and how control is derived: method, both corridor versions,
the control zones, and the sources in the record."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders
from dashboard.literal import table_cell
from geodata.corridor import load_corridor
from geodata.zones import load_zones
from karabakh_map.store import counts

DOCS = ("docs/record.md (how events become control, zone by zone), geodata/README.md "
        "(boundaries, zones, corridor) and docs/reliability.md, in the project's repository")

st.title("Data and method")
st.markdown(
    """
**Control is derived, never drawn by hand.** Each district is divided into control zones
(below); a zone's controller on a date comes from the events in the store: transfers of
territory and military captures (and, for the Lachin corridor, the deployment of Russian
peacekeepers). An event counts from the last day it may have happened, so "by 10 November"
counts from 10 November. Deadlines come from scheduled handovers, and a postponement replaces
the deadline it moves. Where sources disagree on a date or a figure, every report is kept and
the event is marked *disputed*. A district's row gives each side's share of it (km², %) and
since when that side has held all of its share.

**Boundaries** are Natural Earth 10m admin-1 (public domain), generalised at 1:10m: lines are
approximate by one to a few kilometres. Source defects are corrected (Lachin was labelled
Lankaran; Khankendi/Stepanakert was typed as a district; Shusha appeared twice; towns Natural
Earth misplaces are moved into their own district).

**Places and spellings** come from GeoNames (CC BY 4.0) with hand-checked additions.

**Labels** follow the spelling most used in the 2020 English-language press; every other
spelling is searchable.
"""
)

st.subheader("The Lachin corridor (approximate), both routes")
for _, version in load_corridor().sort_values("valid_from").iterrows():
    until = f" until {version['valid_to']}" if version.get("valid_to") else ""
    st.markdown(f"**{version['version']} route**, in force from {version['valid_from']}{until}, "
                f"{version['width_km']:g} km wide")
    st.text(str(version["derivation"]))

st.subheader("Control zones")
zones = load_zones()
st.markdown(f"{len(zones)} zones in {zones['district_id'].nunique()} districts, "
            f"{zones['area_km2'].sum():,.0f} km² in all. A zone is a part of a district that "
            "changed hands as one piece (the line held from 1994, the 2020 ceasefire area, "
            "the corridor's routes, the former oblast); an event names the part it concerns "
            "and applies to those zones. How each district's zones were drawn:")
by_district = (zones.groupby(["district", "derivation"], sort=True)
               .agg(zones=("zone_id", "count"), km2=("area_km2", "sum")).reset_index())
st.dataframe([{"district": r.district, "zones": int(r.zones), "area km²": round(r.km2, 1),
               "derivation": r.derivation} for r in by_district.itertuples()],
             hide_index=True)

st.subheader("Sources in the record")
view = loaders.current_view()
rows = counts(loaders.get_store().engine)
publishers: dict[str, dict[str, set[int]]] = {}
for event in view.events:
    for src in event["sources"]:
        entry = publishers.setdefault(src.get("publisher") or "unnamed",
                                      {"articles": set(), "events": set()})
        entry["articles"].add(src["article_id"])
        entry["events"].add(event["id"])
st.markdown(f"{rows['articles']:,} articles in the record, {len(view.events):,} events "
            f"shown ({view.record_note()}), reported {rows['event_sources']:,} times. "
            "The publishers of the articles those events rest on:")
st.table([{"publisher": table_cell(name), "articles": len(e["articles"]),
           "events": len(e["events"])}
          for name, e in sorted(publishers.items(), key=lambda kv: -len(kv[1]["articles"]))])
st.caption(f"More on the method: {DOCS}.")
