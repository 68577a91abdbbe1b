"""The dashboard's map as plain functions: folium map, styles, escaping, static assets.

No Streamlit here. `build_map` returns a folium.Map whose districts are restyled by date
in the browser (static/timemap.js); `assets.publish` writes what that map loads into the
app's static folder.
"""
