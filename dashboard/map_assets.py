"""Where the map's files come from: a cache folder outside the package, served by Streamlit.

`mapview.assets.publish` copies Leaflet (from the installed django-js-lib-leaflet package),
timemap.js/.css and the map's GeoJSON layers into `<cache_dir()>/kbm/`; nothing is written
inside the installed package, so a read-only install works. Streamlit serves the folder
through its custom-component file route (/component/<name>/<file>), which serves any
registered folder: no static/ folder beside the app and no server.enableStaticServing.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.components import v1 as components

from karabakh_map.mapview.assets import ASSET_DIR, cache_dir

COMPONENT = "kbm_assets"  # registered as "dashboard.map_assets.kbm_assets"


def register() -> tuple[Path, str]:
    """Create the cache folder and register its kbm/ folder with Streamlit's component file
    route: (the root to `publish` into, the URL kbm/ is served at, for build_map)."""
    root = cache_dir()
    folder = root / ASSET_DIR
    folder.mkdir(parents=True, exist_ok=True)
    component = components.declare_component(COMPONENT, path=folder)
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    return root, f"{prefix}/component/{component.name}/"
