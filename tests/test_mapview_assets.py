"""Static assets: Leaflet from the installed package, our script, the layer files."""

from __future__ import annotations

import json
from datetime import date

import pytest

from karabakh_map.mapview.assets import ASSET_DIR, install_assets, publish, publish_layers
from karabakh_map.mapview.build import build_map
from karabakh_map.mapview.element import time_map_element
from karabakh_map.mapview.files import leaflet_source
from tests.support.mapview_fixtures import BACKDROP, CORRIDOR, DISTRICTS, KEY_DATES, SPAN, TIMELINE


def test_leaflet_comes_from_the_installed_package():
    src = leaflet_source()
    assert "Leaflet 1.9" in src.joinpath("leaflet.js").read_text()[:200]


def test_install_copies_once_then_leaves_files_alone(tmp_path):
    written = install_assets(tmp_path)
    assert (tmp_path / ASSET_DIR / "leaflet" / "leaflet.js").is_file()
    assert (tmp_path / ASSET_DIR / "leaflet" / "images" / "layers.png").is_file()
    assert (tmp_path / ASSET_DIR / "timemap.js").read_text().count("KbmTimeMap") >= 1
    assert len(written) >= 4
    assert install_assets(tmp_path) == []  # unchanged content: nothing rewritten


def test_install_repairs_a_changed_file(tmp_path):
    install_assets(tmp_path)
    target = tmp_path / ASSET_DIR / "timemap.js"
    target.write_text("stale")
    assert install_assets(tmp_path) == [target]
    assert "KbmTimeMap" in target.read_text()


def test_publish_writes_the_layers_the_config_points_to(tmp_path):
    m = build_map(DISTRICTS, CORRIDOR, BACKDROP, timeline=TIMELINE, key_dates=KEY_DATES,
                  span=SPAN, initial_date=date(2020, 11, 20))
    publish(tmp_path, m)
    cfg = time_map_element(m).config
    for url in filter(None, cfg["geometry"].values()):
        path = tmp_path / url.removeprefix("/app/static/")
        assert json.loads(path.read_text())["type"] == "FeatureCollection"
    assert publish_layers(tmp_path, m) == []


def test_inline_code_is_the_served_code_and_cannot_end_its_element(monkeypatch):
    """The dashboard's frame (inline_js) and the HTML export (inline_assets) carry the same
    scripts; a script holding '</script>' is refused, not inlined to break the page."""
    from karabakh_map.mapview import files

    served = files.own_file("timemap.js").decode()
    assert served in files.inline_js() and served in files.inline_assets()
    assert "sourceMappingURL" not in files.inline_js()
    real = files.own_file
    monkeypatch.setattr(files, "own_file", lambda name: real(name) + (
        b"\n// </script><script>alert(1)" if name == "timemap.js" else b""))
    for inline in (files.inline_js, files.inline_assets):
        with pytest.raises(ValueError, match=r"timemap\.js cannot be inlined"):
            inline()
