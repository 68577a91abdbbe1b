"""Publishing the map's files into a folder a web server serves: Leaflet (copied from the
installed django-js-lib-leaflet package), timemap.js/.css and a map's GeoJSON layers.

`publish(static_dir, m)` fills `<static_dir>/kbm/` so the map needs no network. The folder
is the caller's (a cache folder, a bench's static/), never one inside an installed package.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import folium

from karabakh_map.mapview.element import time_map_element
from karabakh_map.mapview.files import LEAFLET_FILES, OWN_FILES, leaflet_source, own_source

ASSET_DIR = "kbm"  # under the static folder; matches build.STATIC_URL


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically, and only when the content differs (servers may be reading)."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def install_assets(static_dir: Path) -> list[Path]:
    """Copy Leaflet and timemap.js/.css into `<static_dir>/kbm/`; returns the files written."""
    target = Path(static_dir) / ASSET_DIR
    written = []
    leaflet = leaflet_source()
    for name in LEAFLET_FILES:
        path = target / "leaflet" / name
        if _write_if_changed(path, leaflet.joinpath(name).read_bytes()):
            written.append(path)
    own = own_source()
    for name in OWN_FILES:
        path = target / name
        if _write_if_changed(path, own.joinpath(name).read_bytes()):
            written.append(path)
    return written


def publish_layers(static_dir: Path, m: folium.Map) -> list[Path]:
    """Write the GeoJSON files of a build_map map (names carry a content hash)."""
    target = Path(static_dir) / ASSET_DIR
    written = []
    for name, data in time_map_element(m).files.items():
        path = target / name
        if not path.is_file() and _write_if_changed(path, data):
            written.append(path)
    return written


def publish(static_dir: Path, m: folium.Map) -> list[Path]:
    """Everything the map loads: Leaflet, timemap.js/.css and its layers."""
    return [*install_assets(static_dir), *publish_layers(static_dir, m)]
