"""Publishing the map's files into a folder a web server serves: Leaflet (copied from the
installed django-js-lib-leaflet package), timemap.js/.css and a map's GeoJSON layers.

`publish(static_dir, m)` fills `<static_dir>/kbm/` so the map needs no network. The folder
is the caller's, never one inside an installed package (a wheel in site-packages or a
container image may be read-only): the dashboard uses `cache_dir()`.
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import folium
from platformdirs import user_cache_dir

from karabakh_map.mapview.element import time_map_element
from karabakh_map.mapview.files import LEAFLET_FILES, OWN_FILES, leaflet_source, own_file

ASSET_DIR = "kbm"  # under the static folder; matches build.STATIC_URL
CACHE_ENV = "KARABAKH_MAP_CACHE_DIR"


def cache_dir() -> Path:
    """Where generated map files go: $KARABAKH_MAP_CACHE_DIR, else the user cache folder
    (platformdirs), else, when that cannot be written, a private temporary folder."""
    if explicit := os.environ.get(CACHE_ENV):
        return Path(explicit)
    default = Path(user_cache_dir("karabakh-map"))
    try:
        default.mkdir(parents=True, exist_ok=True)
    except OSError:
        return _private_temp_dir()
    return default if os.access(default, os.W_OK | os.X_OK) else _private_temp_dir()


@functools.cache
def _private_temp_dir() -> Path:
    # One per process, created 0700: a shared /tmp folder could be planted with scripts.
    return Path(tempfile.mkdtemp(prefix="karabakh-map-"))


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
    for name in OWN_FILES:
        path = target / name
        if _write_if_changed(path, own_file(name)):
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
