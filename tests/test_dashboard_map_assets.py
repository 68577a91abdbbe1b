"""The map's files live in a cache folder, never inside the installed packages.

A wheel in site-packages or a container image may be read-only: drawing the map page must
write nothing under dashboard/, karabakh_map/ or geodata/. Leaflet still comes from the
installed django-js-lib-leaflet package, copied into the cache.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from karabakh_map.demo import open_with_demo
from karabakh_map.mapview import assets
from karabakh_map.mapview.files import leaflet_source

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "dashboard" / "app.py")
PACKAGES = tuple(REPO / name for name in ("dashboard", "karabakh_map", "geodata"))


@pytest.fixture
def fresh_caches() -> Any:
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def test_cache_dir_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(assets.CACHE_ENV, str(tmp_path / "mine"))
    assert assets.cache_dir() == tmp_path / "mine"


def test_cache_dir_is_the_user_cache_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(assets.CACHE_ENV, raising=False)
    monkeypatch.setattr(assets, "user_cache_dir", lambda app: str(tmp_path / app))
    assert assets.cache_dir() == tmp_path / "karabakh-map"


def test_cache_dir_falls_back_to_a_private_temp_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.delenv(assets.CACHE_ENV, raising=False)
    monkeypatch.setattr(assets, "user_cache_dir", lambda app: str(blocker / app))
    folder = assets.cache_dir()
    assert folder.is_dir() and Path(tempfile.gettempdir()) in folder.parents
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def _spy(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, written: list[Path],
         target: Callable[..., Any]) -> None:
    real = getattr(owner, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        written.append(Path(target(*args, **kwargs)).resolve())
        return real(*args, **kwargs)
    monkeypatch.setattr(owner, name, spy)


def _opened_for_writing(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
    return file if isinstance(file, str | os.PathLike) and set(mode) & set("wax+") else "/"


def test_map_page_writes_nothing_inside_the_packages(tmp_path, monkeypatch, fresh_caches):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    monkeypatch.setenv(assets.CACHE_ENV, str(tmp_path / "cache"))
    before = {p for pkg in PACKAGES for p in pkg.rglob("*") if "__pycache__" not in p.parts}
    written: list[Path] = []
    _spy(monkeypatch, Path, "mkdir", written, lambda self, *a, **k: self)
    _spy(monkeypatch, tempfile, "mkstemp", written,
         lambda *a, dir=None, **k: dir or tempfile.gettempdir())
    _spy(monkeypatch, os, "replace", written, lambda src, dst, *a, **k: dst)
    _spy(monkeypatch, Path, "write_bytes", written, lambda self, *a, **k: self)
    _spy(monkeypatch, Path, "write_text", written, lambda self, *a, **k: self)
    import builtins
    _spy(monkeypatch, builtins, "open", written, _opened_for_writing)

    at = AppTest.from_file(APP, default_timeout=60).run()

    assert not at.exception
    inside = [p for p in written if any(pkg in p.parents or p == pkg for pkg in PACKAGES)]
    assert inside == []
    after = {p for pkg in PACKAGES for p in pkg.rglob("*") if "__pycache__" not in p.parts}
    assert after - before == set()
    kbm = tmp_path / "cache" / assets.ASSET_DIR
    leaflet = kbm / "leaflet" / "leaflet.js"
    assert leaflet.read_bytes() == leaflet_source().joinpath("leaflet.js").read_bytes()
    assert (kbm / "timemap.js").is_file()
    assert not list(kbm.glob("*.geojson"))  # the dashboard's map carries its layers inline


def test_the_map_loads_its_files_from_the_component_route(tmp_path, monkeypatch, fresh_caches):
    """The served URL is the cache folder's, registered with Streamlit (no /app/static/)."""
    from dashboard import map_assets

    monkeypatch.setenv(assets.CACHE_ENV, str(tmp_path / "cache"))
    seen: dict[str, Any] = {}

    def capture(name: str, path: Any = None, url: Any = None) -> Any:
        seen.update(name=name, path=Path(path))
        return type("Component", (), {"name": f"dashboard.map_assets.{name}"})()
    monkeypatch.setattr(map_assets.components, "declare_component", capture)
    root, served_at = map_assets.register()
    assert root == tmp_path / "cache"
    assert seen["path"] == root / assets.ASSET_DIR and seen["path"].is_dir()
    assert served_at == f"/component/dashboard.map_assets.{map_assets.COMPONENT}/"
