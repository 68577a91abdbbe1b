"""The folium element that hands a map and its config to timemap.js."""

from __future__ import annotations

from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from karabakh_map.mapview.escape import script_json
from karabakh_map.mapview.files import asset_version


class TimeMap(JSCSSMixin, MacroElement):
    """Hands the map and its config to timemap.js (loaded as this element's default_js).

    The config carries untrusted text (notes, titles, quotes). branca would compile this
    macro's output as a Jinja template once more when the page is rendered, so a note
    holding `{{ ... }}` would run as Python on the server: `render` puts the script on the
    page as it is. The macro stays for streamlit-folium, which calls it directly.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "KbmTimeMap.init({{ this._parent.get_name() }}, {{ this.config_json }});"
        "{% endmacro %}"
    )

    def __init__(self, config: dict[str, Any], files: dict[str, bytes], static_url: str | None):
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "KbmTimeMap"
        self.config = config
        self.files = files  # file name -> content, for assets.publish
        self.config_json = script_json(config)
        if static_url is None:  # standalone: the page carries timemap.js/.css inline
            self.default_js, self.default_css = [], []
            return
        version = asset_version()
        self.default_js = [("kbm_timemap", f"{static_url}timemap.js?v={version}")]
        self.default_css = [("kbm_timemap_css", f"{static_url}timemap.css?v={version}")]

    # A macro element renders into its figure and returns nothing (as folium's own do).
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        """JSCSSMixin's links, then the script as plain text (never a template)."""
        figure = self.get_root()
        assert isinstance(figure, Figure), "a TimeMap renders inside a folium Map's figure"
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        script = self._template.module.script(self, kwargs)
        figure.script.add_child(RawHtml(str(script)), name=self.get_name())


class RawHtml(Element):
    """Markup put in the page as is (an Element's text would be read as a Jinja template)."""

    def __init__(self, markup: str):
        super().__init__()
        self.markup = markup

    def render(self, **kwargs: Any) -> str:
        return self.markup


def time_map_element(m: folium.Map) -> TimeMap:
    """The TimeMap element of a map made by build_map."""
    for child in m._children.values():
        if isinstance(child, TimeMap):
            return child
    raise ValueError("this map was not made by build_map (no TimeMap element)")
