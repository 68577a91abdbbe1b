"""Every event in the store with its sources, filterable; text is shown as text, never HTML."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import loaders
from dashboard.literal import markdown_literal
from karabakh_map.views import event_rows

view = loaders.current_view()
st.title("Events and sources")

types = sorted({e["type"] for e in view.events})
col1, col2, col3 = st.columns([2, 2, 3])
chosen_types = col1.multiselect("Type", types, format_func=lambda t: t.replace("_", " "))
query = col2.text_input("Place (any spelling)", placeholder="Karvachar, Şuşa, Stepanakert…")
window = col3.date_input("Between", value=(view.span[0], view.span[1]),
                         min_value=view.span[0], max_value=view.span[1])

events = view.events
if chosen_types:
    events = [e for e in events if e["type"] in chosen_types]
if query:
    place = loaders.gazetteer().lookup(query)
    if place is None:
        st.info("No place by that name in the gazetteer.")
        events = []
    else:
        events = [e for e in events if e.get("place_id") == place.id
                  or (place.district_id and e.get("district") == place.district_id)]
if isinstance(window, tuple) and len(window) == 2:
    lo, hi = window
    events = [e for e in events if e["date_latest"] and e["date_earliest"]
              and date.fromisoformat(e["date_earliest"]) <= hi
              and date.fromisoformat(e["date_latest"]) >= lo]

st.caption(f"{len(events)} of {len(view.events)} events")
st.dataframe(event_rows(events, view.names), hide_index=True)

for event in events:
    flag = " · disputed" if event["disputed"] else ""
    label = (f"#{event['id']} · {event['date']} · {event['type'].replace('_', ' ')}"
             f" · {event.get('place') or 'no place'}{flag}")
    with st.expander(markdown_literal(label)):  # labels are Markdown; places come from the store
        st.text(event["note"])
        if event["disputed"]:
            st.text(f"Disputed: {event['dispute_note']}")
        for src in event["sources"]:
            st.text(f"— {src.get('publisher') or 'unnamed'}: {src.get('title') or 'untitled'} "
                    f"({src.get('published') or 'n.d.'}); reports {src.get('reported_date')}")
            if src.get("url"):
                st.text(f"  {src['url']}")
            if src.get("quote"):
                st.text(f"  “{src['quote']}”")
