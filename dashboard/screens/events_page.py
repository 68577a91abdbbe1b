"""Every event in the store with its sources, filterable; text is shown as text, never HTML."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import loaders, page_parts, place_search
from dashboard.literal import markdown_literal
from geodata.gazetteer import Suggestion
from karabakh_map.store.review import EXTRACTED
from karabakh_map.views import event_rows

QUERY_KEY = "events_place"
view = loaders.current_view()


def pick(hit: Suggestion) -> None:
    """A "did you mean" choice: search for that spelling."""
    st.session_state[QUERY_KEY] = hit.name


st.title("Events and sources")

types = sorted({e["type"] for e in view.events})
DATES = ("between the dates", "undated only", "both")
col1, col2, col3, col4 = st.columns([2, 2, 3, 2])
chosen_types = col1.multiselect("Type", types, format_func=lambda t: t.replace("_", " "))
query = place_search.box("Place (any spelling)", QUERY_KEY, "Karvachar, Şuşa, Stepanakert…",
                         container=col2)
window = col3.date_input("Between", value=(view.span[0], view.span[1]),
                         min_value=view.span[0], max_value=view.span[1])
undated = page_parts.undated(view.events)
dates = col4.selectbox("Dated", DATES, key="dates_shown",
                       help=f"{len(undated)} events have no date in any source: they never "
                            "fall between two dates and do not change the map.")

events = view.events
if chosen_types:
    events = [e for e in events if e["type"] in chosen_types]
if query:
    place = loaders.gazetteer().lookup(query)
    if place is None:
        place_search.did_you_mean(query, pick, key="near")
        events = []
    else:
        events = [e for e in events if e.get("place_id") == place.id
                  or (place.district_id and e.get("district") == place.district_id)]
lo, hi = window if isinstance(window, tuple) and len(window) == 2 else view.span
dated = [e for e in events if e["date_latest"] and e["date_earliest"]
         and date.fromisoformat(e["date_earliest"]) <= hi
         and date.fromisoformat(e["date_latest"]) >= lo]
undated_ids = {e["id"] for e in undated}
no_date = [e for e in events if e["id"] in undated_ids]
events = {"between the dates": dated, "undated only": no_date, "both": dated + no_date}[dates]

st.caption(f"{len(events)} of {len(view.events)} events")
st.dataframe(page_parts.marked(event_rows(events, view.names)), hide_index=True)

for event in events:
    flag = (" · disputed" if event["disputed"] else "") + (
        " · unreviewed" if event.get("review") == EXTRACTED else "")
    label = (f"#{event['id']} · {event['date'] or 'undated'} · {event['type'].replace('_', ' ')}"
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
