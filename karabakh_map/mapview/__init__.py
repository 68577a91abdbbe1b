"""The dashboard's map as plain functions: folium map, styles, escaping, static assets.

No Streamlit here. `build.build_map` returns a folium.Map whose districts are restyled by
date in the browser (static/timemap.js, handed its config by `element.TimeMap`);
`files` reads Leaflet and timemap.js/.css from the installed packages, and
`assets.publish` copies what a map loads into a folder the caller serves (never one
inside the package). Imports go one way: assets and build use element and files.
"""
