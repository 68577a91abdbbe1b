"""Dashboard entry point: page router and the chrome every page shares."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import loaders
from dashboard.errors import friendly_errors
from karabakh_map.editing import editor_mode

# The page scripts live in `screens/`, not `pages/`: Streamlit treats a `pages` folder beside
# the entry script as its own multipage layout and flags every deep link "Page not found".
SCREENS = Path(__file__).resolve().parent / "screens"

# The favicon is an emoji: Streamlit draws it as an inline SVG, whereas a ":material/...:"
# favicon is fetched from fonts.gstatic.com (the sidebar icons use the bundled font).
st.set_page_config(page_title="karabakh-map: 2020 handovers", page_icon="🗺️", layout="wide")

pages = [
    st.Page(str(SCREENS / "map_page.py"), title="Map", icon=":material/map:", default=True),
    st.Page(str(SCREENS / "events_page.py"), title="Events and sources",
            icon=":material/newspaper:", url_path="events"),
    st.Page(str(SCREENS / "about_page.py"), title="Data and method", icon=":material/info:",
            url_path="about"),
]
if editor_mode():  # `karabakh-map serve --editor` only: readers never get the review page
    pages.append(st.Page(str(SCREENS / "review_page.py"), title="Review",
                         icon=":material/rate_review:", url_path="review"))
# The compact embed (?compact=1) is the map alone: no sidebar, so none can open in a frame.
compact = st.query_params.get("compact") in ("1", "true")
navigation = st.navigation(pages, position="hidden" if compact else "sidebar")

if not compact:
    with st.sidebar, friendly_errors():
        st.markdown("**karabakh-map**  \nControl of the districts around Nagorno-Karabakh, "
                    "from sourced events")
        view = loaders.current_view()
        st.caption(f"{len(view.events)} events, {view.span[0].year}–{view.span[1].year} · "
                   f"data version {view.data_version}")

with friendly_errors():  # visitors get a plain message, the server log the traceback
    navigation.run()
