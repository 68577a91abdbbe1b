"""The files the map's page needs, read from installed packages (never written here).

Leaflet comes from the installed django-js-lib-leaflet package (no CDN, nothing vendored);
timemap.css and the parts of timemap.js (timemap.core.js, .controls.js, .layers.js) ship in
this package's static/ folder; `own_file` serves the parts as ONE timemap.js (one request,
one hash). `inline_assets` puts Leaflet and ours in a page that must load nothing (the HTML
export).
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from importlib.abc import Traversable

LEAFLET_FILES = (
    "leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
    "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png",
)
OWN_FILES = ("timemap.js", "timemap.css")  # the names served
JS_PARTS = ("timemap.core.js", "timemap.controls.js", "timemap.layers.js")  # timemap.js, in order
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


def own_source() -> Traversable:
    """This package's static folder (timemap.css and the parts of timemap.js)."""
    return resources.files("karabakh_map.mapview").joinpath("static")


def own_file(name: str) -> bytes:
    """One of OWN_FILES as served: timemap.js is its parts joined in order."""
    own = own_source()
    if name == "timemap.js":
        return b"\n".join(own.joinpath(part).read_bytes() for part in JS_PARTS)
    return own.joinpath(name).read_bytes()


def asset_version() -> str:
    """A short hash of timemap.js and .css, so browsers never keep a stale copy."""
    digest = hashlib.sha256()
    for name in OWN_FILES:
        digest.update(own_file(name))
    return digest.hexdigest()[:10]


def _inline_css(css: str, images: Traversable) -> str:
    """CSS with its `url(images/x.png)` references turned into data: URIs."""
    def data_uri(match: re.Match[str]) -> str:
        png = images.joinpath(match.group(2)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(png).decode()})"
    return _CSS_IMAGE.sub(data_uri, css)


def _inlinable(name: str, text: str) -> str:
    """`text` itself; ValueError when it could end its element early (or open a comment)."""
    if _CLOSERS.search(text):
        raise ValueError(f"{name} cannot be inlined: it contains </script>, </style> or <!--")
    return text


def _element(tag: str, name: str, text: str) -> str:
    return f"<{tag}>/* {name} */\n{_inlinable(name, text)}\n</{tag}>"


def inline_css() -> str:
    """Leaflet's CSS (its images as data: URIs) and timemap.css, as <style> elements."""
    leaflet = leaflet_source()
    css = _inline_css(leaflet.joinpath("leaflet.css").read_text(encoding="utf-8"),
                      leaflet.joinpath("images"))
    return "\n".join([
        _element("style", "Leaflet (BSD-2-Clause)", css),
        _element("style", "karabakh-map timemap.css", own_file("timemap.css").decode()),
    ])


def _scripts() -> tuple[tuple[str, str], ...]:
    """(name, code): Leaflet's JavaScript (its source-map comment dropped), then timemap.js."""
    leaflet = _SOURCE_MAP.sub("", leaflet_source().joinpath("leaflet.js")
                              .read_text(encoding="utf-8"))
    return (("Leaflet 1.9 (BSD-2-Clause)", leaflet),
            ("karabakh-map timemap.js", own_file("timemap.js").decode()))


def inline_js() -> str:
    """Leaflet's JavaScript, then timemap.js: the code a map's script needs before it runs,
    as plain script text."""
    return "".join(f"/* {name} */\n{_inlinable(name, text)}\n" for name, text in _scripts())


def inline_assets() -> str:
    """Leaflet and timemap.js/.css as inline <style>/<script> elements, for a page that must
    load nothing (the HTML export): Leaflet's images become data: URIs, its source-map
    comment is dropped."""
    return "\n".join([inline_css(), *(_element("script", name, text)
                                        for name, text in _scripts())])
