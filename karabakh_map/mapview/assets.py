"""Static files the map loads: Leaflet (from django-js-lib-leaflet), timemap.js/.css, layers.

Streamlit serves `<app dir>/static/` at /app/static/ when server.enableStaticServing is on;
`publish(static_dir, m)` fills `<static_dir>/kbm/` so the map needs no network.
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import folium

from karabakh_map.mapview.build import time_map_element

ASSET_DIR = "kbm"  # under the static folder; matches build.STATIC_URL
LEAFLET_FILES = (
    "leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
    "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png",
)
OWN_FILES = ("timemap.js", "timemap.css")
_CSS_IMAGE = re.compile(r"url\((['\"]?)images/([\w.-]+\.png)\1\)")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)
_CLOSERS = re.compile(r"</(script|style)|<!--", re.I)


def leaflet_source() -> Traversable:
    """Leaflet's dist folder inside the installed django-js-lib-leaflet package."""
    try:
        base = resources.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet")
    except ModuleNotFoundError as err:
        raise FileNotFoundError(
            "Leaflet is missing: install the 'django-js-lib-leaflet' package "
            "(a dependency of karabakh-map)") from err
    if not base.joinpath("leaflet.js").is_file():
        raise FileNotFoundError(f"leaflet.js not found in {base}")
    return base


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
    own = resources.files("karabakh_map.mapview").joinpath("static")
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


def _inline_css(css: str, images: Traversable) -> str:
    """CSS with its `url(images/x.png)` references turned into data: URIs."""
    def data_uri(match: re.Match[str]) -> str:
        png = images.joinpath(match.group(2)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(png).decode()})"
    return _CSS_IMAGE.sub(data_uri, css)


def _element(tag: str, name: str, text: str) -> str:
    # Inline code must not be able to end its element early (or open an HTML comment).
    if _CLOSERS.search(text):
        raise ValueError(f"{name} cannot be inlined: it contains </script>, </style> or <!--")
    return f"<{tag}>/* {name} */\n{text}\n</{tag}>"


def inline_assets() -> str:
    """Leaflet and timemap.js/.css as inline <style>/<script> elements, for a page that must
    load nothing (the HTML export): Leaflet's images become data: URIs, its source-map
    comment is dropped."""
    leaflet = leaflet_source()
    own = resources.files("karabakh_map.mapview").joinpath("static")
    css = _inline_css(leaflet.joinpath("leaflet.css").read_text(encoding="utf-8"),
                      leaflet.joinpath("images"))
    js = _SOURCE_MAP.sub("", leaflet.joinpath("leaflet.js").read_text(encoding="utf-8"))
    return "\n".join([
        _element("style", "Leaflet (BSD-2-Clause)", css),
        _element("style", "karabakh-map timemap.css", own.joinpath("timemap.css").read_text(
            encoding="utf-8")),
        _element("script", "Leaflet 1.9 (BSD-2-Clause)", js),
        _element("script", "karabakh-map timemap.js", own.joinpath("timemap.js").read_text(
            encoding="utf-8")),
    ])
